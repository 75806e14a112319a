using System.Runtime.InteropServices;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupations;

/// <summary>
/// Ranks the occupations that list at least one of the given skills (essential or optional):
/// <code>
/// score(o) = Σ_{s ∈ matched(o)} w_s · idf_s · r_{o,s}  /  (Σ_s w_s · idf_s)  /  (E_o + α · O_o)^β
///   w_s    = the skill's weight (the extractor's score), in (0, 1]
///   idf_s  = ln(1 + N / n_s): N occupations in the graph, n_s of them list s (essential or optional)
///   r_{o,s} = 1 when s is essential for o, α (OptionalWeight) when it is optional
///   E_o, O_o = o's numbers of essential and optional skills; β = LengthExponent
/// </code>
/// So a skill few occupations need says more than one many need, an essential match counts more than an optional
/// one, and the length term keeps occupations with huge skill lists from winning by sheer size (β = 0: plain
/// weighted overlap; β = 1: overlap per listed skill). The middle factor only scales the score into a
/// comparable range across texts. Ties: label, then URI (ordinal). Defaults (α, β and the number of skills taken
/// from a text) were tuned on teacher job descriptions of one seed; see <c>SuggestionEvaluation</c> in the CLI.
/// </summary>
public sealed class SuggestOccupationsHandler(IGraphStore graph) : IQueryHandler<SuggestOccupations, IReadOnlyList<OccupationSuggestion>>
{
    public async ValueTask<IReadOnlyList<OccupationSuggestion>> Handle(SuggestOccupations query, CancellationToken cancellationToken)
    {
        // The skills, each once (the highest weight wins), in first-seen order so that sums are reproducible.
        var weights = new Dictionary<ConceptUri, double>();
        var skills = new List<ConceptUri>();
        foreach (var skill in query.Skills)
        {
            ref var weight = ref CollectionsMarshal.GetValueRefOrAddDefault(weights, skill.Skill, out var seen);
            if (!seen)
            {
                skills.Add(skill.Skill);
            }

            weight = Math.Max(weight, skill.Weight);
        }

        var concepts = await graph.GetConceptsAsync(skills, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < skills.Count; i++)
        {
            if (concepts[i] is not { Kind: ConceptKind.Skill } concept)
            {
                var index = IndexOf(query.Skills, skills[i]);
                throw new ConceptNotFoundException(concepts[i] is { } other
                    ? $"skills[{index}]: {skills[i]} names the {GraphReads.Describe(other.Kind)} '{other.PreferredLabel}', not a skill"
                    : $"skills[{index}]: no skill has the URI {skills[i]}");
            }
        }

        var essentialFor = await graph.AllNeighboursOfManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = await graph.AllNeighboursOfManyAsync(skills, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var occupationCount = Math.Max(1, (await graph.CountAsync(cancellationToken).ConfigureAwait(false)).Occupations);

        // One pass over the occupations that list each skill: the weighted matches, essential and optional.
        var alpha = query.OptionalWeight;
        var tallies = new Dictionary<ConceptUri, double>();
        var total = 0.0;
        var listing = new HashSet<ConceptUri>();
        var essentialHere = new HashSet<ConceptUri>();
        for (var i = 0; i < skills.Count; i++)
        {
            essentialHere.Clear();
            essentialHere.UnionWith(essentialFor[i]);
            listing.Clear();
            listing.UnionWith(essentialHere);
            listing.UnionWith(optionalFor[i]);
            if (listing.Count == 0)
            {
                continue; // a skill no occupation lists cannot point to one
            }

            var value = weights[skills[i]] * Math.Log(1 + (occupationCount / (double)listing.Count));
            total += value;
            foreach (var occupation in essentialFor[i])
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, occupation, out _) += value;
            }

            if (alpha > 0)
            {
                foreach (var occupation in optionalFor[i])
                {
                    if (!essentialHere.Contains(occupation))
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(tallies, occupation, out _) += alpha * value;
                    }
                }
            }
        }

        if (tallies.Count == 0)
        {
            return [];
        }

        // The length term needs only the sizes of the candidates' skill lists.
        var candidates = tallies.Keys.ToArray();
        var essentialCounts = await graph.CountNeighboursManyAsync(candidates, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var optionalCounts = await graph.CountNeighboursManyAsync(candidates, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var scored = new (ConceptUri Uri, double Score, int Index)[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var size = Math.Max(1.0, essentialCounts[i] + (alpha * optionalCounts[i]));
            scored[i] = (candidates[i], tallies[candidates[i]] / total / Math.Pow(size, query.LengthExponent), i);
        }

        // Best first by score; the URI orders the cut, then the few that are kept (and any tied with the last) by label.
        Array.Sort(scored, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Uri.CompareTo(b.Uri));
        var keep = Math.Min(query.First, scored.Length);
        while (keep < scored.Length && scored[keep].Score == scored[keep - 1].Score)
        {
            keep++;
        }

        var top = scored[..keep];
        var topUris = top.Select(t => t.Uri).ToArray();
        var theirEssential = await graph.AllNeighboursOfManyAsync(topUris, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var theirOptional = await graph.AllNeighboursOfManyAsync(topUris, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var occupations = await graph.ConceptMapAsync(topUris, cancellationToken).ConfigureAwait(false);
        var skillRefs = new Dictionary<ConceptUri, ConceptRef>(skills.Count);
        for (var i = 0; i < skills.Count; i++)
        {
            skillRefs[skills[i]] = ConceptRef.Of(concepts[i]!);
        }

        List<ConceptRef> Matched(IReadOnlyList<ConceptUri> listed, IReadOnlyList<ConceptUri>? except)
        {
            var matched = new List<ConceptRef>();
            foreach (var skill in listed)
            {
                if (skillRefs.TryGetValue(skill, out var found) && (except is null || !except.Contains(skill)))
                {
                    matched.Add(found);
                }
            }

            matched.Sort(static (a, b) => string.CompareOrdinal(a.Label, b.Label));
            return matched;
        }

        var suggestions = new List<OccupationSuggestion>(top.Length);
        for (var i = 0; i < top.Length; i++)
        {
            var t = top[i];
            suggestions.Add(new OccupationSuggestion(
                ConceptRef.Of(occupations[t.Uri]),
                Math.Round(t.Score, 6),
                essentialCounts[t.Index],
                optionalCounts[t.Index],
                Matched(theirEssential[i], null),
                Matched(theirOptional[i], theirEssential[i])));
        }

        // Exact score first (not the rounded one), then label, then URI.
        var exact = top.ToDictionary(t => t.Uri, t => t.Score);
        return [.. suggestions
            .OrderByDescending(s => exact[s.Occupation.Uri])
            .ThenBy(s => s.Occupation.Label, StringComparer.Ordinal)
            .ThenBy(s => s.Occupation.Uri)
            .Take(query.First)];
    }

    private static int IndexOf(IReadOnlyList<WeightedSkill> skills, ConceptUri uri)
    {
        for (var i = 0; i < skills.Count; i++)
        {
            if (skills[i].Skill == uri)
            {
                return i;
            }
        }

        return -1;
    }
}
