using System.Diagnostics;
using System.Globalization;
using SkillGraph.Domain;

namespace SkillGraph.Student.Matching;

/// <summary>
/// Trains the match head in pure C# (full-batch Adam on the cross-entropy, L2, deterministic per seed) on the teacher's
/// triples of the training occupations, chooses the threshold there, and reports on the held-out occupations.
/// </summary>
public static class MatcherTrainer
{
    public static MatcherTrainingResult Train(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, MatcherTrainOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default, string? featureCache = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(analyzer);
        if (analyzer.Options != options.Features)
        {
            analyzer = new MatchAnalyzer(analyzer.Extractor, analyzer.Facts, options.Features);
        }

        var extractorVersion = analyzer.Extractor.Scorer.Metadata.TryGetValue("version", out var ev) ? ev : "zero-shot";
        var cacheKey = $"{extractorVersion}|{analyzer.Extractor.Catalog.Fingerprint():x16}";
        if (options.FitPhraseExpectation)
        {
            // Fitted on the occupations the head is fitted on: the calibration and held-out ones see the expectation as new text will.
            var fitting = triples.Where(t => !IsHeldOut(t.OccupationUri, options) && !IsCalibration(t.OccupationUri, options)
                && (options.PhraseExpectationSources.Count == 0 || options.PhraseExpectationSources.Contains(t.Source))).ToList();
            var expectation = featureCache is null
                ? PhraseExpectationFitter.Fit(fitting, analyzer, options.PhraseExpectationRidge, progress, cancellationToken)
                : PhraseExpectationFitter.FitOrLoad(fitting, analyzer, options.PhraseExpectationRidge, featureCache + ".expectation", cacheKey, progress, cancellationToken);
            options = options with { Features = options.Features with { PhraseExpectation = expectation } };
            analyzer = new MatchAnalyzer(analyzer.Extractor, analyzer.Facts, options.Features);
        }

        var set = featureCache is null
            ? MatchFeatureSet.Build(triples, analyzer, progress, cancellationToken)
            : MatchFeatureSet.BuildOrLoad(triples, analyzer, featureCache, cacheKey, progress, cancellationToken);
        return Train(set, analyzer, options, progress);
    }

    public static MatcherTrainingResult Train(MatchFeatureSet set, MatchAnalyzer analyzer, MatcherTrainOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var heldOut = Enumerable.Range(0, set.Triples.Count).Where(i => IsHeldOut(set.Triples[i].OccupationUri, options)).ToArray();
        var calibration = Enumerable.Range(0, set.Triples.Count).Where(i => !IsHeldOut(set.Triples[i].OccupationUri, options) && IsCalibration(set.Triples[i].OccupationUri, options)).ToArray();
        var train = Enumerable.Range(0, set.Triples.Count).Where(i => !IsHeldOut(set.Triples[i].OccupationUri, options) && !IsCalibration(set.Triples[i].OccupationUri, options)).ToArray();
        if (train.Length == 0 || heldOut.Length == 0 || calibration.Length == 0)
        {
            throw new ArgumentException($"need triples of training, calibration and held-out occupations (got {train.Length}, {calibration.Length} and {heldOut.Length}); give more records");
        }

        var (rows, labels) = Rows(set, train);
        var fitted = MatchHeadFitter.Fit(rows, labels, options);

        // Platt scaling on the calibration occupations (not fitted on), then the threshold there.
        var (calibrationRows, calibrationLabels) = Rows(set, calibration);
        var (a, b) = MatchHeadFitter.FitPlatt([.. calibrationRows.Select(fitted.Logit)], calibrationLabels);
        var weights = fitted.Calibrated(a, b);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{train.Length} triples fitted, {calibration.Length} calibrate (Platt a {a:0.###}, b {b:0.###}), {heldOut.Length} held out; weights {string.Join(", ", MatchAnalyzer.FeatureNames.Select((n, j) => $"{n} {weights.Weights[j]:0.###}"))}"));
        // Retrained heads over the same extractor used to share one name (the API's `model`): the weights name this one.
        var version = $"{options.Version}-{WeightsHash.Of(weights.Mean, weights.Scale, weights.Weights, weights.Bias, weights.Output ?? [], [weights.OutputBias])}";
        var meta = new Dictionary<string, string>(options.Features.ToMetadata())
        {
            ["version"] = version,
            ["features"] = string.Join(',', MatchAnalyzer.FeatureNames),
            ["threshold"] = "0.5",
        };
        using (var probe = new MatcherHead(MatcherModel.Build(weights, meta)))
        {
            // The cut with the best accuracy over every calibration triple, each counted once (decision 0031: weighing the pairs
            // written in two styles as much as all the others put the cut where a third of the unmatched resumes pass).
            var (m, u) = Scores(probe, set, calibration);
            meta["threshold"] = MatcherEvaluation.ChooseThreshold(m, u).ToString("R", CultureInfo.InvariantCulture);
        }

        var onnx = MatcherModel.Build(weights, meta);
        using var head = new MatcherHead(onnx);
        var trainMetrics = Measure(head, set, [.. train.Concat(calibration)]);
        var heldOutMetrics = Measure(head, set, heldOut);
        progress?.Report($"train {trainMetrics}; held out {heldOutMetrics}");
        // Per source beside TF-IDF cosine: only for someone who reads the progress.
        foreach (var source in heldOut.GroupBy(i => set.Triples[i].Source).OrderBy(g => g.Key, StringComparer.Ordinal).Where(_ => progress is not null))
        {
            var indices = source.ToArray();
            var baseline = MatchBaselines.TfIdf([.. indices.Select(i => set.Triples[i])]);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"held out, {source.Key}: {Measure(head, set, indices)}; TF-IDF cosine pairwise {baseline.PairwiseAccuracy:0.000}, ROC-AUC {baseline.RocAuc:0.000}"));
        }

        var extractorVersion = analyzer.Extractor.Scorer.Metadata.TryGetValue("version", out var ev) ? ev : "zero-shot";
        var card = new ModelCard
        {
            Name = "matcher",
            Version = version,
            Seed = options.Seed,
            TrainingData = options.TrainingData,
            HyperParameters = new Dictionary<string, string>(meta)
            {
                // 385 numbers in the model's metadata; the card names them.
                ["phrase_expectation"] = options.Features.PhraseExpectation is { } e
                    ? $"{e.Fingerprint} (ridge {options.PhraseExpectationRidge.ToString(CultureInfo.InvariantCulture)} over the job phrases of the fitted occupations in {(options.PhraseExpectationSources.Count == 0 ? "every records file" : string.Join(", ", options.PhraseExpectationSources.Order(StringComparer.Ordinal)))})"
                    : "none",
                ["head"] = options.Hidden == 0 ? "logistic regression" : $"MLP, {options.Hidden} ReLU units",
                ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                ["learningRate"] = options.LearningRate.ToString(CultureInfo.InvariantCulture),
                ["l2"] = options.L2.ToString(CultureInfo.InvariantCulture),
                ["heldOutFraction"] = options.HeldOutFraction.ToString(CultureInfo.InvariantCulture),
                ["calibration"] = string.Create(CultureInfo.InvariantCulture, $"Platt on {calibration.Length} triples of {options.CalibrationFraction:0.##} of the training occupations (a {a:0.####}, b {b:0.####}); the threshold chosen there"),
                ["nonNegativeWeights"] = options.NonNegative ? "true" : "false",
                ["disabledFeatures"] = string.Join(',', options.DisabledFeatures.Order().Select(i => MatchAnalyzer.FeatureNames[i])),
                ["extractor"] = extractorVersion,
                ["split"] = $"by occupation: {Occupations(train)} fitted, {Occupations(calibration)} calibration, {Occupations(heldOut)} held out",
            },
            Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["train"] = trainMetrics.ToDictionary(), ["heldOut"] = heldOutMetrics.ToDictionary() },
            TrainSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            CatalogFingerprint = analyzer.Extractor.Catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture),
        };
        return new MatcherTrainingResult(onnx, card, trainMetrics, heldOutMetrics);

        int Occupations(int[] indices) => indices.Select(i => set.Triples[i].OccupationUri).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>The <see cref="MatchTriple.Source"/> of the triples <see cref="MatchTriple.AcrossSources"/> makes.</summary>
    public const string AcrossStyles = "across styles";

    /// <summary>Whether a training occupation's triples calibrate the score instead of fitting the head (another seeded hash).</summary>
    public static bool IsCalibration(string occupationUri, MatcherTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IsHeldOut(occupationUri, options with { Seed = options.Seed + 101, HeldOutFraction = options.CalibrationFraction });
    }

    private static (List<float[]> Rows, List<float> Labels) Rows(MatchFeatureSet set, int[] indices)
    {
        var rows = new List<float[]>(indices.Length * 2);
        var labels = new List<float>(indices.Length * 2);
        foreach (var i in indices)
        {
            rows.Add(set.Matched[i]);
            labels.Add(1f);
            rows.Add(set.Unmatched[i]);
            labels.Add(0f);
        }

        return (rows, labels);
    }

    /// <summary>Whether an occupation's triples are held out: a seeded hash of its URI, so the split is stable across runs and record orders.</summary>
    public static bool IsHeldOut(string occupationUri, MatcherTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(occupationUri);
        ArgumentNullException.ThrowIfNull(options);
        var h = StableHash.Fnv1a64(occupationUri, StableHash.Offset64 ^ (uint)options.Seed);

        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return h % 10_000 < options.HeldOutFraction * 10_000;
    }

    private static (float[] Matched, float[] Unmatched) Scores(MatcherHead head, MatchFeatureSet set, int[] indices)
    {
        var f = MatchAnalyzer.FeatureNames.Count;
        float[] Run(float[][] rows)
        {
            var x = new float[indices.Length * f];
            for (var r = 0; r < indices.Length; r++)
            {
                rows[indices[r]].CopyTo(x, r * f);
            }

            return head.Score(x, indices.Length);
        }

        return (Run(set.Matched), Run(set.Unmatched));
    }

    private static MatcherMetrics Measure(MatcherHead head, MatchFeatureSet set, int[] indices)
    {
        var (m, u) = Scores(head, set, indices);
        return MatcherEvaluation.Measure(m, u, head.Threshold);
    }

    /// <summary>Full-batch Adam on standardised features; deterministic for a seed.</summary>
}
