using System.Runtime.InteropServices;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Curation;
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
/// comparable range across texts. Ties: label, then URI (ordinal). Defaults (α, β) were tuned on teacher job descriptions
/// of one seed; see <c>SuggestionEvaluation</c> in the CLI. Skills given with a <see cref="WeightedSkill.Place"/> (a text's
/// readings, <c>SuggestOccupationsForText</c>) count once a place: each sum takes, per place, its largest term
/// (<see cref="OccupationScore"/>, decision 0033), and an occupation's matched skills are those that counted.
/// </summary>
public sealed class SuggestOccupationsHandler(IGraphStore graph) : IQueryHandler<SuggestOccupations, IReadOnlyList<OccupationSuggestion>>
{
    public async ValueTask<IReadOnlyList<OccupationSuggestion>> Handle(SuggestOccupations query, CancellationToken cancellationToken)
    {
        // The skills, each once (for the reads), and the rows: a skill once per place it was read at (the highest weight wins),
        // in first-seen order so that sums are reproducible.
        var skillIndex = new Dictionary<ConceptUri, int>();
        var skills = new List<ConceptUri>();
        var rowOf = new Dictionary<(ConceptUri, int?), int>();
        var entries = new List<(int Skill, int? Place, double Weight)>();
        foreach (var skill in query.Skills)
        {
            if (!skillIndex.TryGetValue(skill.Skill, out var index))
            {
                skillIndex[skill.Skill] = index = skills.Count;
                skills.Add(skill.Skill);
            }

            // Without a place, a skill given twice is one row, as it always was.
            if (rowOf.TryGetValue((skill.Skill, skill.Place), out var row))
            {
                entries[row] = entries[row] with { Weight = Math.Max(entries[row].Weight, skill.Weight) };
            }
            else
            {
                rowOf[(skill.Skill, skill.Place)] = entries.Count;
                entries.Add((index, skill.Place, skill.Weight));
            }
        }

        // Two reads: the listings of the skills, then the skills and the suggested occupations in one batch.
        var listings = await graph.GetSkillListingsAsync(skills, cancellationToken).ConfigureAwait(false);
        var essentialFor = listings.EssentialFor;
        var optionalFor = listings.OptionalFor;
        var occupationCount = listings.OccupationCount;

        // The score itself (shared with the student's graph re-ranking), then the numbers of matches the answer shows.
        var sizes = new Dictionary<ConceptUri, int>(listings.Occupations.Count);
        for (var i = 0; i < listings.Occupations.Count; i++)
        {
            sizes[listings.Occupations[i]] = i;
        }

        var rows = new SkillListing[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var (skill, place, weight) = entries[i];
            rows[i] = new SkillListing(weight, essentialFor[skill], optionalFor[skill], place);
        }

        var scores = OccupationScore.Of(rows, occupationCount, o => (listings.EssentialCounts[sizes[o]], listings.OptionalCounts[sizes[o]]), query.OptionalWeight, query.LengthExponent);
        var essentialCounts = new List<int>(scores.Count);
        var optionalCounts = new List<int>(scores.Count);
        foreach (var (occupation, _) in scores)
        {
            var at = sizes[occupation];
            essentialCounts.Add(listings.EssentialCounts[at]);
            optionalCounts.Add(listings.OptionalCounts[at]);
        }

        // Occupations the text names by title: their bonus, and their skill counts when no skill of the text is theirs.
        var namedAs = await AddNamedAsync(query, scores, essentialCounts, optionalCounts, cancellationToken).ConfigureAwait(false);
        var scored = new (ConceptUri Uri, double Score, int Index)[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            scored[i] = (scores[i].Occupation, scores[i].Score, i);
        }

        // Best first by score; the URI orders the cut, then the few that are kept (and any tied with the last) by label.
        Array.Sort(scored, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Uri.CompareTo(b.Uri));
        var keep = Math.Min(query.First, scored.Length);
        while (keep < scored.Length && scored[keep].Score == scored[keep - 1].Score)
        {
            keep++;
        }

        var top = scored[..keep];
        var read = await graph.GetConceptsAsync([.. skills, .. top.Select(t => t.Uri)], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < skills.Count; i++)
        {
            if (read[i] is not { Kind: ConceptKind.Skill })
            {
                var index = IndexOf(query.Skills, skills[i]);
                throw new ConceptNotFoundException(read[i] is { } other
                    ? $"skills[{index}]: {skills[i]} names the {GraphReads.Describe(other.Kind)} '{other.PreferredLabel}', not a skill"
                    : $"skills[{index}]: no skill has the URI {skills[i]}");
            }
        }

        if (top.Length == 0)
        {
            return [];
        }

        // The matched skills of each kept occupation, by URI as its own lists give them (the label sort below is not stable).
        var topIndex = new Dictionary<ConceptUri, int>(top.Length);
        for (var i = 0; i < top.Length; i++)
        {
            topIndex[top[i].Uri] = i;
        }

        var matchedEssential = new List<ConceptUri>[top.Length];
        var matchedOptional = new List<ConceptUri>[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            matchedEssential[i] = [];
            matchedOptional[i] = [];
        }

        // A skill counts for an occupation where it was the one its place gave it (every skill without a place counts).
        var counted = OccupationScore.Counted(rows, occupationCount, topIndex.Keys.ToHashSet(), query.OptionalWeight);
        for (var i = 0; i < top.Length; i++)
        {
            foreach (var row in counted.GetValueOrDefault(top[i].Uri, []))
            {
                var skill = skills[entries[row].Skill];
                var essential = essentialFor[entries[row].Skill].Contains(top[i].Uri); // a skill essential for it is never its optional one too
                var into = essential ? matchedEssential[i] : matchedOptional[i];
                if (!into.Contains(skill))
                {
                    into.Add(skill);
                }
            }
        }

        var skillRefs = new Dictionary<ConceptUri, ConceptRef>(skills.Count);
        for (var i = 0; i < skills.Count; i++)
        {
            skillRefs[skills[i]] = ConceptRef.Of(read[i]!);
        }

        List<ConceptRef> Matched(List<ConceptUri> listed)
        {
            listed.Sort();
            var matched = new List<ConceptRef>(listed.Count);
            foreach (var skill in listed)
            {
                matched.Add(skillRefs[skill]);
            }

            matched.Sort(static (a, b) => string.CompareOrdinal(a.Label, b.Label));
            return matched;
        }

        var suggestions = new List<OccupationSuggestion>(top.Length);
        for (var i = 0; i < top.Length; i++)
        {
            var t = top[i];
            suggestions.Add(new OccupationSuggestion(
                ConceptRef.Of(read[skills.Count + i]!),
                Math.Round(t.Score, 6),
                essentialCounts[t.Index],
                optionalCounts[t.Index],
                Matched(matchedEssential[i]),
                Matched(matchedOptional[i]))
            {
                NamedAs = namedAs.GetValueOrDefault(t.Uri),
            });
        }

        // Exact score first (not the rounded one), then label, then URI.
        var exact = top.ToDictionary(t => t.Uri, t => t.Score);
        return [.. suggestions
            .OrderByDescending(s => exact[s.Occupation.Uri])
            .ThenBy(s => s.Occupation.Label, StringComparer.Ordinal)
            .ThenBy(s => s.Occupation.Uri)
            .Take(query.First)];
    }

    /// <summary>
    /// Adds <see cref="SuggestOccupations.NamedWeight"/> × weight to the score of each occupation the text names (appending those
    /// that match no skill, with their skill counts read from the graph; skipping a name that is no occupation in the graph now, or
    /// a deprecated one); returns the words each named occupation was named by.
    /// </summary>
    private async ValueTask<Dictionary<ConceptUri, string>> AddNamedAsync(
        SuggestOccupations query, List<(ConceptUri Occupation, double Score)> scores, List<int> essentialCounts, List<int> optionalCounts, CancellationToken cancellationToken)
    {
        var namedAs = new Dictionary<ConceptUri, string>();
        if (query.Named.Count == 0 || query.NamedWeight <= 0)
        {
            return namedAs;
        }

        var position = new Dictionary<ConceptUri, int>(scores.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            position[scores[i].Occupation] = i;
        }

        // A name read from a title index a moment old may point to an occupation deprecated since: it is skipped, not an error.
        var uris = query.Named.Select(n => n.Occupation).Distinct().ToList();
        var concepts = await graph.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        var live = uris.Where((_, i) => concepts[i] is { Kind: ConceptKind.Occupation } c && c.Status != CurationDraft.Deprecated).ToHashSet();
        var unlisted = new List<ConceptUri>();
        foreach (var named in query.Named)
        {
            if (!live.Contains(named.Occupation) || !namedAs.TryAdd(named.Occupation, named.Words))
            {
                continue; // the first mention of an occupation counts
            }

            if (!position.TryGetValue(named.Occupation, out var at))
            {
                position[named.Occupation] = at = scores.Count;
                scores.Add((named.Occupation, 0.0));
                unlisted.Add(named.Occupation);
            }

            scores[at] = (named.Occupation, scores[at].Score + (query.NamedWeight * named.Weight));
        }

        if (unlisted.Count > 0)
        {
            var essential = await graph.CountNeighboursManyAsync(unlisted, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
            var optional = await graph.CountNeighboursManyAsync(unlisted, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
            essentialCounts.AddRange(essential);
            optionalCounts.AddRange(optional);
        }

        return namedAs;
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
