using System.Text.Json;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph suggest</c> as a user runs it, on a fresh store (the sample graph), through real ONNX sessions.</summary>
public sealed class CliSuggestTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task AKitchenJobSuggestsTheChefFirstWithTheMatchedSkillsAndAReason()
    {
        var db = Path.Combine(_directory, "s.db");
        const string text = "Busy restaurant kitchen looking for a cook: prepare meals, cook dishes, plan menus and follow food safety and hygiene rules.";
        var result = await CliProcess.RunAsync("suggest", "--text", text, "--first", "3", "--json", "--db", db);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var answer = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.StartsWith("student-", answer.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(answer.GetProperty("skills").EnumerateArray());
        var occupations = answer.GetProperty("occupations").EnumerateArray().ToList();
        Assert.InRange(occupations.Count, 1, 3);
        Assert.Equal("chef", occupations[0].GetProperty("occupation").GetProperty("label").GetString());
        Assert.NotEmpty(occupations[0].GetProperty("matchedEssential").EnumerateArray());
        Assert.StartsWith("matches ", occupations[0].GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.True(occupations.Zip(occupations.Skip(1)).All(p => p.First.GetProperty("score").GetDouble() >= p.Second.GetProperty("score").GetDouble()));

        var plain = await CliProcess.RunAsync("suggest", "--text", text, "--first", "1", "--db", db);
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.Contains("chef  — matches ", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgumentsGetOneLineAndAFailingExitCode()
    {
        var result = await CliProcess.RunAsync("suggest", "--text", "cook meals", "--first", "0", "--db", Path.Combine(_directory, "e.db"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("skillgraph: error: --first must be between 1 and 100 (see `skillgraph suggest --help`)", result.Stderr.Trim());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
