using System.Globalization;

namespace SkillGraph.Student.Evaluation;

/// <summary>R-Precision@1/5/10 and MRR over a set of queries (../shared/README.md: R-P@K = |gold ∩ top-K| / min(K, |gold|)).</summary>
public sealed record ExtractionMetrics(int Queries, double RPrecision1, double RPrecision5, double RPrecision10, double Mrr)
{
    /// <summary>How deep the ranking is read for MRR.</summary>
    public const int Depth = 100;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Queries,4} R-P@1 {RPrecision1 * 100,5:F1} R-P@5 {RPrecision5 * 100,5:F1} R-P@10 {RPrecision10 * 100,5:F1} MRR {Mrr:F3}");

    /// <summary>The metrics for <paramref name="items"/> given each query's ranking of catalog indices, best first.</summary>
    public static ExtractionMetrics Compute(IReadOnlyList<LabelledText> items, Func<int, IReadOnlyList<long>> ranking)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ranking);
        double r1 = 0, r5 = 0, r10 = 0, mrr = 0;
        var n = 0;
        for (var q = 0; q < items.Count; q++)
        {
            var gold = items[q].Gold;
            if (gold.Length == 0)
            {
                continue;
            }

            n++;
            var ranked = ranking(q);
            r1 += RPrecision(ranked, gold, 1);
            r5 += RPrecision(ranked, gold, 5);
            r10 += RPrecision(ranked, gold, 10);
            for (var i = 0; i < ranked.Count; i++)
            {
                if (Array.IndexOf(gold, (int)ranked[i]) >= 0)
                {
                    mrr += 1.0 / (i + 1);
                    break;
                }
            }
        }

        return n == 0 ? new ExtractionMetrics(0, 0, 0, 0, 0) : new ExtractionMetrics(n, r1 / n, r5 / n, r10 / n, mrr / n);
    }

    /// <summary>Through the production path: <see cref="SkillExtractor.Extract"/> on every text.</summary>
    public static ExtractionMetrics Of(IReadOnlyList<LabelledText> items, SkillExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        return Compute(items, q => [.. extractor.Extract(items[q].Text, Depth).Select(m => (long)extractor.Catalog.IndexOfUri(m.Uri))]);
    }

    /// <summary>Scorer only, over texts encoded once (for choosing hyper-parameters quickly).</summary>
    public static ExtractionMetrics Of(IReadOnlyList<LabelledText> items, IReadOnlyList<EncodedText> encoded, SkillScorer scorer, float? alpha = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(scorer);
        return Compute(items, q => scorer.Score(encoded[q], Depth, alpha).Skills);
    }

    static double RPrecision(IReadOnlyList<long> ranked, int[] gold, int k)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (Array.IndexOf(gold, (int)ranked[i]) >= 0)
            {
                hits++;
            }
        }

        return (double)hits / Math.Min(k, gold.Length);
    }
}
