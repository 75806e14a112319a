using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// Ranks the candidates that <c>cypher/reads/search.cypher</c> returns with the embedded label index's formula
/// (exact word 1, prefix 0.5–0.9; query match, coverage, order and preferred-label bonuses; an exact label scores
/// 1 or 0.97), except that every query word weighs the same: Neo4j does not return the idf of each word.
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
                var score = Score(LabelText.Tokens(normalized), normalized, kind, query, normalizedQuery);
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

    private static double Score(string[] labelTokens, string normalizedLabel, LabelKind kind, string[] query, string normalizedQuery)
    {
        var used = new bool[labelTokens.Length];
        var matched = 0.0;
        var position = -1;
        var inOrder = true;
        foreach (var q in query)
        {
            var bestQuality = 0.0;
            var bestToken = -1;
            for (var j = 0; j < labelTokens.Length; j++)
            {
                if (used[j])
                {
                    continue;
                }

                var token = labelTokens[j];
                var quality = string.Equals(token, q, StringComparison.Ordinal) ? 1.0
                    : q.Length >= 2 && token.StartsWith(q, StringComparison.Ordinal) ? 0.5 + (0.4 * q.Length / token.Length)
                    : 0.0;
                if (quality > bestQuality)
                {
                    bestQuality = quality;
                    bestToken = j;
                }
            }

            if (bestToken < 0)
            {
                return 0;
            }

            used[bestToken] = true;
            inOrder &= bestToken > position;
            position = bestToken;
            matched += bestQuality;
        }

        var preferred = kind == LabelKind.Preferred;
        if (string.Equals(normalizedLabel, normalizedQuery, StringComparison.Ordinal))
        {
            return preferred ? 1.0 : 0.97;
        }

        var queryMatch = matched / query.Length;
        var coverage = query.Length / (double)labelTokens.Length;
        var score = (0.55 * queryMatch) + (0.3 * Math.Min(1.0, coverage)) + (inOrder ? 0.05 : 0.0) + (preferred ? 0.05 : 0.0);
        return Math.Min(score, 0.95);
    }
}
