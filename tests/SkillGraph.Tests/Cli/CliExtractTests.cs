using System.Text.Json;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph extract</c> as a user runs it, on a fresh store (the sample graph), through real ONNX sessions.</summary>
public sealed class CliExtractTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task ExtractWritesTheDesignFormatWithSkillsAndSpans()
    {
        var input = Path.Combine(_directory, "in.jsonl");
        var output = Path.Combine(_directory, "out.jsonl");
        const string text = "You will write clean code in several programming languages and debug software.";
        await File.WriteAllLinesAsync(input, [JsonSerializer.Serialize(new { id = "a", text }), JsonSerializer.Serialize(new { id = 7, text = "Prepare meals in a busy kitchen." })]);

        var result = await CliProcess.RunAsync("extract", "--input", input, "--output", output, "--top", "5", "--db", Path.Combine(_directory, "x.db"), "--model", Path.Combine(_directory, "none.onnx"));
        Assert.NotEqual(0, result.ExitCode); // a named model that does not exist is an error, not a silent fallback
        Assert.Contains("none.onnx", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        result = await CliProcess.RunAsync("extract", "--input", input, "--output", output, "--top", "5", "--db", Path.Combine(_directory, "x.db"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("a", first.GetProperty("id").GetString());
        var skills = first.GetProperty("skills").EnumerateArray().ToList();
        Assert.Equal(5, skills.Count);
        Assert.All(skills, s =>
        {
            Assert.StartsWith("http://data.europa.eu/esco/skill/", s.GetProperty("uri").GetString(), StringComparison.Ordinal);
            var span = s.GetProperty("spans")[0];
            Assert.InRange(span.GetProperty("end").GetInt32(), span.GetProperty("start").GetInt32() + 1, text.Length);
        });
        Assert.Contains(skills, s => s.GetProperty("label").GetString()!.Contains("program", StringComparison.OrdinalIgnoreCase) || s.GetProperty("label").GetString()!.Contains("debug", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("7", JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task AMalformedLineGetsOneErrorNamingTheLineAndNothingIsWritten()
    {
        var input = Path.Combine(_directory, "bad.jsonl");
        var output = Path.Combine(_directory, "out.jsonl");
        await File.WriteAllLinesAsync(input, ["{\"id\":\"a\",\"text\":\"ok\"}", "{\"id\":\"b\"}"]);
        var result = await CliProcess.RunAsync("extract", "--input", input, "--output", output, "--db", Path.Combine(_directory, "y.db"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bad.jsonl line 2: needs a \"text\" string", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
