using SkillGraph.Student.Matching;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The pieces of the evidence matcher that need no model: lines and terms, term weights, the non-negative head and its
/// Platt calibration written as ONNX and run by ONNX Runtime, the calibration error, the baselines, and cross-style triples.
/// </summary>
public sealed class MatcherEvidenceTests
{
    [Fact]
    public void Lines_are_cut_at_breaks_sentence_ends_semicolons_and_bullets_but_not_inside_words_or_numbers()
    {
        const string text = "Backend developer.\n- Built APIs with node.js; wrote tests\n• Java 3.5 years! Led reviews?  \n\n-  ";
        var lines = TextEvidence.Lines(text, 10);
        Assert.Equal(["Backend developer.", "Built APIs with node.js", "wrote tests", "Java 3.5 years!", "Led reviews?"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(l.Text, text.Substring(l.Start, l.Text.Length)));
        Assert.Equal(2, TextEvidence.Lines("a. b. c. d.", 2).Count);
    }

    [Fact]
    public void Terms_drop_stop_words_and_meet_across_inflections()
    {
        Assert.Equal(["design", "databas", "schema"], TextEvidence.Terms("We designed the databases and schemas").ToArray()[..3]);
        Assert.Equal(TextEvidence.Stem("services"), TextEvidence.Stem("service"));
        Assert.Equal(TextEvidence.Stem("managing"), TextEvidence.Stem("managed"));
        Assert.Contains("c++", TextEvidence.Terms("C++ and C#"));
        Assert.Contains("c#", TextEvidence.Terms("C++ and C#"));
    }

    [Fact]
    public void A_rare_term_weighs_more_than_a_common_one_and_an_unknown_one_the_most()
    {
        var weights = new TermWeights(["manage staff", "manage budgets", "manage stock", "operate forklift"]);
        Assert.True(weights.Weight(TextEvidence.Stem("forklift")) > weights.Weight(TextEvidence.Stem("manage")));
        Assert.Equal(weights.Unknown, weights.Weight("kubernetes"));
        Assert.True(weights.Unknown > weights.Weight(TextEvidence.Stem("forklift")));
    }

    [Fact]
    public void The_head_keeps_non_negative_weights_so_more_evidence_never_lowers_the_onnx_score()
    {
        // Feature 0 helps, feature 1 is noise that correlates negatively in this sample: a free head would weigh it below zero.
        var random = new Random(5);
        var rows = new List<float[]>();
        var labels = new List<float>();
        var f = MatchAnalyzer.FeatureNames.Count;
        for (var i = 0; i < 400; i++)
        {
            var label = 1 - (i % 2); // (matched, unmatched) pairs, as the trainer lays rows out
            var row = new float[f];
            row[0] = (float)(label + random.NextDouble());
            row[1] = (float)(-label + random.NextDouble());
            for (var j = 2; j < f; j++)
            {
                row[j] = (float)random.NextDouble();
            }

            rows.Add(row);
            labels.Add(label);
        }

        var free = MatchHeadFitter.Fit(rows, labels, new MatcherTrainOptions { NonNegative = false, Epochs = 300 });
        var bounded = MatchHeadFitter.Fit(rows, labels, new MatcherTrainOptions { Epochs = 300 });
        Assert.True(free.Weights[1] < 0);
        Assert.All(bounded.Weights, w => Assert.True(w >= 0));

        var meta = new Dictionary<string, string>
        {
            ["features"] = string.Join(',', MatchAnalyzer.FeatureNames),
            ["threshold"] = "0.5",
            ["job_top"] = "15",
            ["job_min_score"] = "0.45",
            ["resume_top"] = "1000",
            ["cover_ratio"] = "0.95",
            ["line_cover_ratio"] = "0.8",
            ["support_threshold"] = "0.6",
            ["max_lines"] = "80",
        };
        using var head = new MatcherHead(MatcherModel.Build(bounded.Calibrated(2, -0.5), meta));
        for (var j = 0; j < f; j++)
        {
            var low = Enumerable.Repeat(0.3f, f).ToArray();
            var high = (float[])low.Clone();
            high[j] = 0.9f;
            var scores = head.Score([.. low, .. high], 2);

            // ONNX Runtime's sigmoid is accurate to ~1e-7 absolute, not relative, near 0.
            Assert.True(scores[1] >= scores[0] - 1e-6f, $"{MatchAnalyzer.FeatureNames[j]}: {scores[0]} → {scores[1]}");
        }

        // a head that does not say how this build reads texts (one trained before cover_ratio) is refused, not misread
        var older = new Dictionary<string, string>(meta);
        older.Remove("cover_ratio");
        older["cover_threshold"] = "0.45";
        var refused = Assert.Throws<InvalidDataException>(() => new MatcherHead(MatcherModel.Build(bounded.Calibrated(2, -0.5), older)));
        Assert.Contains("cover_ratio is missing", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("retrain it", refused.Message, StringComparison.Ordinal);

        // a head written before the later keys is read as it was trained: employer lines skipped at 0.1, runs not cut by length,
        // a resume's verbs read as written, every job phrase weighed
        Assert.Equal(new MatchFeatureOptions { PackRuns = false, ResumeVerbForms = false, SkipNoisePhrases = false }, head.FeatureOptions);

        // what a trainer writes is what a head reads back
        var options = new MatchFeatureOptions { JobTop = 12, CoverRatio = 0.9f, SkipEmployerLines = false, EmployerMargin = 0.2f, PackRuns = true, ResumeVerbForms = false, SkipNoisePhrases = false };
        using (var written = new MatcherHead(MatcherModel.Build(bounded.Calibrated(2, -0.5), new Dictionary<string, string>(options.ToMetadata()) { ["features"] = meta["features"], ["threshold"] = "0.5" })))
        {
            Assert.Equal(options, written.FeatureOptions);
        }

        // the ONNX graph computes the logit the trainer calibrates
        var probe = rows[3];
        var expected = 1 / (1 + Math.Exp(-((2 * bounded.Logit(probe)) - 0.5)));
        Assert.Equal(expected, head.Score(probe, 1)[0], 4);
    }

    [Fact]
    public void Platt_scaling_recovers_the_slope_and_offset_of_a_calibrated_sample()
    {
        var random = new Random(11);
        var logits = new List<double>();
        var labels = new List<float>();
        for (var i = 0; i < 20_000; i++)
        {
            var z = (random.NextDouble() * 8) - 4;
            logits.Add(z);
            labels.Add(random.NextDouble() < 1 / (1 + Math.Exp(-((0.5 * z) + 1))) ? 1f : 0f);
        }

        var (a, b) = MatchHeadFitter.FitPlatt(logits, labels);
        Assert.InRange(a, 0.45, 0.55);
        Assert.InRange(b, 0.9, 1.1);
    }

    [Fact]
    public void The_calibration_error_is_zero_for_honest_scores_and_large_for_overconfident_ones()
    {
        // 10 resumes at 0.25 of which a quarter match would be honest; at 0.95 with a quarter matching it is not.
        float[] Repeat(float v, int n) => Enumerable.Repeat(v, n).ToArray();
        Assert.Equal(0, MatcherEvaluation.CalibrationError(Repeat(0.25f, 4), Repeat(0.25f, 12)), 6);
        Assert.Equal(0.7, MatcherEvaluation.CalibrationError(Repeat(0.95f, 4), Repeat(0.95f, 12)), 6);
        var m = MatcherEvaluation.Measure([0.9f, 0.8f, 0.3f], [0.1f, 0.6f, 0.2f], 0.5f);
        Assert.Equal(2.0 / 3, m.MatchedAccuracy, 6);
        Assert.Equal(2.0 / 3, m.UnmatchedAccuracy, 6);
    }

    [Fact]
    public void Tf_idf_cosine_prefers_the_resume_that_shares_the_jobs_rarer_words()
    {
        MatchTriple[] triples =
        [
            new("1", "o1", "Java developer for Spring Boot microservices", "Java developer, Spring Boot, microservices", "Developer for a team", []),
            new("2", "o2", "Chef to cook fish and sauces", "Cook: fish, sauces, desserts", "Waiter to serve guests", []),
        ];
        var m = MatchBaselines.TfIdf(triples);
        Assert.Equal(1.0, m.PairwiseAccuracy, 6);
        Assert.Equal(1.0, m.RocAuc, 6);
    }

    [Fact]
    public void Across_sources_pairs_one_sources_job_with_the_others_resumes_of_the_same_occupation()
    {
        MatchTriple[] offline = [new("a1", "o1", "job A1", "mA1", "uA1", ["s"]), new("a2", "o2", "job A2", "mA2", "uA2", [])];
        MatchTriple[] replay = [new("b1", "o1", "job B1", "mB1", "uB1", ["t"])];
        var across = MatchTriple.AcrossSources([offline, replay]);
        Assert.Equal(2, across.Count);
        Assert.Contains(across, t => t is { JobDescription: "job A1", ResumeMatched: "mB1", ResumeUnmatched: "uB1", OccupationUri: "o1" });
        Assert.Contains(across, t => t is { JobDescription: "job B1", ResumeMatched: "mA1", ResumeUnmatched: "uA1" } && t.RemovedSkills.SequenceEqual(["s"]));
    }
}
