using nietras.SeparatedValues;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Domain;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;
using Xunit.Abstractions;

namespace SkillGraph.Teacher.Tests.Providers;

/// <summary>Replay of the recorded SkillSkape corpus (one split, train or dev; never test) through the same pipeline.</summary>
[Collection(TeacherCollection.Name)]
public sealed class ReplayProviderTests(TeacherFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(ReplaySplit.Train, "train")]
    [InlineData(ReplaySplit.Dev, "dev")]
    public async Task TheCorpusMapsOntoEscoUrisByPreferredLabelFromOneSplitOnly(ReplaySplit split, string name)
    {
        var corpus = await ReplayCorpus.LoadAsync(TestPaths.SkillskapeDirectory, fixture.Store, split);

        Assert.Equal(["train.csv", "dev.csv"], ReplayCorpus.Files);
        Assert.Equal(name + ".csv", ReplayCorpus.FileOf(split));
        Assert.True(corpus.Sentences.Count > (split == ReplaySplit.Train ? 4000 : 800), $"{corpus.Sentences.Count} sentences mapped");
        Assert.All(corpus.Sentences, s => Assert.StartsWith(name + ":", s.Source, StringComparison.Ordinal));
        var recorded = Recorded(name + ".csv").ToHashSet(StringComparer.Ordinal);
        Assert.All(corpus.Sentences, s => Assert.Contains(s.Text, recorded));
        var sample = corpus.Sentences.Take(200).SelectMany(s => s.Skills).Distinct().Select(ConceptUri.Parse).ToList();
        Assert.All(await fixture.Store.GetConceptsAsync(sample), c => Assert.Equal(ConceptKind.Skill, c!.Kind));
    }

    [Fact]
    public async Task ReplayWritesRecordedSentencesWhoseSkillsAllLieInTheContext()
    {
        var (options, summary) = await TeachAsync(ReplaySplit.Train, occupations: 20, seed: 7);

        Assert.True(summary.Written > 0, string.Join(", ", summary.RejectedByReason));
        var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
        Assert.All(records, r => Assert.Equal(new[] { "replay", TeacherProviderOptions.ReplayModel + "-train" }, new[] { r.Teacher.Provider, r.Teacher.Model }));
        var recorded = Recorded("train.csv").ToHashSet(StringComparer.Ordinal);
        var sentences = Jsonl.Read<SentenceRecord>(options.SentencesPathOrDefault);
        Assert.NotEmpty(sentences);
        foreach (var sentence in sentences)
        {
            var record = records.Single(r => sentence.Id.StartsWith(r.Id + "-s", StringComparison.Ordinal));
            Assert.All(sentence.Skills, uri => Assert.Contains(record.Context.Skills, s => s.Uri == uri));
            Assert.Contains(sentence.Text, recorded);
        }

        foreach (var record in records)
        {
            Assert.All(record.Skills, uri => Assert.Contains(record.Context.Skills, s => s.Uri == uri));
        }
    }

    [Fact]
    public async Task ReplayResumesAreRecordedSentencesAndTheUnmatchedOneDropsThoseNamingARemovedSkill()
    {
        var (options, _) = await TeachAsync(ReplaySplit.Train, occupations: 20, seed: 7);
        var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
        var corpus = await ReplayCorpus.LoadAsync(TestPaths.SkillskapeDirectory, fixture.Store, ReplaySplit.Train);
        Assert.NotEmpty(records);

        var fresh = 0;
        foreach (var record in records)
        {
            var inMatched = corpus.Sentences.Select(s => s with { Text = ReplayChatService.OneLine(s.Text) }).Where(s => record.ResumeMatched.Contains(s.Text, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(inMatched);
            fresh += inMatched.Count(s => !record.JobDescription.Contains(s.Text, StringComparison.Ordinal));
            foreach (var removed in record.RemovedSkills)
            {
                Assert.Contains(inMatched, s => s.Skills.Contains(removed));
            }

            foreach (var sentence in inMatched)
            {
                var named = sentence.Skills.Any(record.RemovedSkills.Contains);
                var inRemovedLine = (record.RemovedExperiences ?? []).Any(l => l.Contains(sentence.Text, StringComparison.Ordinal));
                Assert.True(
                    record.ResumeUnmatched.Contains(sentence.Text, StringComparison.Ordinal) == !(named || inRemovedLine || LeaksRemoved(record, sentence.Text)),
                    $"{record.Id}: '{sentence.Text}' (names a removed skill: {named}, in a removed line: {inRemovedLine})");
            }
        }

        // No experience entry is left empty by the filter: that would be a cue only unmatched resumes have.
        Assert.All(records.SelectMany(r => r.ResumeUnmatched.Split('\n')), line => Assert.False(line.StartsWith("- ", StringComparison.Ordinal) && !line.Contains(": ", StringComparison.Ordinal), line));
        output.WriteLine($"{records.Count} records; {fresh} resume sentences are not in their job description");
        Assert.True(fresh > records.Count, $"only {fresh} resume sentences differ from the job descriptions'");
    }

    [Fact]
    public async Task ReplayFromTheDevSplitNeverUsesATrainSentenceAndFromTheTrainSplitNeverADevOne()
    {
        var train = Recorded("train.csv");
        var dev = Recorded("dev.csv");
        foreach (var (split, own, other) in new[] { (ReplaySplit.Dev, dev, train), (ReplaySplit.Train, train, dev) })
        {
            var (options, summary) = await TeachAsync(split, occupations: 15, seed: 11);
            var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
            var sentences = Jsonl.Read<SentenceRecord>(options.SentencesPathOrDefault);
            output.WriteLine($"{split}: {summary.Written} records, {summary.Rejected} rejected, {sentences.Count} sentences");
            Assert.NotEmpty(records);
            Assert.All(records, r => Assert.Equal(TeacherProviderOptions.ReplayModel + "-" + TeacherProviderOptions.SplitName(split), r.Teacher.Model));

            var ownSet = own.ToHashSet(StringComparer.Ordinal);
            Assert.All(sentences, s => Assert.Contains(s.Text, ownSet));
            var texts = records.SelectMany(r => new[] { r.JobDescription, r.ResumeMatched, r.ResumeUnmatched }).ToList();
            Assert.All(records, r => Assert.Contains(own, s => r.JobDescription.Contains(s, StringComparison.Ordinal)));
            Assert.All(records, r => Assert.Contains(own, s => r.ResumeMatched.Contains(ReplayChatService.OneLine(s), StringComparison.Ordinal)));
            foreach (var sentence in other.Where(s => !ownSet.Contains(s) && s.Length > 20))
            {
                Assert.DoesNotContain(texts, t => t.Contains(sentence, StringComparison.Ordinal) || t.Contains(ReplayChatService.OneLine(sentence), StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task EveryOccupationWhoseContextTheDevSplitCanCoverGetsARecordAndEveryOtherARejection()
    {
        var (options, summary) = await TeachAsync(ReplaySplit.Dev, occupations: 60, seed: 11, maxNodes: TeachOptions.DefaultMaxNodes);
        var corpus = await ReplayCorpus.LoadAsync(TestPaths.SkillskapeDirectory, fixture.Store, ReplaySplit.Dev);
        var named = corpus.Sentences.SelectMany(s => s.Skills).ToHashSet(StringComparer.Ordinal);
        var written = Jsonl.Read<TeacherRecord>(options.OutputPath).Select(r => r.OccupationUri).ToHashSet(StringComparer.Ordinal);
        var rejected = Jsonl.Read<RejectionRecord>(options.RejectedPathOrDefault).Where(r => r.Task != TeachingTasks.Sentences).ToList();

        Assert.Equal(60, summary.Written + summary.Rejected);
        Assert.Equal(summary.Rejected, rejected.Count);
        Assert.All(rejected, r => Assert.NotEmpty(r.Errors));
        var planned = await OccupationSampler.SampleAsync(fixture.Store, 60, 11);
        foreach (var occupation in planned)
        {
            // The recipe needs two essential skills of the context, named by the split, whose labels are not in the
            // occupation's label (one to remove, one to keep): asked of the context handler, independently of the run.
            var context = await fixture.Mediator.Send(new GetOccupationContext(occupation, options.MaxNodes, 0, options.Seed));
            var coverable = context.Skills.Count(s =>
                s.Relation == ContextRelation.Essential
                && named.Contains(s.Skill.Uri.Value)
                && LabelLeak.Find(context.Occupation.Label, s.AltLabels.Prepend(s.Skill.Label)).Count == 0);
            Assert.True(written.Contains(occupation.Value) == coverable >= 2, $"{occupation}: {coverable} coverable essential skills, record written: {written.Contains(occupation.Value)}");
        }

        output.WriteLine($"{summary.Written} records, {summary.Rejected} rejected: " + string.Join("; ", summary.RejectedByReason.Select(r => $"{r.Value} × {r.Key}")));
    }

    private async Task<(TeachOptions Options, TeachSummary Summary)> TeachAsync(ReplaySplit split, int occupations, int seed, int maxNodes = 300)
    {
        var directory = fixture.NewDirectory();
        var options = new TeachOptions
        {
            OutputPath = Path.Combine(directory, "replay.jsonl"),
            Occupations = occupations,
            Seed = seed,
            MaxNodes = maxNodes,
            Provider = new TeacherProviderOptions { Kind = TeacherProviderKind.Replay, ReplayDirectory = TestPaths.SkillskapeDirectory, ReplaySplit = split },
        };
        return (options, await fixture.NewRun().RunAsync(options));
    }

    private static bool LeaksRemoved(TeacherRecord record, string text) =>
        LabelLeak.Find(text, record.RemovedSkills.Select(u => record.Context.Skills.First(s => s.Uri == u)).SelectMany(s => s.AltLabels.Prepend(s.Label))).Count > 0;

    private static List<string> Recorded(string file)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(TestPaths.SkillskapeDirectory, file));
        return [.. reader.Enumerate(row => row["sentence"].ToString().Trim())];
    }
}
