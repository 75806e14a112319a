using System.Globalization;
using System.Runtime.InteropServices;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Occupations.GetRelatedOccupations;

public sealed class GetRelatedOccupationsHandler(IGraphStore graph) : IQueryHandler<GetRelatedOccupations, IReadOnlyList<RelatedOccupation>>
{
    public async ValueTask<IReadOnlyList<RelatedOccupation>> Handle(GetRelatedOccupations query, CancellationToken cancellationToken)
    {
        var occupation = await graph.RequireAsync(query.Occupation, ConceptKind.Occupation, cancellationToken).ConfigureAwait(false);
        var essential = await graph.AllNeighboursAsync(occupation.Uri, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var essentialSet = essential.ToHashSet();
        var optional = query.OptionalWeight > 0
            ? [.. (await graph.AllNeighboursAsync(occupation.Uri, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false)).Where(s => !essentialSet.Contains(s))]
            : Array.Empty<ConceptUri>();

        // One pass over the occupations that list each of our skills: count shared essential and other shared skills.
        var tallies = new Dictionary<ConceptUri, Tally>();
        var essentialFor = await graph.AllNeighboursOfManyAsync(essential, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        foreach (var page in essentialFor)
        {
            foreach (var other in page.Items)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, other, out _).Essential++;
            }
        }

        if (query.OptionalWeight > 0)
        {
            var optionalForEssential = await graph.AllNeighboursOfManyAsync(essential, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            var essentialForOptional = await graph.AllNeighboursOfManyAsync(optional, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            var optionalForOptional = await graph.AllNeighboursOfManyAsync(optional, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            foreach (var page in optionalForEssential.Concat(essentialForOptional).Concat(optionalForOptional))
            {
                foreach (var other in page.Items)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(tallies, other, out _).Other++;
                }
            }
        }

        tallies.Remove(occupation.Uri);
        var top = tallies
            .Select(t => (Uri: t.Key, t.Value.Essential, t.Value.Other, Score: t.Value.Essential + (query.OptionalWeight * t.Value.Other)))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score)
            .ThenByDescending(t => t.Essential)
            .ThenBy(t => t.Uri)
            .Take(query.First)
            .ToList();
        if (top.Count == 0)
        {
            return [];
        }

        // The shared skills, for the winners only.
        var topUris = top.Select(t => t.Uri).ToList();
        var theirEssential = await graph.AllNeighboursOfManyAsync(topUris, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var theirOptional = query.OptionalWeight > 0
            ? await graph.AllNeighboursOfManyAsync(topUris, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false)
            : null;
        var ours = essential.Concat(optional).ToHashSet();
        var sharedEssential = new List<ConceptUri>[top.Count];
        var sharedOther = new List<ConceptUri>[top.Count];
        for (var i = 0; i < top.Count; i++)
        {
            sharedEssential[i] = [.. theirEssential[i].Items.Where(essentialSet.Contains)];
            sharedOther[i] = theirOptional is null
                ? []
                : [.. theirEssential[i].Items.Concat(theirOptional[i].Items).Where(s => ours.Contains(s) && !sharedEssential[i].Contains(s)).Distinct()];
        }

        var concepts = await graph.ConceptMapAsync([.. topUris, .. sharedEssential.SelectMany(s => s), .. sharedOther.SelectMany(s => s)], cancellationToken).ConfigureAwait(false);
        return [.. top.Select((t, i) =>
        {
            var essentialRefs = sharedEssential[i].Select(s => ConceptRef.Of(concepts[s])).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
            var otherRefs = sharedOther[i].Select(s => ConceptRef.Of(concepts[s])).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
            return new RelatedOccupation(ConceptRef.Of(concepts[t.Uri]), Math.Round(t.Score, 4), essentialRefs, otherRefs, Reason(occupation, essentialRefs, t.Other));
        })];
    }

    private static string Reason(Concept occupation, IReadOnlyList<ConceptRef> sharedEssential, int otherShared)
    {
        var examples = string.Join(", ", sharedEssential.Take(3).Select(s => s.Label));
        var essentialPart = sharedEssential.Count switch
        {
            0 => "shares no essential skill",
            1 => string.Create(CultureInfo.InvariantCulture, $"shares 1 essential skill with {occupation.PreferredLabel} ({examples})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"shares {sharedEssential.Count} essential skills with {occupation.PreferredLabel} (e.g. {examples})"),
        };
        return otherShared > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{essentialPart} and {otherShared} more skills that are optional for one of them")
            : essentialPart;
    }

    private struct Tally
    {
        public int Essential;
        public int Other;
    }
}
