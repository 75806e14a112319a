using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
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
    /// Weight-space interpolation towards the untrained (identity) heads, as in WiSE-FT: heads = λ·trained + (1 − λ)·I.
    /// Distilled heads fit the teacher's sentences; mixing back some of the frozen encoder's geometry keeps what it knew
    /// about other text (the human sets). 0.6 chosen on TECH/HOUSE validation (docs/decisions/0007).
    /// </summary>
    public float Interpolation { get; init; } = 0.6f;

    /// <summary>The fusion weight (sentence vs best-span score); null = the best of <see cref="Alphas"/> on the held-out teacher data. 0.45 chosen on TECH/HOUSE validation with <see cref="Interpolation"/>.</summary>
    public float? Alpha { get; init; } = 0.45f;

    /// <summary>Fusion weights tried on the held-out teacher data (reported; the best wins when <see cref="Alpha"/> is null).</summary>
    public IReadOnlyList<float> Alphas { get; init; } = [0.7f, 0.6f, 0.5f, 0.45f];

    public SpanContext SpanContext { get; init; } = SpanContext.Standalone;
}

/// <summary>What training gives: the heads, their card, and the held-out metrics per fusion weight tried.</summary>
public sealed record ExtractorTrainingResult(StudentHeads Heads, ModelCard Card, IReadOnlyDictionary<float, ExtractionMetrics> HeldOutByAlpha);

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
        ExtractorTrainOptions? options = null, Action<string>? log = null)
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
        Interpolate(sentence, o.Interpolation);
        Interpolate(span, o.Interpolation);

        // The fusion weight: the best R-P@5 on held-out teacher data (never on the human validation sets).
        var held = heldOut.Items.Where(i => i.Gold.Length > 0).ToList();
        var encoded = held.Select(i => textEncoder.Encode(i.Text)).ToList();
        using var scorer = new SkillScorer(ScorerModel.Build(sentence, MiniLmEncoder.Dimension, labels, catalog.Count, null, span), 1);
        var byAlpha = new Dictionary<float, ExtractionMetrics>();
        foreach (var alpha in o.Alphas)
        {
            byAlpha[alpha] = ExtractionMetrics.Of(held, encoded, scorer, alpha);
            log(string.Create(CultureInfo.InvariantCulture, $"alpha {alpha}: {heldOut.Name} {byAlpha[alpha]}"));
        }

        var chosen = o.Alpha ?? byAlpha.MaxBy(a => (a.Value.RPrecision5, a.Value.Mrr)).Key;
        if (!byAlpha.ContainsKey(chosen))
        {
            byAlpha[chosen] = ExtractionMetrics.Of(held, encoded, scorer, chosen);
            log(string.Create(CultureInfo.InvariantCulture, $"alpha {chosen}: {heldOut.Name} {byAlpha[chosen]}"));
        }

        var version = "2-" + WeightsHash(sentence, span);
        var heads = new StudentHeads(sentence, span, chosen, o.LabelAltWeight, o.SpanContext, version);
        var card = new ModelCard
        {
            Name = "skillgraph-student-extractor-heads",
            Version = version,
            Seed = o.Seed,
            TrainingData = $"{string.Join(" + ", train.Select(t => $"{t.Name} ({t.Items.Count} sentences)"))}: sentence→skill and aligned span→skill pairs; "
                + $"{index.Alt.Length} ESCO alternative→preferred label pairs ({pairs}); "
                + (o.Alpha is null ? $"alpha chosen on {heldOut.Name} ({held.Count} sentences)" : $"alpha and interpolation fixed (chosen on TECH/HOUSE validation); metrics on {heldOut.Name} ({held.Count} sentences)"),
            HyperParameters = new Dictionary<string, string>
            {
                ["alpha"] = F(chosen),
                ["interpolation"] = F(o.Interpolation),
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
            Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>> { [heldOut.Name] = AsDictionary(byAlpha[chosen]) },
            TrainSeconds = Math.Round(trainSeconds, 1),
            CatalogFingerprint = catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture),
        };
        return new ExtractorTrainingResult(heads, card, byAlpha);
    }

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

    static string WeightsHash(float[] a, float[] b)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(MemoryMarshal.AsBytes(a.AsSpan()));
        sha.AppendData(MemoryMarshal.AsBytes(b.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..8];
    }

    static string F(float v) => v.ToString(CultureInfo.InvariantCulture);
}
