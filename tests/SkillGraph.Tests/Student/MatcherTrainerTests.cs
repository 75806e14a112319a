using SkillGraph.Graph.Embedded;
using SkillGraph.Student;
using SkillGraph.Student.Matching;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The matcher trained end to end: the offline teacher writes records for the sample graph (real CLI), the extractor
/// (ONNX) reads them, the head is fitted, written as ONNX, and measured on occupations it never saw.
/// </summary>
public sealed class MatcherTrainerTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    /// <summary>The offline teacher's records for 20 occupations of the sample graph (real CLI), the graph's facts and the shipped extractor.</summary>
    private async Task<(IReadOnlyList<MatchTriple> Triples, SkillFacts Facts, SkillExtractor Extractor)> TeachAsync()
    {
        var records = Path.Combine(_directory, "records.jsonl");
        var db = Path.Combine(_directory, "sample.db");
        var teach = await CliProcess.RunAsync("teach", "--occupations", "20", "--provider", "offline", "--seed", "11", "--out", records, "--db", db);
        Assert.True(teach.ExitCode == 0, teach.Stderr);
        var triples = MatchTriple.ReadJsonl(records);
        Assert.True(triples.Count >= 15, $"{triples.Count} records");

        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = db, SeedSampleWhenEmpty = false, WarmSearchIndex = false });
        var catalog = await StoreCatalog.LoadAsync(store);
        var facts = await SkillFacts.LoadAsync(store);
        var (extractor, _) = StudentModels.OpenExtractor(catalog, null, Path.Combine(_directory, "cache"));
        return (triples, facts, extractor);
    }

    [Fact]
    public async Task TheTrainedHeadRanksTheMatchingResumeFirstOnHeldOutOccupations()
    {
        var (triples, facts, extractor) = await TeachAsync();
        using (extractor)
        {
            var options = new MatcherTrainOptions { Seed = 3, HeldOutFraction = 0.3 };
            var result = MatcherTrainer.Train(triples, new MatchAnalyzer(extractor, facts), options);
            var heldOut = triples.Where(t => MatcherTrainer.IsHeldOut(t.OccupationUri, options)).ToList();
            Assert.Equal(heldOut.Count, result.HeldOut.Triples);
            Assert.InRange(result.HeldOut.Triples, 2, triples.Count - 5);
            // Six held-out pairs, whose unmatched resume is the matched one with 1-3 skills filtered out and, in about half
            // of them, the same years (the teacher's resumes.v2): at most one may be ranked wrongly.
            Assert.True(result.HeldOut.PairwiseAccuracy >= 0.8, result.HeldOut.ToString());
            Assert.True(result.Train.RocAuc >= 0.9, result.Train.ToString());

            // the saved head answers through its own ONNX session with the same figures, and its card says what it is
            var path = Path.Combine(_directory, "models", "matcher.onnx");
            result.Save(path);
            using var matcher = ResumeMatcher.Open(extractor, facts, path);
            var again = MatcherEvaluation.Run(heldOut, matcher);
            Assert.Equal(result.HeldOut.PairwiseAccuracy, again.PairwiseAccuracy, 6);
            Assert.Equal(result.HeldOut.RocAuc, again.RocAuc, 6);

            // the Explainer measured against what the teacher wrote: the matched resume covers the record's skills the matcher
            // lists for the job, and the skills filtered out of the unmatched resume are listed as missing from it
            var explainer = again.Explainer ?? throw new Xunit.Sdk.XunitException("no Explainer figures for records that name their skills");
            Assert.True(explainer.Skills >= heldOut.Count && explainer.Removed > 0, explainer.ToString());
            Assert.True(explainer.CoveredWhenPresent >= 0.5 && explainer.MissingWhenRemoved >= 0.5, explainer.ToString());
            var card = ModelCard.Load(Path.ChangeExtension(path, ".card.json"))!;
            Assert.Equal(3, card.Seed);

            // named by its weights, so a retrained head never answers under its predecessor's name
            Assert.Matches("^matcher-2-[0-9a-f]{8}$", card.Version);
            Assert.Equal(card.Version, matcher.Version);
            Assert.Equal(result.HeldOut.PairwiseAccuracy, card.Metrics["heldOut"]["pairwiseAccuracy"], 4);

            // the phrase expectation fitted first travels in the head and is read back with the other reading options
            var fitted = matcher.Analyzer.Options.PhraseExpectation ?? throw new Xunit.Sdk.XunitException("the trained head carries no phrase expectation");
            Assert.StartsWith(fitted.Fingerprint + " (ridge 10 over the job phrases of the fitted occupations in every records file)", card.HyperParameters["phrase_expectation"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThePhraseExpectationLearnsWhatMatchedResumesAnswerAndTheShortfallNeverFallsWhenTheResumeGains()
    {
        var (triples, facts, extractor) = await TeachAsync();
        using (extractor)
        {
            var analyzer = new MatchAnalyzer(extractor, facts);
            var jobs = triples.Take(6).ToList();

            // Resumes that repeat their job answer every phrase of it; a resume about something else answers little of any.
            var echoes = PhraseExpectationFitter.Fit([.. jobs.Select(t => t with { ResumeMatched = t.JobDescription })], analyzer, 10f);
            var strangers = PhraseExpectationFitter.Fit([.. jobs.Select(t => t with { ResumeMatched = "Hobbies: chess, sailing and baking sourdough bread at weekends." })], analyzer, 10f);
            var job = analyzer.ReadJob(jobs[0].JobDescription);
            Assert.True(job.PhraseCount > 5, $"{job.PhraseCount} phrase rows");
            var (echo, stranger) = (Expected(echoes), Expected(strangers));
            Assert.True(echo > 0.85 && stranger < echo - 0.2, FormattableString.Invariant($"expected support {echo:0.000} (echoes) vs {stranger:0.000} (strangers)"));

            // Fitted twice, the same expectation; round-tripped through a head's metadata, equal.
            Assert.Equal(echoes, PhraseExpectationFitter.Fit([.. jobs.Select(t => t with { ResumeMatched = t.JobDescription })], analyzer, 10f));
            Assert.Equal(echoes, PhraseExpectation.FromMetadata(echoes.ToMetadata()));
            Assert.Throws<FormatException>(() => PhraseExpectation.FromMetadata("0.5 1 2"));

            // phrase_shortfall rises (or stays) as the resume gains the job's lines, from an empty resume on.
            var reading = new MatchAnalyzer(extractor, facts, analyzer.Options with { PhraseExpectation = echoes });
            var shortfall = MatchAnalyzer.FeatureNames.ToList().IndexOf("phrase_shortfall");
            var resume = "";
            var before = reading.Compare(job, reading.Read(resume)).Features[shortfall];
            foreach (var line in job.Lines.Take(5))
            {
                resume += line + "\n";
                var after = reading.Compare(job, reading.Read(resume)).Features[shortfall];
                Assert.True(after >= before - 1e-3f, FormattableString.Invariant($"{before:0.0000} → {after:0.0000} after adding \"{line}\""));
                before = after;
            }

            float Expected(PhraseExpectation e) =>
                Enumerable.Range(0, job.PhraseCount).Average(r => e.Expected(job.Phrases.AsSpan(r * MiniLmEncoder.Dimension, MiniLmEncoder.Dimension)));
        }
    }

    [Fact]
    public void MetricsCountTiesAsHalfAndTheThresholdSeparatesTheScores()
    {
        var m = MatcherEvaluation.Measure([0.9f, 0.8f, 0.4f], [0.1f, 0.8f, 0.5f], 0.6f);
        Assert.Equal(1.5 / 3, m.PairwiseAccuracy, 6);
        Assert.Equal(6.5 / 9, m.RocAuc, 6); // pairs won: 0.9>3, 0.8>1 +half, 0.4>0 … = 6.5 of 9
        Assert.Equal(4.0 / 6, m.AccuracyAtThreshold, 6);
        var t = MatcherEvaluation.ChooseThreshold([0.9f, 0.8f, 0.7f], [0.1f, 0.2f, 0.75f]);
        Assert.InRange(t, 0.2f, 0.7f);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
