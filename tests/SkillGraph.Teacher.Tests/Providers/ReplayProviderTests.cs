using nietras.SeparatedValues;
using SkillGraph.Domain;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;

namespace SkillGraph.Teacher.Tests.Providers;

/// <summary>Replay of the recorded SkillSkape corpus (train and dev only) through the same pipeline.</summary>
[Collection(TeacherCollection.Name)]
public sealed class ReplayProviderTests(TeacherFixture fixture)
{
    [Fact]
    public async Task TheCorpusMapsOntoEscoUrisByPreferredLabelFromTrainAndDevOnly()
    {
        var corpus = await ReplayCorpus.LoadAsync(TestPaths.SkillskapeDirectory, fixture.Store);

        Assert.Equal(["train.csv", "dev.csv"], ReplayCorpus.Files);
        Assert.True(corpus.Sentences.Count > 5000, $"{corpus.Sentences.Count} sentences mapped");
        Assert.All(corpus.Sentences, s => Assert.DoesNotContain("test", s.Source, StringComparison.Ordinal));
        var sample = corpus.Sentences.Take(200).SelectMany(s => s.Skills).Distinct().Select(ConceptUri.Parse).ToList();
        Assert.All(await fixture.Store.GetConceptsAsync(sample), c => Assert.Equal(ConceptKind.Skill, c!.Kind));
    }

    [Fact]
    public async Task ReplayWritesRecordedSentencesWhoseSkillsAllLieInTheContext()
    {
        var directory = fixture.NewDirectory();
        var options = new TeachOptions
        {
            OutputPath = Path.Combine(directory, "replay.jsonl"),
            Occupations = 20,
            Seed = 7,
            MaxNodes = 300,
            Provider = new TeacherProviderOptions { Kind = TeacherProviderKind.Replay, ReplayDirectory = TestPaths.SkillskapeDirectory },
        };

        var summary = await fixture.NewRun().RunAsync(options);

        Assert.True(summary.Written > 0, string.Join(", ", summary.RejectedByReason));
        var records = Jsonl.Read<TeacherRecord>(options.OutputPath);
        Assert.All(records, r => Assert.Equal(new[] { "replay", TeacherProviderOptions.ReplayModel }, new[] { r.Teacher.Provider, r.Teacher.Model }));
        var recorded = Recorded("train.csv").Concat(Recorded("dev.csv")).ToHashSet(StringComparer.Ordinal);
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

    private static List<string> Recorded(string file)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(TestPaths.SkillskapeDirectory, file));
        return [.. reader.Enumerate(row => row["sentence"].ToString().Trim())];
    }
}
