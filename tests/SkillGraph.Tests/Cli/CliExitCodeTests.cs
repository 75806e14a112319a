using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary>
/// Exit codes that tell the truth (issue 15, item 7): a run in which every item failed exits non-zero and writes nothing, so a
/// scheduled job notices. (<c>teach</c> whose every occupation is rejected: CliTeachProviderTests.)
/// </summary>
public sealed class CliExitCodeTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db => Path.Combine(_directory, "store.db");

    [Fact]
    public async Task TrainingOnSentencesWhoseEverySkillIsUnknownFailsAndWritesNoHeads()
    {
        var data = Path.Combine(_directory, "unknown.sentences.jsonl");
        await File.WriteAllLinesAsync(data, ["""{"id": "s1", "text": "Writes Java code.", "skills": ["http://example.org/not-a-skill"]}"""]);
        var output = Path.Combine(_directory, "models");

        var result = await CliProcess.RunAsync("train", "--data", data, "--held-out", data, "--epochs", "1", "--interpolate", "1", "--alpha", "0.7", "--out", output, "--db", Db);

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph: error:", StringComparison.Ordinal));
        Assert.Contains("no sentence names a skill of this store's", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "student")) && Directory.EnumerateFiles(Path.Combine(output, "student")).Any(), "heads were written");
    }

    [Fact]
    public async Task AnImportWhoseEveryOccupationFailsToReadLeavesTheGraphAsItWas()
    {
        var before = await CliProcess.RunAsync("stats", "--json", "--db", Db);
        var copy = Path.Combine(_directory, "esco-no-occupations");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(TestPaths.EscoDirectory, "*.csv"))
        {
            File.CreateSymbolicLink(Path.Combine(copy, Path.GetFileName(file)), file);
        }

        // The header only: every occupation row is gone.
        var occupations = Path.Combine(copy, "occupations_en.csv");
        var header = File.ReadLines(Path.Combine(TestPaths.EscoDirectory, "occupations_en.csv")).First();
        File.Delete(occupations);
        await File.WriteAllTextAsync(occupations, header + "\n");

        var result = await CliProcess.RunAsync("import", "esco", "--dir", copy, "--db", Db);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("skillgraph: error: occupations_en.csv: holds no occupation; nothing was imported and the graph is as it was.", Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph:", StringComparison.Ordinal)));
        Assert.Equal(before.Stdout, (await CliProcess.RunAsync("stats", "--json", "--db", Db)).Stdout);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
