namespace SkillGraph.Student;

/// <summary>
/// Where to cut length-sorted token sequences into encoder runs. A run pads every row to its longest sequence, and its cost grows
/// with its padded slots (rows × length: at these lengths a transformer's work is almost all per token), plus a fixed cost per run.
/// So the cuts minimise Σ (rows × longest) + <see cref="RunCost"/> × runs, with at most a given number of rows a run (exact, by
/// dynamic programming over the sorted lengths).
/// </summary>
public static class PackedRuns
{
    /// <summary>
    /// What one more run costs, in padded token slots: the fixed part of an ONNX run of the int8 encoder on one thread is about what
    /// this many slots cost (measured: bench/RESULTS.md, session 14).
    /// </summary>
    public const int RunCost = 32;

    /// <summary>The end (exclusive) of each run over <paramref name="sortedLengths"/> (ascending), in order; none for no lengths.</summary>
    public static IReadOnlyList<int> Plan(IReadOnlyList<int> sortedLengths, int maxRows, int runCost = RunCost)
    {
        ArgumentNullException.ThrowIfNull(sortedLengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var n = sortedLengths.Count;
        var cost = new long[n + 1];
        var from = new int[n + 1];
        for (var j = 1; j <= n; j++)
        {
            // The run that ends at j starts at i: its rows pad to the longest, the last one (sorted).
            cost[j] = long.MaxValue;
            for (var i = Math.Max(0, j - maxRows); i < j; i++)
            {
                var c = cost[i] + ((long)(j - i) * sortedLengths[j - 1]) + runCost;
                if (c < cost[j])
                {
                    (cost[j], from[j]) = (c, i);
                }
            }
        }

        var ends = new List<int>();
        for (var j = n; j > 0; j = from[j])
        {
            ends.Add(j);
        }

        ends.Reverse();
        return ends;
    }
}
