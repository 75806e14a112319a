using System.Globalization;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Skills.GetRelatedSkills;

/// <summary>
/// Two reads: the walk (<see cref="IGraphStore.GetSkillRelationsAsync"/>), then the skill and every related skill in
/// one batch of concepts.
/// </summary>
public sealed class GetRelatedSkillsHandler(IGraphStore graph) : IQueryHandler<GetRelatedSkills, RelatedSkills>
{
    public async ValueTask<RelatedSkills> Handle(GetRelatedSkills query, CancellationToken cancellationToken)
    {
        var walk = await graph.GetSkillRelationsAsync(query.Skill, query.First, cancellationToken).ConfigureAwait(false);
        var linked = new List<(ConceptUri Uri, string Relation, bool Outgoing)>();
        foreach (var (list, relation, outgoing) in ((IReadOnlyList<ConceptUri>, string, bool)[])
            [(walk.EssentialOut, "essential", true), (walk.EssentialIn, "essential", false), (walk.OptionalOut, "optional", true), (walk.OptionalIn, "optional", false)])
        {
            foreach (var uri in list)
            {
                linked.Add((uri, relation, outgoing));
            }
        }

        var read = await graph.GetConceptsAsync([query.Skill, .. walk.CoRequired, .. linked.Select(l => l.Uri)], cancellationToken).ConfigureAwait(false);
        var skill = GraphReads.Require(read[0], query.Skill, ConceptKind.Skill);
        var concepts = new Dictionary<ConceptUri, Concept>(read.Count);
        foreach (var concept in read.Skip(1))
        {
            if (concept is not null)
            {
                concepts.TryAdd(concept.Uri, concept);
            }
        }

        var occupations = walk.OccupationsRequiring;
        return new RelatedSkills(
            ConceptRef.Of(skill),
            occupations,
            [.. walk.CoRequired.Select((uri, i) => new CoRequiredSkill(ConceptRef.Of(concepts[uri]), walk.CoRequiredBy[i],
                string.Create(CultureInfo.InvariantCulture, $"essential for {walk.CoRequiredBy[i]} of the {occupations} occupations that require {skill.PreferredLabel}")))],
            [.. linked.Take(query.First).Select(l => new LinkedSkill(ConceptRef.Of(concepts[l.Uri]), l.Relation, l.Outgoing,
                l.Outgoing
                    ? $"{skill.PreferredLabel} has {concepts[l.Uri].PreferredLabel} as an {l.Relation} related skill (ESCO)"
                    : $"{concepts[l.Uri].PreferredLabel} has {skill.PreferredLabel} as an {l.Relation} related skill (ESCO)"))]);
    }
}
