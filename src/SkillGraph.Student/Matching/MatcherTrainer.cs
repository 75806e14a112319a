using System.Diagnostics;
using System.Globalization;

namespace SkillGraph.Student.Matching;

/// <summary>How the match head is trained.</summary>
public sealed record MatcherTrainOptions
{
    /// <summary>Seeds the occupation split and the MLP's initial weights.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Share of occupations held out for the reported metrics (never seen in fitting or in choosing the threshold).</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>0 = logistic regression; otherwise the width of one ReLU hidden layer.</summary>
    public int Hidden { get; init; }

    public int Epochs { get; init; } = 2000;

    public float LearningRate { get; init; } = 0.05f;

    public float L2 { get; init; } = 1e-3f;

    /// <summary>How the texts are read (job skills, cover threshold); written into the model.</summary>
    public MatchFeatureOptions Features { get; init; } = new();

    /// <summary>Feature columns the head must not use (their weights stay 0) — for ablations.</summary>
    public IReadOnlySet<int> DisabledFeatures { get; init; } = new HashSet<int>();

    public string Version { get; init; } = "matcher-1";

    /// <summary>Where the records came from, for the card (e.g. the teach command that wrote them).</summary>
    public string TrainingData { get; init; } = "teacher records";
}

/// <summary>Pairwise accuracy, ROC-AUC and accuracy at the threshold over a set of (job, matched, unmatched) triples.</summary>
public sealed record MatcherMetrics(int Triples, double PairwiseAccuracy, double RocAuc, double AccuracyAtThreshold, float Threshold)
{
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["triples"] = Triples,
        ["pairwiseAccuracy"] = Math.Round(PairwiseAccuracy, 4),
        ["rocAuc"] = Math.Round(RocAuc, 4),
        ["accuracyAtThreshold"] = Math.Round(AccuracyAtThreshold, 4),
        ["threshold"] = Math.Round(Threshold, 4),
    };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Triples} triples: pairwise {PairwiseAccuracy:0.000}, ROC-AUC {RocAuc:0.000}, accuracy@{Threshold:0.00} {AccuracyAtThreshold:0.000}");
}

/// <summary>A trained head: the ONNX bytes, its card, and the measured metrics.</summary>
public sealed record MatcherTrainingResult(byte[] Onnx, ModelCard Card, MatcherMetrics Train, MatcherMetrics HeldOut)
{
    /// <summary>Writes <c>matcher.onnx</c> (atomically) and <c>matcher.card.json</c> beside it.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, Onnx);
        File.Move(temporary, full, overwrite: true);
        Card.Save(Path.ChangeExtension(full, ".card.json"));
    }
}

/// <summary>Triples with their features computed (two feature rows each), so that several heads can be fitted on one pass of the extractor.</summary>
public sealed record MatchFeatureSet(IReadOnlyList<MatchTriple> Triples, float[][] Matched, float[][] Unmatched)
{
    public static MatchFeatureSet Build(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(analyzer);
        var matched = new float[triples.Count][];
        var unmatched = new float[triples.Count][];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < triples.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var job = analyzer.Read(triples[i].JobDescription);
            matched[i] = analyzer.Compare(job, analyzer.Read(triples[i].ResumeMatched)).Features;
            unmatched[i] = analyzer.Compare(job, analyzer.Read(triples[i].ResumeUnmatched)).Features;
            if (progress is not null && ((i + 1) % 50 == 0 || i + 1 == triples.Count))
            {
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"features: {i + 1}/{triples.Count} records ({clock.Elapsed.TotalSeconds:0} s)"));
            }
        }

        return new MatchFeatureSet(triples, matched, unmatched);
    }
}

/// <summary>
/// Trains the match head in pure C# (full-batch Adam on the cross-entropy, L2, deterministic per seed) on the teacher's
/// triples of the training occupations, chooses the threshold there, and reports on the held-out occupations.
/// </summary>
public static class MatcherTrainer
{
    public static MatcherTrainingResult Train(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, MatcherTrainOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(analyzer);
        if (analyzer.Options != options.Features)
        {
            analyzer = new MatchAnalyzer(analyzer.Extractor, analyzer.Facts, options.Features);
        }

        return Train(MatchFeatureSet.Build(triples, analyzer, progress, cancellationToken), analyzer, options, progress);
    }

    public static MatcherTrainingResult Train(MatchFeatureSet set, MatchAnalyzer analyzer, MatcherTrainOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var train = Enumerable.Range(0, set.Triples.Count).Where(i => !IsHeldOut(set.Triples[i].OccupationUri, options)).ToArray();
        var heldOut = Enumerable.Range(0, set.Triples.Count).Where(i => IsHeldOut(set.Triples[i].OccupationUri, options)).ToArray();
        if (train.Length == 0 || heldOut.Length == 0)
        {
            throw new ArgumentException($"need triples of both training and held-out occupations (got {train.Length} and {heldOut.Length}); give more records");
        }

        var rows = new List<float[]>(train.Length * 2);
        var labels = new List<float>(train.Length * 2);
        foreach (var i in train)
        {
            rows.Add(set.Matched[i]);
            labels.Add(1f);
            rows.Add(set.Unmatched[i]);
            labels.Add(0f);
        }

        var weights = Fit(rows, labels, options);
        var version = options.Version;
        var meta = new Dictionary<string, string>
        {
            ["version"] = version,
            ["features"] = string.Join(',', MatchAnalyzer.FeatureNames),
            ["job_top"] = options.Features.JobTop.ToString(CultureInfo.InvariantCulture),
            ["job_min_score"] = options.Features.JobMinScore.ToString(CultureInfo.InvariantCulture),
            ["resume_top"] = options.Features.ResumeTop.ToString(CultureInfo.InvariantCulture),
            ["cover_threshold"] = options.Features.CoverThreshold.ToString(CultureInfo.InvariantCulture),
            ["threshold"] = "0.5",
        };
        using (var probe = new MatcherHead(MatcherModel.Build(weights, meta)))
        {
            var (m, u) = Scores(probe, set, train);
            meta["threshold"] = MatcherEvaluation.ChooseThreshold(m, u).ToString("R", CultureInfo.InvariantCulture);
        }

        var onnx = MatcherModel.Build(weights, meta);
        using var head = new MatcherHead(onnx);
        var trainMetrics = Measure(head, set, train);
        var heldOutMetrics = Measure(head, set, heldOut);
        progress?.Report($"train {trainMetrics}; held out {heldOutMetrics}");
        var extractorVersion = analyzer.Extractor.Scorer.Metadata.TryGetValue("version", out var ev) ? ev : "zero-shot";
        var card = new ModelCard
        {
            Name = "matcher",
            Version = version,
            Seed = options.Seed,
            TrainingData = options.TrainingData,
            HyperParameters = new Dictionary<string, string>(meta)
            {
                ["head"] = options.Hidden == 0 ? "logistic regression" : $"MLP, {options.Hidden} ReLU units",
                ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                ["learningRate"] = options.LearningRate.ToString(CultureInfo.InvariantCulture),
                ["l2"] = options.L2.ToString(CultureInfo.InvariantCulture),
                ["heldOutFraction"] = options.HeldOutFraction.ToString(CultureInfo.InvariantCulture),
                ["disabledFeatures"] = string.Join(',', options.DisabledFeatures.Order().Select(i => MatchAnalyzer.FeatureNames[i])),
                ["extractor"] = extractorVersion,
                ["split"] = $"by occupation: {train.Select(i => set.Triples[i].OccupationUri).Distinct(StringComparer.Ordinal).Count()} train, {heldOut.Select(i => set.Triples[i].OccupationUri).Distinct(StringComparer.Ordinal).Count()} held out",
            },
            Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["train"] = trainMetrics.ToDictionary(), ["heldOut"] = heldOutMetrics.ToDictionary() },
            TrainSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            CatalogFingerprint = analyzer.Extractor.Catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture),
        };
        return new MatcherTrainingResult(onnx, card, trainMetrics, heldOutMetrics);
    }

    /// <summary>Whether an occupation's triples are held out: a seeded hash of its URI, so the split is stable across runs and record orders.</summary>
    public static bool IsHeldOut(string occupationUri, MatcherTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(occupationUri);
        ArgumentNullException.ThrowIfNull(options);
        var h = 14695981039346656037UL ^ (ulong)(uint)options.Seed;
        foreach (var c in occupationUri)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

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
    private static MatchHeadWeights Fit(List<float[]> rows, List<float> labels, MatcherTrainOptions options)
    {
        var n = rows.Count;
        var f = rows[0].Length;
        var h = Math.Max(1, options.Hidden);
        var mlp = options.Hidden > 0;
        var mean = new float[f];
        var scale = new float[f];
        for (var j = 0; j < f; j++)
        {
            // A feature the text does not give (NaN, e.g. no stated years) is imputed with the mean of those it gives.
            var known = rows.Where(r => !float.IsNaN(r[j])).ToList();
            var mu = known.Count == 0 ? 0 : known.Average(r => (double)r[j]);
            var sd = known.Count == 0 ? 1 : Math.Sqrt(known.Average(r => (r[j] - mu) * (r[j] - mu)));
            mean[j] = (float)mu;
            scale[j] = sd > 1e-6 ? (float)sd : 1f;
        }

        var x = new double[n, f];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < f; j++)
            {
                x[i, j] = options.DisabledFeatures.Contains(j) || float.IsNaN(rows[i][j]) ? 0 : (rows[i][j] - mean[j]) / scale[j];
            }
        }

        var random = new Random(options.Seed);
        var p = new double[(f * h) + h + (mlp ? h + 1 : 0)]; // w1 [f,h], b1 [h], w2 [h], b2
        if (mlp)
        {
            for (var k = 0; k < f * h; k++)
            {
                p[k] = (random.NextDouble() - 0.5) * 2 * Math.Sqrt(6.0 / (f + h));
            }

            for (var k = 0; k < h; k++)
            {
                p[(f * h) + h + k] = (random.NextDouble() - 0.5) * 2 * Math.Sqrt(6.0 / (h + 1));
            }
        }

        var grad = new double[p.Length];
        var m1 = new double[p.Length];
        var m2 = new double[p.Length];
        var hidden = new double[h];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Array.Clear(grad);
            for (var i = 0; i < n; i++)
            {
                double logit;
                if (!mlp)
                {
                    logit = p[f];
                    for (var j = 0; j < f; j++)
                    {
                        logit += x[i, j] * p[j];
                    }
                }
                else
                {
                    logit = p[^1];
                    for (var k = 0; k < h; k++)
                    {
                        var z = p[(f * h) + k];
                        for (var j = 0; j < f; j++)
                        {
                            z += x[i, j] * p[(j * h) + k];
                        }

                        hidden[k] = Math.Max(0, z);
                        logit += hidden[k] * p[(f * h) + h + k];
                    }
                }

                var d = (1 / (1 + Math.Exp(-logit))) - labels[i]; // dLoss/dlogit
                if (!mlp)
                {
                    for (var j = 0; j < f; j++)
                    {
                        grad[j] += d * x[i, j];
                    }

                    grad[f] += d;
                    continue;
                }

                grad[^1] += d;
                for (var k = 0; k < h; k++)
                {
                    grad[(f * h) + h + k] += d * hidden[k];
                    if (hidden[k] <= 0)
                    {
                        continue;
                    }

                    var dz = d * p[(f * h) + h + k];
                    grad[(f * h) + k] += dz;
                    for (var j = 0; j < f; j++)
                    {
                        grad[(j * h) + k] += dz * x[i, j];
                    }
                }
            }

            const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
            for (var k = 0; k < p.Length; k++)
            {
                var isWeight = k < f * h || (mlp && k >= (f * h) + h && k < p.Length - 1);
                var g = (grad[k] / n) + (isWeight ? options.L2 * p[k] : 0);
                m1[k] = (beta1 * m1[k]) + ((1 - beta1) * g);
                m2[k] = (beta2 * m2[k]) + ((1 - beta2) * g * g);
                var step = options.LearningRate * (m1[k] / (1 - Math.Pow(beta1, epoch))) / (Math.Sqrt(m2[k] / (1 - Math.Pow(beta2, epoch))) + eps);
                p[k] -= step;
            }

            foreach (var j in options.DisabledFeatures)
            {
                for (var k = 0; k < h; k++)
                {
                    p[(j * h) + k] = 0;
                }
            }
        }

        return new MatchHeadWeights(
            mean,
            scale,
            [.. p.Take(f * h).Select(v => (float)v)],
            [.. p.Skip(f * h).Take(h).Select(v => (float)v)],
            mlp ? [.. p.Skip((f * h) + h).Take(h).Select(v => (float)v)] : null,
            mlp ? (float)p[^1] : 0f);
    }
}

/// <summary>Measures a matcher on teacher triples: every score comes from the ONNX head.</summary>
public static class MatcherEvaluation
{
    /// <summary>Matches every (job, matched) and (job, unmatched) pair of <paramref name="triples"/> with <paramref name="matcher"/>.</summary>
    public static MatcherMetrics Run(IReadOnlyList<MatchTriple> triples, ResumeMatcher matcher, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(matcher);
        var m = new float[triples.Count];
        var u = new float[triples.Count];
        for (var i = 0; i < triples.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var job = matcher.Analyzer.Read(triples[i].JobDescription);
            m[i] = matcher.Match(job, matcher.Analyzer.Read(triples[i].ResumeMatched)).Score;
            u[i] = matcher.Match(job, matcher.Analyzer.Read(triples[i].ResumeUnmatched)).Score;
            if (progress is not null && ((i + 1) % 50 == 0 || i + 1 == triples.Count))
            {
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"eval: {i + 1}/{triples.Count} records"));
            }
        }

        return Measure(m, u, matcher.Head.Threshold);
    }

    /// <summary>Pairwise accuracy (ties count half), ROC-AUC over all matched vs unmatched scores, and accuracy at <paramref name="threshold"/>.</summary>
    public static MatcherMetrics Measure(float[] matched, float[] unmatched, float threshold)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(unmatched);
        var n = matched.Length;
        if (n == 0)
        {
            return new MatcherMetrics(0, 0, 0, 0, threshold);
        }

        var pairwise = matched.Zip(unmatched, (a, b) => a > b ? 1.0 : a == b ? 0.5 : 0.0).Sum() / n;
        var correct = matched.Count(s => s >= threshold) + unmatched.Count(s => s < threshold);
        return new MatcherMetrics(n, pairwise, RocAuc(matched, unmatched), correct / (2.0 * n), threshold);
    }

    /// <summary>Mann–Whitney U over ranks (ties get their mean rank).</summary>
    public static double RocAuc(float[] positives, float[] negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        var all = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false))).OrderBy(p => p.Score).ToArray();
        double rankSum = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }

            var rank = (i + j + 1) / 2.0; // mean of ranks i+1 .. j
            for (var k = i; k < j; k++)
            {
                if (all[k].Positive)
                {
                    rankSum += rank;
                }
            }

            i = j;
        }

        var np = positives.Length;
        var nn = negatives.Length;
        return (rankSum - (np * (np + 1) / 2.0)) / ((double)np * nn);
    }

    /// <summary>The cut between two adjacent scores that classifies the most pairs correctly (the midpoint; the lower one on ties).</summary>
    public static float ChooseThreshold(float[] matched, float[] unmatched)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(unmatched);
        var all = matched.Select(s => (Score: s, Positive: true)).Concat(unmatched.Select(s => (Score: s, Positive: false))).OrderBy(p => p.Score).ToArray();
        var correct = matched.Length; // threshold below everything: every positive right, every negative wrong
        var best = correct;
        var threshold = all.Length > 0 ? all[0].Score : 0.5f;
        for (var i = 0; i < all.Length; i++)
        {
            correct += all[i].Positive ? -1 : 1;
            if (i + 1 < all.Length && all[i + 1].Score == all[i].Score)
            {
                continue;
            }

            if (correct > best)
            {
                best = correct;
                threshold = i + 1 < all.Length ? (all[i].Score + all[i + 1].Score) / 2 : all[i].Score + 1e-6f;
            }
        }

        return threshold;
    }
}
