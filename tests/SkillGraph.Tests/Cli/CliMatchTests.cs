using System.Text.Json;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph match</c> as a user runs it, on a fresh store (the sample graph), through real ONNX sessions and the shipped head.</summary>
public sealed class CliMatchTests : IDisposable
{
    private const string Job = "We are hiring a software developer. You will write clean code in several programming languages, debug software and design databases.";
    private const string Resume = "Software developer with 6 years of experience: wrote code in several programming languages, debugged software every day, designed databases.";
    private const string Weak = "Cook with 1 year of experience: prepared meals in a busy kitchen.";
    private const string NoYears = "Software developer: wrote code in several programming languages, debugged software every day, designed databases.";
    private const string YearsInWords = "Software developer with six years of experience: wrote code in several programming languages, debugged software every day, designed databases.";

    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task MatchWritesTheDesignFieldsInOrderAndScoresTheFittingResumeHigher()
    {
        var input = Path.Combine(_directory, "in.jsonl");
        var output = Path.Combine(_directory, "out.jsonl");
        await File.WriteAllLinesAsync(input, [
            JsonSerializer.Serialize(new { id = "good", job = Job, resume = Resume }),
            JsonSerializer.Serialize(new { id = 2, job = Job, resume = Weak }),
            JsonSerializer.Serialize(new { id = "no-years", job = Job, resume = NoYears }),
            JsonSerializer.Serialize(new { id = "words", job = Job, resume = YearsInWords }),
        ]);

        var result = await CliProcess.RunAsync("match", "--input", input, "--output", output, "--db", Path.Combine(_directory, "x.db"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(4, lines.Length);
        var good = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(
            ["id", "score", "matched", "coveredSkills", "missingSkills", "explanation", "suggestedEdits", "model"],
            good.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("good", good.GetProperty("id").GetString());
        var weak = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("2", weak.GetProperty("id").GetString());
        Assert.True(good.GetProperty("score").GetDouble() > weak.GetProperty("score").GetDouble(), lines[0] + "\n" + lines[1]);
        Assert.True(good.GetProperty("matched").GetBoolean(), lines[0]);
        Assert.False(weak.GetProperty("matched").GetBoolean(), lines[1]);
        Assert.True(good.GetProperty("coveredSkills").GetArrayLength() > weak.GetProperty("coveredSkills").GetArrayLength(), lines[0] + "\n" + lines[1]);
        foreach (var skill in good.GetProperty("coveredSkills").EnumerateArray().Concat(weak.GetProperty("missingSkills").EnumerateArray()))
        {
            Assert.StartsWith("http://data.europa.eu/esco/skill/", skill.GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(skill.GetProperty("label").GetString()));
        }

        // each skill with the line that says it: a covered one the resume's, a missing one the job's
        Assert.All(good.GetProperty("coveredSkills").EnumerateArray(), s => Assert.Contains(s.GetProperty("resumeLine").GetString()!.Trim('…'), Resume, StringComparison.Ordinal));
        Assert.All(weak.GetProperty("missingSkills").EnumerateArray(), s => Assert.Contains(s.GetProperty("jobLine").GetString()!.Trim('…'), Job, StringComparison.Ordinal));

        // a suggested line for each missing skill the job grounds (suggestedEdits lists them in order), naming it in the job's words or
        // by its label, with placeholders for the facts
        var missing = weak.GetProperty("missingSkills").EnumerateArray()
            .Select(s => (Label: s.GetProperty("label").GetString()!, Line: s.GetProperty("jobLine").GetString()!, Edit: s.GetProperty("suggestedEdit").GetString())).ToList();
        var edits = weak.GetProperty("suggestedEdits").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(missing);
        Assert.NotEmpty(edits);
        Assert.Equal(missing.Where(m => m.Edit is not null).Select(m => m.Edit), edits);
        Assert.All(missing.Where(m => m.Edit is not null).Zip(edits), p =>
        {
            Assert.Contains("[employer or project]", p.Second, StringComparison.Ordinal);
            var said = $"{p.First.Label} {p.First.Line}".ToLowerInvariant().Split([' ', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
            var named = p.Second.Split(" at [", 2)[0].Split(" to [", 2)[0].Replace($"{SkillGraph.Student.Matching.ResumeEditor.KnowledgeOf} ", "", StringComparison.Ordinal).Split(' ').Skip(1).Where(w => !w.StartsWith('['));
            Assert.All(named, w => Assert.Contains(said, s => s == w.ToLowerInvariant() || SkillGraph.Student.Matching.PastTense.Of(s) == w));
        });
        Assert.Contains(missing[0].Label, weak.GetProperty("explanation").GetString()!, StringComparison.Ordinal);

        // Experience a resume does not state is unknown, not zero: the same resume without years still matches, and
        // years written as a word count like digits.
        var noYears = JsonDocument.Parse(lines[2]).RootElement;
        var words = JsonDocument.Parse(lines[3]).RootElement;
        Assert.True(noYears.GetProperty("matched").GetBoolean(), lines[2]);
        Assert.True(noYears.GetProperty("score").GetDouble() > weak.GetProperty("score").GetDouble(), lines[2]);
        // The same years either way; "six" for "6" moves that line's embedding and terms a little, nothing more.
        Assert.InRange(Math.Abs(good.GetProperty("score").GetDouble() - words.GetProperty("score").GetDouble()), 0, 0.02);
    }

    [Fact]
    public async Task BadInputOrAMissingModelGetsOneErrorLineAndNothingIsWritten()
    {
        var input = Path.Combine(_directory, "bad.jsonl");
        var output = Path.Combine(_directory, "out.jsonl");
        await File.WriteAllLinesAsync(input, [JsonSerializer.Serialize(new { id = "a", job = Job, resume = Resume }), "{\"id\":\"b\",\"job\":\"x\"}"]);
        var result = await CliProcess.RunAsync("match", "--input", input, "--output", output, "--db", Path.Combine(_directory, "y.db"));
        Assert.Equal(2, result.ExitCode); // BAD_INPUT
        Assert.Equal($"skillgraph: error: {input} line 2: needs a \"resume\" string.", result.Stderr.Trim());
        Assert.False(File.Exists(output));

        await File.WriteAllLinesAsync(input, ["{\"id\":\"a\",\"job\":\"x\",\"resume\":\"y\"}", "not json"]);
        result = await CliProcess.RunAsync("match", "--input", input, "--output", output, "--db", Path.Combine(_directory, "y.db"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"skillgraph: error: {input} line 2: not JSON", result.Stderr.Trim(), StringComparison.Ordinal);

        await File.WriteAllLinesAsync(input, ["{\"id\":\"a\",\"job\":\"x\",\"resume\":\"y\"}"]);
        result = await CliProcess.RunAsync("match", "--input", input, "--output", output, "--db", Path.Combine(_directory, "y.db"), "--model", Path.Combine(_directory, "none.onnx"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no matcher model at", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("none.onnx", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_directory, "out.jsonl*"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
