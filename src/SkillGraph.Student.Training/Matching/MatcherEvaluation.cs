using System.Globalization;
using SkillGraph.Application.Features.Matching.MatchResume;

namespace SkillGraph.Student.Matching;

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
        var explainer = new ExplainerCounts();
        for (var i = 0; i < triples.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var job = matcher.Analyzer.ReadJob(triples[i].JobDescription);
            var matched = matcher.Match(job, matcher.Analyzer.Read(triples[i].ResumeMatched));
            var unmatched = matcher.Match(job, matcher.Analyzer.Read(triples[i].ResumeUnmatched));
            (m[i], u[i]) = (matched.Score, unmatched.Score);
            explainer.Add(triples[i], matched, unmatched);
            if (progress is not null && ((i + 1) % 50 == 0 || i + 1 == triples.Count))
            {
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"eval: {i + 1}/{triples.Count} records"));
            }
        }

        return Measure(m, u, matcher.Head.Threshold) with { Explainer = explainer.Metrics() };
    }

    /// <summary>What the Explainer's lists say about the teacher's skills (see <see cref="ExplainerMetrics"/>).</summary>
    private sealed class ExplainerCounts
    {
        private int _skills, _listed, _coveredWhenPresent, _removed, _missingWhenRemoved;

        public void Add(MatchTriple triple, ResumeMatch matched, ResumeMatch unmatched)
        {
            var removed = triple.RemovedSkills.ToHashSet(StringComparer.Ordinal);
            var (covered, listed) = Listed(matched);
            foreach (var skill in triple.Skills.Distinct(StringComparer.Ordinal))
            {
                _skills++;
                if (listed.Contains(skill))
                {
                    _listed++;
                    _coveredWhenPresent += covered.Contains(skill) ? 1 : 0;
                }
            }

            (covered, listed) = Listed(unmatched);
            foreach (var skill in listed.Where(removed.Contains))
            {
                _removed++;
                _missingWhenRemoved += covered.Contains(skill) ? 0 : 1;
            }
        }

        /// <summary>The skills an answer lists as covered, and all it lists; a listed skill's alternatives (other readings of the same phrase of the job) are listed with it.</summary>
        private static (HashSet<string> Covered, HashSet<string> Listed) Listed(ResumeMatch match)
        {
            var covered = match.CoveredSkills.SelectMany(s => s.Alternatives.Select(a => a.Uri.Value).Prepend(s.Uri)).ToHashSet(StringComparer.Ordinal);
            var listed = match.MissingSkills.SelectMany(s => s.Alternatives.Select(a => a.Uri.Value).Prepend(s.Uri)).ToHashSet(StringComparer.Ordinal);
            listed.UnionWith(covered);
            return (covered, listed);
        }

        public ExplainerMetrics? Metrics() => _skills == 0 ? null : new ExplainerMetrics(_skills, Share(_listed, _skills), Share(_coveredWhenPresent, _listed), _removed, Share(_missingWhenRemoved, _removed));

        private static double Share(int part, int all) => all == 0 ? double.NaN : part / (double)all;
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
        var hits = matched.Count(s => s >= threshold);
        var rejections = unmatched.Count(s => s < threshold);
        return new MatcherMetrics(n, pairwise, RocAuc(matched, unmatched), (hits + rejections) / (2.0 * n), threshold)
        {
            MatchedAccuracy = hits / (double)n,
            UnmatchedAccuracy = rejections / (double)unmatched.Length,
            CalibrationError = CalibrationError(matched, unmatched),
        };
    }

    /// <summary>Expected calibration error over 10 equal-width bins of the scores (read as the probability of a match).</summary>
    public static double CalibrationError(float[] matched, float[] unmatched)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(unmatched);
        const int bins = 10;
        var count = new int[bins];
        var scores = new double[bins];
        var positives = new int[bins];
        foreach (var (s, positive) in matched.Select(s => (s, true)).Concat(unmatched.Select(s => (s, false))))
        {
            var b = Math.Clamp((int)(s * bins), 0, bins - 1);
            count[b]++;
            scores[b] += s;
            positives[b] += positive ? 1 : 0;
        }

        var total = matched.Length + unmatched.Length;
        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += count[b] / (double)total * Math.Abs((scores[b] / count[b]) - (positives[b] / (double)count[b]));
            }
        }

        return error;
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

    /// <summary>The cut between two adjacent scores that classifies the most resumes correctly (the midpoint; the lower one on ties).</summary>
    public static float ChooseThreshold(float[] matched, float[] unmatched)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(unmatched);
        var all = matched.Select(s => (Score: s, Positive: true)).Concat(unmatched.Select(s => (Score: s, Positive: false))).OrderBy(p => p.Score).ToArray();

        // Threshold below everything: every positive right, every negative wrong.
        var correct = matched.Length;
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
