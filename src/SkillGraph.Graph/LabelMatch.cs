namespace SkillGraph.Graph;

/// <summary>
/// How well one label answers a search, in (0, 1]; 0 when a query word finds no label word. Shared by the adapters so
/// that search ranks the same on each: an exact word counts 1, a prefix (2+ characters) 0.5–0.9; then query match
/// (weighted), coverage of the label, words in order and a preferred-label bonus; an exact label scores 1 (0.97 when it
/// is not the preferred label). Tokens and texts as <see cref="LabelText"/> normalises them.
/// </summary>
public static class LabelMatch
{
    /// <param name="weights">The weight of each query word (e.g. its idf), summing to <paramref name="weightSum"/>; empty: every word weighs 1.</param>
    public static double Score(
        string[] labelTokens, string normalizedLabel, bool preferred, string[] queryTokens, ReadOnlySpan<double> weights, double weightSum, string normalizedQuery)
    {
        ArgumentNullException.ThrowIfNull(labelTokens);
        ArgumentNullException.ThrowIfNull(queryTokens);
        var matched = 0.0;
        Span<bool> used = labelTokens.Length <= 64 ? stackalloc bool[labelTokens.Length] : new bool[labelTokens.Length];
        var position = -1;
        var inOrder = true;
        for (var i = 0; i < queryTokens.Length; i++)
        {
            var q = queryTokens[i];
            var bestQuality = 0.0;
            var bestToken = -1;
            for (var j = 0; j < labelTokens.Length; j++)
            {
                if (used[j])
                {
                    continue;
                }

                var token = labelTokens[j];
                var quality = token.Length == q.Length && string.Equals(token, q, StringComparison.Ordinal) ? 1.0
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
            matched += (weights.IsEmpty ? 1.0 : weights[i]) * bestQuality;
        }

        if (string.Equals(normalizedLabel, normalizedQuery, StringComparison.Ordinal))
        {
            return preferred ? 1.0 : 0.97;
        }

        var queryMatch = matched / weightSum;
        var coverage = queryTokens.Length / (double)labelTokens.Length;
        var score = (0.55 * queryMatch) + (0.3 * Math.Min(1.0, coverage)) + (inOrder ? 0.05 : 0.0) + (preferred ? 0.05 : 0.0);
        return Math.Min(score, 0.95);
    }
}
