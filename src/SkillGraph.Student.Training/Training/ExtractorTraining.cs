using System.Diagnostics;
using System.Globalization;
using SkillGraph.Student.Evaluation;

namespace SkillGraph.Student.Training;

/// <summary>Hyper-parameters of <see cref="ExtractorTraining"/>; the defaults are the ones chosen on held-out teacher data (docs/decisions/0004).</summary>
public sealed record ExtractorTrainOptions
{
    public int Seed { get; init; } = 13;
    public int Epochs { get; init; } = 5;
    public float LearningRate { get; init; } = 3e-4f;
    public float Temperature { get; init; } = 0.03f;
    public int BatchSize { get; init; } = 128;
    public int SharedNegatives { get; init; } = 512;
    public int HardNegatives { get; init; } = 2;

    /// <summary>Weight of the mean alternative-label vector in a skill's label vector.</summary>
    public float LabelAltWeight { get; init; } = 0.5f;

    /// <summary>A teacher skill is aligned to a candidate span only above this raw cosine.</summary>
    public float SpanThreshold { get; init; } = 0.35f;

    /// <summary>
    /// Weight-space interpolation towards the untrained (identity) heads, as in WiSE-FT: heads = λ·trained + (1 − λ)·I;
    /// null = the best of <see cref="Interpolations"/> on the held-out teacher data (SkillSkape dev), never on the human
    /// TECH/HOUSE sets (docs/decisions/0019).
    /// </summary>
    public float? Interpolation { get; init; }

    /// <summary>Interpolations tried on the held-out teacher data when <see cref="Interpolation"/> is null (each with every one of <see cref="Alphas"/>).</summary>
    public IReadOnlyList<float> Interpolations { get; init; } = [1f, 0.8f, 0.6f];

    /// <summary>The fusion weight (sentence vs best-span score); null = the best of <see cref="Alphas"/> on the held-out teacher data (docs/decisions/0019).</summary>
    public float? Alpha { get; init; }

    /// <summary>Fusion weights tried on the held-out teacher data (reported; the best wins when <see cref="Alpha"/> is null).</summary>
    public IReadOnlyList<float> Alphas { get; init; } = [0.8f, 0.7f, 0.6f, 0.45f];

    /// <summary>β of the graph re-ranking the heads are chosen with; null = the best of <see cref="GraphWeights"/> under the rule (needs the graph).</summary>
    public float? GraphWeight { get; init; }

    /// <summary>The β tried with every (λ, α) when <see cref="GraphWeight"/> is null (0 = off); K stays <see cref="GraphRerankOptions.DefaultSkills"/>.</summary>
    public IReadOnlyList<float> GraphWeights { get; init; } = [0f, 0.05f, 0.1f];

    public SpanContext SpanContext { get; init; } = SpanContext.Standalone;
}

/// <summary>One setting measured on the held-out teacher data: interpolation λ, fusion weight α and the metrics.</summary>
public sealed record SelectionCell(float Interpolation, float Alpha, ExtractionMetrics Metrics)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"lambda {Interpolation} alpha {Alpha}: {Metrics}");
}

/// <summary>
/// What training gives: the heads, their card, every setting measured on the held-out styles (<see cref="Styles"/>, figures in
/// that order) with the chosen one (<see cref="Chosen"/>, <see cref="KnobSelection"/>'s rule), and the chosen setting's ranking
/// figures on the first style (<see cref="HeldOut"/>).
/// </summary>
public sealed record ExtractorTrainingResult(StudentHeads Heads, ModelCard Card, IReadOnlyList<string> Styles, IReadOnlyList<KnobCell> Grid, KnobCell Chosen, SelectionCell HeldOut);

/// <summary>
/// Distils the teacher's labelled sentences into the extractor's heads (docs/decisions/0004): pairs from the
/// teacher's sentences (sentence → skill, best-aligned span → skill) and every ESCO alternative label → its skill,
/// InfoNCE with in-batch, shared random and hard negatives (<see cref="ProjectionTrainer"/>), then the fusion weight
/// chosen on held-out teacher data. Deterministic for a seed.
/// </summary>
public static class ExtractorTraining
{
    public static ExtractorTrainingResult Train(
        SkillCatalog catalog, SkillIndex index, MiniLmEncoder encoder, IReadOnlyList<LabelledSet> train, LabelledSet heldOut,
        ExtractorTrainOptions? options = null, Action<string>? log = null, IReadOnlyList<HeldOutStyle>? styles = null, SkillGraphPrior? prior = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(heldOut);
        var o = options ?? new ExtractorTrainOptions();
        log ??= _ => { };
        index.EnsureMatches(catalog);
        var clock = Stopwatch.StartNew();
        var textEncoder = new TextEncoder(encoder, null, o.SpanContext);
        var labels = index.LabelMatrix(o.LabelAltWeight);
        var examples = train.SelectMany(set => set.Items).Where(i => i.Gold.Length > 0).Select(i => new LabelledExample(i.Text, i.Gold)).ToList();
        log($"encoding {examples.Count} teacher sentences and their candidate spans…");
        var pairs = TrainingSet.Build(examples, textEncoder, labels, index, o.SpanThreshold);
        log($"pairs: {pairs} ({clock.Elapsed.TotalSeconds:F0} s)");
        var trainer = new TrainerOptions
        {
            Epochs = o.Epochs,
            LearningRate = o.LearningRate,
            Temperature = o.Temperature,
            BatchSize = o.BatchSize,
            SharedNegatives = o.SharedNegatives,
            Seed = o.Seed,
            HardNegatives = o.HardNegatives,
            Neighbours = o.HardNegatives > 0 ? ProjectionTrainer.NearestLabels(labels, catalog.Count, 20) : null,
        };
        log($"training the sentence head ({o.Epochs} epochs)…");
        var sentence = new ProjectionTrainer(trainer).Train(pairs.ForSentenceHead, labels, catalog.Count, log);
        log($"training the span head ({o.Epochs} epochs)…");
        var span = new ProjectionTrainer(trainer).Train(pairs.ForSpanHead, labels, catalog.Count, log);
        var trainSeconds = clock.Elapsed.TotalSeconds;

        // λ, α and β: chosen on held-out teacher styles by one rule written down first (KnobSelection; docs/decisions/0022) — never on the human validation sets.
        var firstStyle = new RankingStyle(heldOut.Name, heldOut.Items);
        var all = new List<HeldOutStyle> { firstStyle };
        all.AddRange(styles ?? []);
        var styleEncoder = new TextEncoder(encoder, null, o.SpanContext) { StandaloneSpanLimit = StyleSpanLimit, LabelSpans = LabelSpanVectors.Build(catalog, index, encoder.Tokenizer, new SegmenterOptions().MaxSpanWords) };
        foreach (var style in all)
        {
            log($"encoding {style.Name} ({style.Count} texts, {style.Measure})…");
            style.Encode(styleEncoder);
        }

        log($"held-out styles encoded ({clock.Elapsed.TotalSeconds:F0} s)");
        var grid = KnobSelection.Normalise(Grid(sentence, span, labels, catalog, styleEncoder, all, prior, o, cell => log($"{cell}")));
        var eligible = grid.Where(c => (o.Interpolation is null || c.Setting.Interpolation == o.Interpolation)
            && (o.Alpha is null || c.Setting.Alpha == o.Alpha) && (o.GraphWeight is null || c.Setting.GraphWeight == o.GraphWeight)).ToList();
        var chosenCell = KnobSelection.Choose(eligible);
        var setting = chosenCell.Setting;
        log($"chosen: {chosenCell}");
        ExtractionMetrics chosenMetrics;
        {
            var (s, p) = ((float[])sentence.Clone(), (float[])span.Clone());
            Interpolate(s, setting.Interpolation);
            Interpolate(p, setting.Interpolation);
            using var scorer = new SkillScorer(ScorerModel.Build(s, MiniLmEncoder.Dimension, labels, catalog.Count, null, p), 2);
            using var extractor = new SkillExtractor(styleEncoder, scorer, catalog);
            chosenMetrics = firstStyle.Metrics(extractor, setting.Alpha, [Reranking(prior, setting.GraphWeight)])[0];
        }

        var best = new SelectionCell(setting.Interpolation, setting.Alpha, chosenMetrics);
        Interpolate(sentence, best.Interpolation);
        Interpolate(span, best.Interpolation);
        var chosen = best.Alpha;

        var version = "2-" + WeightsHash.Of(sentence, span);
        var heads = new StudentHeads(sentence, span, chosen, o.LabelAltWeight, o.SpanContext, version);
        var card = new ModelCard
        {
            Name = "skillgraph-student-extractor-heads",
            Version = version,
            Seed = o.Seed,
            TrainingData = $"{string.Join(" + ", train.Select(t => $"{t.Name} ({t.Items.Count} sentences)"))}: sentence→skill and aligned span→skill pairs; "
                + $"{index.Alt.Length} ESCO alternative→preferred label pairs ({pairs}); "
                + $"{Chosen(o)} by the smallest worst-case relative drop against the best setting of each held-out style (docs/decisions/0022): "
                + string.Join("; ", all.Select(a => $"{a.Name} ({a.Count}, {a.Measure})")),
            HyperParameters = new Dictionary<string, string>
            {
                ["alpha"] = F(chosen),
                ["interpolation"] = F(best.Interpolation),
                ["graphWeight"] = F(setting.GraphWeight),
                ["graphSkills"] = F(GraphRerankOptions.DefaultSkills),
                ["labelAltWeight"] = F(o.LabelAltWeight),
                ["spanContext"] = o.SpanContext.ToString(),
                ["temperature"] = F(o.Temperature),
                ["batch"] = F(o.BatchSize),
                ["epochs"] = F(o.Epochs),
                ["lr"] = F(o.LearningRate),
                ["sharedNegatives"] = F(o.SharedNegatives),
                ["hardNegatives"] = F(o.HardNegatives),
                ["spanThreshold"] = F(o.SpanThreshold),
            },
            Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                [heldOut.Name] = AsDictionary(best.Metrics),
                ["selection"] = all.Select((a, i) => (Key: $"{a.Name} {a.Measure}", Value: Math.Round(chosenCell.Scores[i], 4)))
                    .Append((Key: "worstRelative", Value: Math.Round(chosenCell.Worst, 4))).Append((Key: "meanRelative", Value: Math.Round(chosenCell.Mean, 4)))
                    .ToDictionary(kv => kv.Key, kv => kv.Value),
            },
            Selection = [.. grid.Select(c => c.ToString())],
            TrainSeconds = Math.Round(trainSeconds, 1),
            CatalogFingerprint = catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture),
        };
        return new ExtractorTrainingResult(heads, card, [.. all.Select(a => $"{a.Name} ({a.Measure})")], grid, chosenCell, best);
    }

    /// <summary>Long texts are encoded as the hosts encode them (<see cref="ExtractorOptions.StandaloneSpanLimit"/>).</summary>
    const int StyleSpanLimit = 96;

    /// <summary>Every (λ, α, β) of the options (and the fixed values) on every style: one scorer per λ, one scorer pass per text and α.</summary>
    static List<KnobCell> Grid(
        float[] sentence, float[] span, float[] labels, SkillCatalog catalog, TextEncoder encoder, IReadOnlyList<HeldOutStyle> styles,
        SkillGraphPrior? prior, ExtractorTrainOptions o, Action<KnobCell> log)
    {
        var lambdas = o.Interpolations.Concat(o.Interpolation is { } l ? [l] : []).Distinct().ToList();
        var alphas = o.Alphas.Concat(o.Alpha is { } a ? [a] : []).Distinct().ToList();
        var betas = prior is null ? [0f] : o.GraphWeights.Concat(o.GraphWeight is { } b ? [b] : []).Distinct().ToList();
        var rerankings = betas.Select(b => Reranking(prior, b)).ToList();
        var cells = new List<KnobCell>();
        foreach (var lambda in lambdas)
        {
            var (s, p) = ((float[])sentence.Clone(), (float[])span.Clone());
            Interpolate(s, lambda);
            Interpolate(p, lambda);
            using var scorer = new SkillScorer(ScorerModel.Build(s, MiniLmEncoder.Dimension, labels, catalog.Count, null, p), 2);
            using var extractor = new SkillExtractor(encoder, scorer, catalog);
            foreach (var alpha in alphas)
            {
                var figures = styles.Select(style => style.Score(extractor, alpha, rerankings)).ToList();
                for (var i = 0; i < betas.Count; i++)
                {
                    var cell = new KnobCell(new KnobSetting(lambda, alpha, betas[i]), [.. figures.Select(f => f[i])]);
                    cells.Add(cell);
                    log(cell);
                }
            }
        }

        return cells;
    }

    static GraphReranking? Reranking(SkillGraphPrior? prior, float weight) =>
        prior is null || weight <= 0 ? null : new GraphReranking(prior, new GraphRerankOptions { Weight = weight, Skills = GraphRerankOptions.DefaultSkills });

    static string Chosen(ExtractorTrainOptions o) => (o.Interpolation, o.Alpha) switch
    {
        (null, null) => "interpolation and alpha chosen",
        (null, _) => "alpha fixed, interpolation chosen",
        (_, null) => "interpolation fixed, alpha chosen",
        _ => "interpolation and alpha fixed; every setting measured",
    };

    public static IReadOnlyDictionary<string, double> AsDictionary(ExtractionMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new Dictionary<string, double>
        {
            ["queries"] = m.Queries,
            ["rp1"] = Math.Round(m.RPrecision1, 4),
            ["rp5"] = Math.Round(m.RPrecision5, 4),
            ["rp10"] = Math.Round(m.RPrecision10, 4),
            ["mrr"] = Math.Round(m.Mrr, 4),
        };
    }

    /// <summary>w ← λ·w + (1 − λ)·I, in place.</summary>
    static void Interpolate(float[] w, float lambda)
    {
        const int d = MiniLmEncoder.Dimension;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] *= lambda;
        }

        for (var i = 0; i < d; i++)
        {
            w[(i * d) + i] += 1 - lambda;
        }
    }

    static string F(float v) => v.ToString(CultureInfo.InvariantCulture);
}
