using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// Ranks the candidates that <c>cypher/reads/search.cypher</c> returns with the embedded label index's formula
/// (<see cref="LabelMatch"/>), except that every query word weighs the same: Neo4j does not return the idf of each word.
/// </summary>
internal static class SearchScorer
{
    public static IReadOnlyList<SearchHit> Rank(IEnumerable<Concept> candidates, string text, int first)
    {
        var normalizedQuery = LabelText.Normalize(text);
        var query = LabelText.Tokens(normalizedQuery);
        if (query.Length == 0 || first <= 0)
        {
            return [];
        }

        var hits = new List<(SearchHit Hit, int Length)>();
        foreach (var concept in candidates)
        {
            (double Score, string Text, LabelKind Kind)? best = null;
            foreach (var (labelText, normalized, kind) in ConceptProperties.SearchLabels(concept))
            {
                var score = LabelMatch.Score(LabelText.Tokens(normalized), normalized, kind == LabelKind.Preferred, query, [], query.Length, normalizedQuery);
                if (score > 0 && (best is null || score > best.Value.Score || (score == best.Value.Score && kind == LabelKind.Preferred)))
                {
                    best = (score, labelText, kind);
                }
            }

            if (best is { } b)
            {
                hits.Add((new SearchHit(concept.Uri, concept.Kind, concept.PreferredLabel, b.Text, b.Kind, Math.Round(b.Score, 4)), concept.PreferredLabel.Length));
            }
        }

        return [.. hits
            .OrderByDescending(h => h.Hit.Score)
            .ThenBy(h => h.Length)
            .ThenBy(h => h.Hit.Uri.Value, StringComparer.Ordinal)
            .Take(first)
            .Select(h => h.Hit)];
    }
}
