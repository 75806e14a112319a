using System.Globalization;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Careers.GetCareerMoves;

/// <summary>
/// Candidates are the occupations that require at least one held skill essentially. Ranked by missing essential
/// skills (fewest first), then coverage of their essential skills (highest first), then URI.
/// </summary>
public sealed class GetCareerMovesHandler(IGraphStore graph) : IQueryHandler<GetCareerMoves, IReadOnlyList<CareerMove>>
{
    public async ValueTask<IReadOnlyList<CareerMove>> Handle(GetCareerMoves query, CancellationToken cancellationToken)
    {
        var held = new HashSet<ConceptUri>();
        Concept? from = null;
        if (query.From is { } fromUri)
        {
            from = await graph.RequireAsync(fromUri, ConceptKind.Occupation, cancellationToken).ConfigureAwait(false);
            held.UnionWith(await graph.AllNeighboursAsync(fromUri, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false));
            held.UnionWith(await graph.AllNeighboursAsync(fromUri, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false));
        }

        var explicitHeld = await graph.GetConceptsAsync(query.HeldSkills, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < explicitHeld.Count; i++)
        {
            if (explicitHeld[i] is not { Kind: ConceptKind.Skill })
            {
                throw new ConceptNotFoundException($"heldSkillUris: no skill has the URI {query.HeldSkills[i]}");
            }

            held.Add(query.HeldSkills[i]);
        }

        var heldList = held.ToList();
        var candidates = new HashSet<ConceptUri>();
        foreach (var page in await graph.AllNeighboursOfManyAsync(heldList, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false))
        {
            candidates.UnionWith(page);
        }

        if (from is not null)
        {
            candidates.Remove(from.Uri);
        }

        var candidateList = candidates.ToList();
        var essentials = await graph.AllNeighboursOfManyAsync(candidateList, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var ranked = candidateList
            .Select((uri, i) =>
            {
                var essential = essentials[i];
                var missing = essential.Count(s => !held.Contains(s));
                return (Uri: uri, Index: i, Essential: essential.Count, Missing: missing, Coverage: essential.Count == 0 ? 0 : (essential.Count - missing) / (double)essential.Count);
            })
            .OrderBy(c => c.Missing)
            .ThenByDescending(c => c.Coverage)
            .ThenBy(c => c.Uri)
            .Take(query.First)
            .ToList();

        var missingLists = ranked.Select(r => essentials[r.Index].Where(s => !held.Contains(s)).ToList()).ToList();
        var sharedLists = ranked.Select(r => essentials[r.Index].Where(held.Contains).ToList()).ToList();
        var concepts = await graph.ConceptMapAsync([.. ranked.Select(r => r.Uri), .. missingLists.SelectMany(m => m), .. sharedLists.SelectMany(s => s)], cancellationToken).ConfigureAwait(false);
        var origin = from is null ? "your skills" : $"{from.PreferredLabel}'s skills";
        return [.. ranked.Select((r, i) =>
        {
            var missing = missingLists[i].Select(s => ConceptRef.Of(concepts[s])).OrderBy(s => s.Label, StringComparer.Ordinal).ToList();
            var reason = r.Missing == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{origin} cover all {r.Essential} essential skills of {concepts[r.Uri].PreferredLabel}")
                : string.Create(CultureInfo.InvariantCulture, $"{origin} cover {r.Essential - r.Missing} of {r.Essential} essential skills of {concepts[r.Uri].PreferredLabel}; missing: {string.Join(", ", missing.Take(5).Select(m => m.Label))}{(missing.Count > 5 ? ", …" : string.Empty)}");
            return new CareerMove(ConceptRef.Of(concepts[r.Uri]), r.Essential, r.Missing, Math.Round(r.Coverage, 4), missing,
                [.. sharedLists[i].Select(s => ConceptRef.Of(concepts[s])).OrderBy(s => s.Label, StringComparer.Ordinal)], reason);
        })];
    }
}
