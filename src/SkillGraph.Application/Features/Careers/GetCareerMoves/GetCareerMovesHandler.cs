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
        // Read 1: the skills held (the occupation's and those given), the occupations that need one of them, and their essential skills.
        var walk = await graph.GetCareerCandidatesAsync(query.From, query.HeldSkills, cancellationToken).ConfigureAwait(false);
        var held = new HashSet<ConceptUri>(walk.FromSkills);
        held.UnionWith(query.HeldSkills);
        var candidateList = walk.Candidates;
        var essentials = walk.CandidateEssential;
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

        // Read 2: the occupation moved from, the skills given, the moves and their skills, in one batch.
        var asked = new List<ConceptUri>(query.HeldSkills.Count + 1);
        if (query.From is { } fromUri)
        {
            asked.Add(fromUri);
        }

        asked.AddRange(query.HeldSkills);
        var answer = await graph.GetConceptsAsync([.. asked, .. ranked.Select(r => r.Uri), .. missingLists.SelectMany(m => m), .. sharedLists.SelectMany(s => s)], cancellationToken).ConfigureAwait(false);
        var from = query.From is { } movedFrom ? GraphReads.Require(answer[0], movedFrom, ConceptKind.Occupation) : null;
        var offset = from is null ? 0 : 1;
        for (var i = 0; i < query.HeldSkills.Count; i++)
        {
            if (answer[offset + i] is not { Kind: ConceptKind.Skill })
            {
                throw new ConceptNotFoundException($"heldSkillUris: no skill has the URI {query.HeldSkills[i]}");
            }
        }

        var concepts = new Dictionary<ConceptUri, Concept>(answer.Count);
        foreach (var concept in answer.Skip(asked.Count))
        {
            concepts.TryAdd(concept!.Uri, concept);
        }

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
