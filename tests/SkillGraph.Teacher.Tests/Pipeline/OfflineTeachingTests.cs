using System.Diagnostics;
using System.Text.Json;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Domain;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;
using Xunit.Abstractions;

namespace SkillGraph.Teacher.Tests.Pipeline;

/// <summary>
/// The whole pipeline with the offline teacher: sampling, the real context handler through the real Mediator
/// pipeline, SK rendering the prompt files, the offline chat service, validation, the JSONL writers.
/// </summary>
[Collection(TeacherCollection.Name)]
public sealed class OfflineTeachingTests(TeacherFixture fixture, ITestOutputHelper output)
{
    private const int Occupations = 40;

    [Fact]
    public async Task TwoRunsOver200OccupationsWithSeed7WriteByteIdenticalFiles()
    {
        var first = Options(fixture.NewDirectory()) with { Occupations = 200, UseCache = false };
        var second = Options(fixture.NewDirectory()) with { Occupations = 200, UseCache = false, Concurrency = 3 };

        var clock = Stopwatch.StartNew();
        var summary = await fixture.NewRun().RunAsync(first);
        output.WriteLine($"{first.Occupations} occupations offline: {clock.Elapsed.TotalSeconds:F1} s; {summary.Written} written, {summary.Rejected} rejected, {summary.Sentences} sentences");
        var sample = Jsonl.Read<TeacherRecord>(first.OutputPath)[1];
        output.WriteLine($"{sample.JobDescription}\n---\n{sample.ResumeMatched}\n---\n{sample.ResumeUnmatched}\n---\nremoved: {string.Join(", ", sample.RemovedSkills.Select(u => sample.Context.Skills.First(s => s.Uri == u).Label))}");
        output.WriteLine(string.Join("\n", File.ReadLines(first.SentencesPathOrDefault).Take(8)));
        output.WriteLine(string.Join("\n", File.ReadLines(first.RejectedPathOrDefault).Take(5)));
        foreach (var finding in SkillGraph.Teacher.Checks.DatasetCheck.Run(first.OutputPath).Findings)
        {
            output.WriteLine($"{finding.Check}: {finding.Value} {(finding.Ok ? "ok" : "PROBLEM")}");
        }

        output.WriteLine($"teacher file {new FileInfo(first.OutputPath).Length / 1024} KiB, sentences {new FileInfo(first.SentencesPathOrDefault).Length / 1024} KiB");
        await fixture.NewRun().RunAsync(second);

        Assert.True(summary.Written >= 180, $"only {summary.Written} of 200 written; rejected: {string.Join(", ", summary.RejectedByReason)}");
        Assert.Equal(200, summary.Written + summary.Rejected);
        Assert.True(summary.Sentences >= summary.Written * 3);
        Assert.Equal(File.ReadAllBytes(first.OutputPath), File.ReadAllBytes(second.OutputPath));
        Assert.Equal(File.ReadAllBytes(first.SentencesPathOrDefault), File.ReadAllBytes(second.SentencesPathOrDefault));
        Assert.Equal(File.ReadAllBytes(first.RejectedPathOrDefault), File.ReadAllBytes(second.RejectedPathOrDefault));
    }

    [Fact]
    public async Task RecordsHaveExactlyTheContractFieldsWithProvenance()
    {
        var options = Options(fixture.NewDirectory()) with { Occupations = 3 };
        await fixture.NewRun().RunAsync(options);

        var line = File.ReadLines(options.OutputPath).First();
        using var document = JsonDocument.Parse(line);
        Assert.Equal(
            ["id", "occupationUri", "context", "jobDescription", "resumeMatched", "resumeUnmatched", "skills", "removedSkills", "removedExperiences", "matchedYears", "unmatchedYears", "teacher", "createdAt"],
            document.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        var teacher = document.RootElement.GetProperty("teacher");
        Assert.Equal(["provider", "model", "promptHash"], teacher.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("offline", teacher.GetProperty("provider").GetString());
        Assert.Equal(TeacherProviderOptions.OfflineModel, teacher.GetProperty("model").GetString());
        Assert.Matches("^sha256:[0-9a-f]{64}$", teacher.GetProperty("promptHash").GetString());
        Assert.Equal("1970-01-01T00:00:00+00:00", document.RootElement.GetProperty("createdAt").GetString());

        using var sentence = JsonDocument.Parse(File.ReadLines(options.SentencesPathOrDefault).First());
        Assert.Equal(["id", "text", "skills"], sentence.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task EverySkillInEveryRecordIsASkillOfTheGraphInTheOccupationsContext()
    {
        var options = Options(fixture.NewDirectory());
        await fixture.NewRun().RunAsync(options);
        var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
        var sentences = Jsonl.Read<SentenceRecord>(options.SentencesPathOrDefault);
        Assert.NotEmpty(records);

        var byRecord = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            // The context as the handler gives it now, asked independently of the run.
            var context = await fixture.Mediator.Send(new GetOccupationContext(ConceptUri.Parse(record.OccupationUri), options.MaxNodes, 0, options.Seed));
            var contextUris = context.Skills.Select(s => s.Skill.Uri.Value).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(contextUris.Order(StringComparer.Ordinal), record.Context.Skills.Select(s => s.Uri).Order(StringComparer.Ordinal));
            var all = record.Skills.Concat(record.RemovedSkills).ToList();
            var concepts = await fixture.Store.GetConceptsAsync([.. all.Select(ConceptUri.Parse)]);
            Assert.All(concepts, c => Assert.Equal(ConceptKind.Skill, Assert.IsType<Concept>(c).Kind));
            Assert.All(all, uri => Assert.Contains(uri, contextUris));
            byRecord[record.Id] = contextUris;
        }

        Assert.NotEmpty(sentences);
        foreach (var sentence in sentences)
        {
            var context = byRecord[sentence.Id[..sentence.Id.LastIndexOf("-s", StringComparison.Ordinal)]];
            Assert.InRange(sentence.Skills.Count, 1, 3);
            Assert.All(sentence.Skills, uri => Assert.Contains(uri, context));
        }
    }

    [Fact]
    public async Task TheUnmatchedResumeLosesOneToThreeEssentialSkillsUnderEveryLabelAndNeverHasMoreExperience()
    {
        var options = Options(fixture.NewDirectory());
        await fixture.NewRun().RunAsync(options);
        var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
        Assert.NotEmpty(records);

        foreach (var record in records)
        {
            Assert.InRange(record.RemovedSkills.Count, 1, 3);
            var occupation = ConceptUri.Parse(record.OccupationUri);
            var essential = (await fixture.Store.GetNeighboursAsync(occupation, RelationType.EssentialSkill, Direction.Outgoing, Graph.PageRequest.All)).Items.Select(u => u.Value).ToHashSet();
            foreach (var removed in record.RemovedSkills)
            {
                Assert.Contains(removed, essential);
                Assert.Contains(removed, record.Skills);

                // Every label the graph has for the skill (not only those in the context), as a whole phrase.
                var skill = (await fixture.Store.GetConceptsAsync([ConceptUri.Parse(removed)]))[0]!;
                var leaks = LabelLeak.Find(record.ResumeUnmatched, skill.AltLabels().Prepend(skill.PreferredLabel));
                Assert.True(leaks.Count == 0, $"{record.Id}: the unmatched resume names removed skill '{skill.PreferredLabel}' as {string.Join(", ", leaks)}");
                Assert.NotEmpty(LabelLeak.Find(record.ResumeMatched, skill.AltLabels().Prepend(skill.PreferredLabel)));
            }

            Assert.True(record.UnmatchedYears <= record.MatchedYears || (record.MatchedYears is null && record.UnmatchedYears is null), $"{record.Id}: {record.MatchedYears} → {record.UnmatchedYears} years");
        }
    }

    [Fact]
    public async Task CancellingHalfWayAndRerunningGivesTheSameFilesWithoutDuplicates()
    {
        var whole = Options(fixture.NewDirectory()) with { Occupations = 20 };
        await fixture.NewRun().RunAsync(whole);

        var broken = Options(fixture.NewDirectory()) with { Occupations = 20, Concurrency = 2 };
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Written >= 9)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.NewRun().RunAsync(broken, progress, cancel.Token));
        var linesAfterCrash = File.ReadAllLines(broken.OutputPath).Length;
        var rejectedAfterCrash = CountRejected(broken);
        Assert.InRange(linesAfterCrash, 1, 19);
        Assert.False(File.Exists(broken.OutputPath + ".partial"), "a cancelled run leaves its lines under the final name");

        // A kill, which leaves the working copies: after the next occupation's sentences were written but before its record
        // was, and in the middle of a write, which leaves a torn last line in each.
        var next = Jsonl.Read<TeacherRecord>(whole.OutputPath)[linesAfterCrash + rejectedAfterCrash].Id;
        File.Copy(broken.OutputPath, broken.OutputPath + ".partial");
        File.Copy(broken.SentencesPathOrDefault, broken.SentencesPathOrDefault + ".partial");
        await File.AppendAllTextAsync(broken.SentencesPathOrDefault + ".partial", $"{{\"id\":\"{next}-s00\",\"text\":\"orphan\",\"skills\":[]}}\n");
        await File.AppendAllTextAsync(broken.OutputPath + ".partial", "{\"id\":\"t-torn\",\"occupationUri\":\"http://data.eu");
        await File.AppendAllTextAsync(broken.SentencesPathOrDefault + ".partial", "{\"id\":\"t-torn-s00\",\"te");

        var resumed = await fixture.NewRun().RunAsync(broken);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(broken.OutputPath)!, "*.partial"));

        Assert.Equal(linesAfterCrash + rejectedAfterCrash, resumed.Skipped);
        Assert.Equal(File.ReadAllBytes(whole.OutputPath), File.ReadAllBytes(broken.OutputPath));
        Assert.Equal(File.ReadAllBytes(whole.SentencesPathOrDefault), File.ReadAllBytes(broken.SentencesPathOrDefault));
        Assert.DoesNotContain("orphan", File.ReadAllText(broken.SentencesPathOrDefault), StringComparison.Ordinal);
        var ids = Jsonl.Read<TeacherRecord>(broken.OutputPath).Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task ARerunOfADoneFileWritesNothingAndACachedRunCallsNoModel()
    {
        var directory = fixture.NewDirectory();
        var options = Options(directory) with { Occupations = 8 };
        var first = await fixture.NewRun().RunAsync(options);
        var again = await fixture.NewRun().RunAsync(options);
        Assert.Equal(0, again.Written);
        Assert.Equal(8, again.Skipped);

        var elsewhere = options with { OutputPath = Path.Combine(directory, "copy.jsonl") };
        var cached = await fixture.NewRun().RunAsync(elsewhere);
        Assert.True(first.ModelCalls > 0);
        Assert.Equal(0, cached.ModelCalls);
        Assert.Equal(first.ModelCalls, cached.CacheHits);
        Assert.Equal(0, cached.InputTokens);
        Assert.Equal(File.ReadAllBytes(options.OutputPath), File.ReadAllBytes(elsewhere.OutputPath));
    }

    [Fact]
    public async Task MaxCostStopsTheRunCleanlyAndARerunFinishesIt()
    {
        var priced = new TeacherProviderOptions { Kind = TeacherProviderKind.Offline, InputPricePerMillion = 100m, OutputPricePerMillion = 100m };
        var options = Options(fixture.NewDirectory()) with { Occupations = 12, Provider = priced, UseCache = false, MaxCost = 1.0m };

        var stopped = await fixture.NewRun().RunAsync(options);
        Assert.True(stopped.StoppedByMaxCost);
        Assert.InRange(stopped.Written + stopped.Rejected, 1, 11);
        Assert.True(stopped.Cost >= 1.0m);
        Assert.True(stopped.InputTokens > 0 && stopped.OutputTokens > 0);

        var finished = await fixture.NewRun().RunAsync(options with { MaxCost = null });
        Assert.False(finished.StoppedByMaxCost);
        Assert.Equal(12, finished.Skipped + finished.Written + finished.Rejected);
        Assert.Equal(stopped.Written + stopped.Rejected, finished.Skipped);
    }

    [Fact]
    public async Task SamplingIsStratifiedOverIscoMajorGroupsAndDeterministicForASeed()
    {
        var sample = await OccupationSampler.SampleAsync(fixture.Store, 40, 7);
        var again = await OccupationSampler.SampleAsync(fixture.Store, 40, 7);
        var other = await OccupationSampler.SampleAsync(fixture.Store, 40, 8);

        Assert.Equal(sample, again);
        Assert.NotEqual(sample, other);
        Assert.Equal(40, sample.Distinct().Count());
        var concepts = await fixture.Store.GetConceptsAsync(sample);
        var groups = concepts.GroupBy(c => c!.Code![0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, groups.Count);
        Assert.All(groups.Values, n => Assert.InRange(n, 1, 6));
    }

    [Fact]
    public async Task GivenOccupationUrisAreTaughtInTheirOrder()
    {
        var chosen = (await OccupationSampler.SampleAsync(fixture.Store, 3, 99)).Reverse().ToList();
        var options = Options(fixture.NewDirectory()) with { OccupationUris = chosen };
        await fixture.NewRun().RunAsync(options);
        var taught = Jsonl.Read<TeacherRecord>(options.OutputPath).Select(r => r.OccupationUri).ToList();
        var rejected = Jsonl.Read<RejectionRecord>(options.RejectedPathOrDefault).Where(r => r.Task != "sentences").Select(r => r.OccupationUri);
        Assert.Equal(chosen.Select(c => c.Value).Where(u => !rejected.Contains(u)), taught);
    }

    [Fact]
    public void CreatedAtIsTheOptionElseSourceDateEpochElseTheFixedDefault()
    {
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TeachOptions.ResolveCreatedAt("2025-03-01T12:00:00Z", "5"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), TeachOptions.ResolveCreatedAt(null, "1700000000"));
        Assert.Equal(TeachOptions.DefaultCreatedAt, TeachOptions.ResolveCreatedAt(null, null));
        Assert.Throws<ArgumentException>(() => TeachOptions.ResolveCreatedAt("yesterday", null));
    }

    private static TeachOptions Options(string directory) => new()
    {
        OutputPath = Path.Combine(directory, "teacher.jsonl"),
        Occupations = Occupations,
        Seed = 7,
        CacheDirectory = Path.Combine(directory, "cache"),
    };

    private static int CountRejected(TeachOptions options) =>
        File.Exists(options.RejectedPathOrDefault) ? Jsonl.Read<RejectionRecord>(options.RejectedPathOrDefault).Count(r => r.Task != "sentences") : 0;

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late to cancel at a precise point).</summary>
    private sealed class SyncProgress(Action<TeachProgress> report) : IProgress<TeachProgress>
    {
        public void Report(TeachProgress value) => report(value);
    }
}
