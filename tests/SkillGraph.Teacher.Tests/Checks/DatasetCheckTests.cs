using System.Text.Json;
using SkillGraph.Teacher.Checks;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;

namespace SkillGraph.Teacher.Tests.Checks;

[Collection(TeacherCollection.Name)]
public sealed class DatasetCheckTests(TeacherFixture fixture)
{
    [Fact]
    public async Task AnOfflineRunPassesTheDatasetCheckWithCoverageAndLengths()
    {
        var options = new TeachOptions { OutputPath = Path.Combine(fixture.NewDirectory(), "teacher.jsonl"), Occupations = 30, Seed = 7 };
        var summary = await fixture.NewRun().RunAsync(options);

        var report = DatasetCheck.Run(options.OutputPath);

        Assert.True(report.Passed, string.Join("\n", report.Findings.Where(f => !f.Ok).Select(f => $"{f.Check}: {f.Value}")));
        Assert.Equal(summary.Written, report.Records);
        Assert.Equal(summary.Sentences, report.Sentences);
        Assert.Equal(summary.Written, report.Occupations);
        Assert.Equal(10, report.IscoMajorGroups.Count);
        Assert.Equal(0, report.LabelLeaks);
        Assert.Contains(report.Lengths, l => l.Field == "jobDescription" && l.Min > 80);
        Assert.Contains(report.Findings, f => f.Check.StartsWith("length of resumeUnmatched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALeakADuplicateAndASkillOutsideTheContextAreFound()
    {
        var options = new TeachOptions { OutputPath = Path.Combine(fixture.NewDirectory(), "teacher.jsonl"), Occupations = 3, Seed = 11, SentencesPerOccupation = 0 };
        await fixture.NewRun().RunAsync(options);
        var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
        var leaked = records[0];
        var removed = leaked.Context.Skills.First(s => s.Uri == leaked.RemovedSkills[0]);
        records[0] = leaked with { ResumeUnmatched = leaked.ResumeUnmatched + $" Also: {removed.Label.ToUpperInvariant()}." };
        records[1] = records[1] with { Skills = [.. records[1].Skills, "http://data.europa.eu/esco/skill/not-in-context"] };
        records.Add(records[2]);
        var doctored = Path.Combine(fixture.NewDirectory(), "doctored.jsonl");
        await File.WriteAllLinesAsync(doctored, records.Select(TeacherJson.Line).Append("{not json"));

        var report = DatasetCheck.Run(doctored);

        Assert.False(report.Passed);
        Assert.Equal(1, report.LabelLeaks);
        Assert.StartsWith(leaked.Id, Assert.Single(report.LeakExamples), StringComparison.Ordinal);
        Assert.Equal(1, report.SkillsOutsideContext);
        Assert.Equal(1, report.DuplicateIds);
        Assert.Equal(1, report.DuplicateJobDescriptions);
        Assert.Equal(1, report.UnreadableLines);
    }

    [Fact]
    public async Task TheAppFacingJobDescriptionGoesThroughTheSamePipelineAndCache()
    {
        var teacher = (JobDescriptionTeacher)fixture.Services.GetService(typeof(JobDescriptionTeacher))!;
        var occupation = (await OccupationSampler.SampleAsync(fixture.Store, 1, 1))[0].Value;

        var first = await teacher.GenerateJobDescriptionAsync(Domain.ConceptUri.Parse(occupation), seed: 5);
        var again = await teacher.GenerateJobDescriptionAsync(Domain.ConceptUri.Parse(occupation), seed: 5);

        Assert.Equal(occupation, first.OccupationUri);
        Assert.True(first.JobDescription.Length > 80);
        Assert.NotEmpty(first.Skills);
        Assert.Contains(first.Skills, s => s.Relation == "essential");
        Assert.Equal("offline", first.Teacher.Provider);
        Assert.False(first.FromCache);
        Assert.True(again.FromCache);
        Assert.Equal(JsonSerializer.Serialize(first with { FromCache = true }), JsonSerializer.Serialize(again));
        await Assert.ThrowsAsync<Application.Common.ConceptNotFoundException>(() => teacher.GenerateJobDescriptionAsync(Domain.ConceptUri.Parse("http://data.europa.eu/esco/occupation/none")));
    }
}
