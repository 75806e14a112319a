using System.Globalization;
using System.Runtime.InteropServices;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Skills.GetRelatedSkills;

public sealed class GetRelatedSkillsHandler(IGraphStore graph) : IQueryHandler<GetRelatedSkills, RelatedSkills>
{
    public async ValueTask<RelatedSkills> Handle(GetRelatedSkills query, CancellationToken cancellationToken)
    {
        var skill = await graph.RequireAsync(query.Skill, ConceptKind.Skill, cancellationToken).ConfigureAwait(false);
        var occupations = await graph.AllNeighboursAsync(skill.Uri, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<ConceptUri, int>();
        foreach (var page in await graph.AllNeighboursOfManyAsync(occupations, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false))
        {
            foreach (var other in page)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, other, out _)++;
            }
        }

        counts.Remove(skill.Uri);
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(query.First).ToList();

        var linked = new List<(ConceptUri Uri, string Relation, bool Outgoing)>();
        foreach (var (type, relation) in ((RelationType, string)[])[(RelationType.EssentialRelatedSkill, "essential"), (RelationType.OptionalRelatedSkill, "optional")])
        {
            foreach (var uri in await graph.AllNeighboursAsync(skill.Uri, type, Direction.Outgoing, cancellationToken).ConfigureAwait(false))
            {
                linked.Add((uri, relation, true));
            }

            foreach (var uri in await graph.AllNeighboursAsync(skill.Uri, type, Direction.Incoming, cancellationToken).ConfigureAwait(false))
            {
                linked.Add((uri, relation, false));
            }
        }

        var concepts = await graph.ConceptMapAsync([.. top.Select(t => t.Key), .. linked.Select(l => l.Uri)], cancellationToken).ConfigureAwait(false);
        return new RelatedSkills(
            ConceptRef.Of(skill),
            occupations.Count,
            [.. top.Select(t => new CoRequiredSkill(ConceptRef.Of(concepts[t.Key]), t.Value,
                string.Create(CultureInfo.InvariantCulture, $"essential for {t.Value} of the {occupations.Count} occupations that require {skill.PreferredLabel}")))],
            [.. linked.Take(query.First).Select(l => new LinkedSkill(ConceptRef.Of(concepts[l.Uri]), l.Relation, l.Outgoing,
                l.Outgoing
                    ? $"{skill.PreferredLabel} has {concepts[l.Uri].PreferredLabel} as an {l.Relation} related skill (ESCO)"
                    : $"{concepts[l.Uri].PreferredLabel} has {skill.PreferredLabel} as an {l.Relation} related skill (ESCO)"))]);
    }
}
