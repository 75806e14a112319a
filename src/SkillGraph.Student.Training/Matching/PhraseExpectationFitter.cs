using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using SkillGraph.Formats;

namespace SkillGraph.Student.Matching;

/// <summary>
/// Fits the <see cref="PhraseExpectation"/>: ridge regression, over every phrase row of the triples' jobs, of the best support the
/// matched resume gives the row on the row's vector (rows whose phrase asks nothing left out). Deterministic.
/// </summary>
public static class PhraseExpectationFitter
{
    /// <summary>Reads each triple's job and matched resume with <paramref name="analyzer"/> and fits the expectation (L2 <paramref name="ridge"/>, bias not penalised).</summary>
    public static PhraseExpectation Fit(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, float ridge, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(analyzer);
        const int d = MiniLmEncoder.Dimension;
        var gram = new double[(d + 1) * (d + 1)];
        var target = new double[d + 1];
        var jobGram = new float[d * d];
        var rows = 0;
        var clock = Stopwatch.StartNew();
        for (var t = 0; t < triples.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var job = analyzer.ReadJob(triples[t].JobDescription);
            var support = analyzer.PhraseSupport(job, analyzer.Read(triples[t].ResumeMatched));
            Array.Clear(jobGram);
            var sum = new double[d];
            for (var r = 0; r < support.Length; r++)
            {
                if (support[r] < 0f)
                {
                    continue;
                }

                // One job's rows summed in float (a few hundred), the jobs in double.
                var v = job.Phrases.AsSpan(r * d, d);
                for (var i = 0; i < d; i++)
                {
                    var row = jobGram.AsSpan(i * d, d);
                    TensorPrimitives.MultiplyAdd(v, v[i], row, row);
                    sum[i] += v[i];
                    target[i] += v[i] * (double)support[r];
                }

                target[d] += support[r];
                gram[(d * (d + 1)) + d] += 1;
                rows++;
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    gram[(i * (d + 1)) + j] += jobGram[(i * d) + j];
                }

                gram[(i * (d + 1)) + d] += sum[i];
                gram[(d * (d + 1)) + i] += sum[i];
            }

            if (progress is not null && ((t + 1) % 100 == 0 || t + 1 == triples.Count))
            {
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"phrase expectation: {t + 1}/{triples.Count} jobs, {rows} phrase rows ({clock.Elapsed.TotalSeconds:0} s)"));
            }
        }

        if (rows == 0)
        {
            throw new ArgumentException("no job phrase to fit the phrase expectation on; give records whose jobs have phrases");
        }

        for (var i = 0; i < d; i++)
        {
            gram[(i * (d + 1)) + i] += ridge;
        }

        var w = SolveSymmetric(gram, target, d + 1);
        return new PhraseExpectation([.. w.Take(d).Select(x => (float)x)], (float)w[d]);
    }

    /// <summary>
    /// <see cref="Fit"/>, or the expectation <paramref name="cachePath"/> holds for the same triples (by id and lengths), reading options
    /// and <paramref name="key"/> (the extractor); the file is rewritten (atomically) after a fit.
    /// </summary>
    public static PhraseExpectation FitOrLoad(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, float ridge, string cachePath, string key, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(cachePath);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{key}|{analyzer.Options with { PhraseExpectation = null }}|{ridge}|{MatchFeatureSet.Fingerprint(triples)}");
        if (File.Exists(cachePath) && System.Text.Json.JsonSerializer.Deserialize<Cached>(File.ReadAllText(cachePath)) is { Expectation: not null } cached && cached.Stamp == stamp)
        {
            progress?.Report($"phrase expectation from {cachePath}");
            return PhraseExpectation.FromMetadata(cached.Expectation);
        }

        var fitted = Fit(triples, analyzer, ridge, progress, cancellationToken);
        AtomicFile.WriteAllText(cachePath, System.Text.Json.JsonSerializer.Serialize(new Cached(stamp, fitted.ToMetadata())));
        return fitted;
    }

    private sealed record Cached(string Stamp, string Expectation);

    /// <summary>Solves A x = b for a symmetric positive definite A (n × n, row-major) by Cholesky.</summary>
    private static double[] SolveSymmetric(double[] a, double[] b, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    l[(i * n) + i] = Math.Sqrt(Math.Max(s, 1e-12));
                }
                else
                {
                    l[(i * n) + j] = s / l[(j * n) + j];
                }
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[(i * n) + k] * y[k];
            }

            y[i] = s / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= l[(k * n) + i] * x[k];
            }

            x[i] = s / l[(i * n) + i];
        }

        return x;
    }
}
