using System.Globalization;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student.Evaluation;

/// <summary>One graph re-ranking setting measured on held-out teacher data.</summary>
public sealed record RerankCell(GraphRerankOptions Options, ExtractionMetrics Metrics)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"beta {Options.Weight} K {Options.Skills} occupations {Options.Occupations} consolidate {(Options.Consolidate ? "yes" : "no")}: {Metrics} (R-P@5 {Metrics.RPrecision5 * 100:F2}, MRR {Metrics.Mrr:F4})");
}

/// <summary>
/// Chooses the graph re-ranking's knobs (<see cref="GraphRerankOptions"/>) on held-out teacher data (SkillSkape dev, never the
/// human validation sets; docs/decisions/0019): the scorer's candidates of each text are computed once, then every setting
/// re-ranks them exactly as <see cref="SkillExtractor.Extract"/> does.
/// </summary>
public static class RerankSelection
{
    /// <summary>Every setting of <paramref name="settings"/> on <paramref name="items"/>, in the order given.</summary>
    public static IReadOnlyList<RerankCell> Grid(
        IReadOnlyList<LabelledText> items, SkillExtractor extractor, SkillGraphPrior prior, IEnumerable<GraphRerankOptions> settings, Action<RerankCell>? log = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(settings);
        var pools = items.Select(i => extractor.Mentions(extractor.Encoder.Encode(i.Text), GraphReranking.PoolSize(ExtractionMetrics.Depth))).ToList();
        var catalog = extractor.Catalog;
        var grid = new List<RerankCell>();
        foreach (var options in settings)
        {
            var reranking = new GraphReranking(prior, options);
            var cell = new RerankCell(options, ExtractionMetrics.Compute(items, q => Ranking(reranking.Rerank(pools[q]), catalog)));
            grid.Add(cell);
            log?.Invoke(cell);
        }

        return grid;
    }

    /// <summary>The setting the defaults take: the best R-P@5, then MRR (ties: the first of the grid).</summary>
    public static RerankCell Best(IReadOnlyList<RerankCell> grid) => grid.MaxBy(c => (c.Metrics.RPrecision5, c.Metrics.Mrr))!;

    /// <summary>The settings β × K × consolidation (β = 0 without consolidation is the scorer's order).</summary>
    public static IEnumerable<GraphRerankOptions> Settings(IEnumerable<float> betas, IEnumerable<int> skills, IEnumerable<bool> consolidate) =>
        from c in consolidate
        from b in betas
        from k in b > 0 ? skills : skills.Take(1)
        select new GraphRerankOptions { Weight = b, Skills = k, Consolidate = c };

    private static long[] Ranking(IReadOnlyList<SkillMention> ranked, SkillCatalog catalog) =>
        [.. ranked.Take(ExtractionMetrics.Depth).Select(m => (long)catalog.IndexOfUri(m.Uri))];
}
