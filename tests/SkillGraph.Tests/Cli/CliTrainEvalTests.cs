using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary>
/// The distillation pipeline as a user runs it, on a fresh store (the sample graph): the offline teacher writes
/// labelled sentences, <c>skillgraph train</c> distils them into extractor heads (twice, to check the seed makes it
/// reproducible), <c>extract</c> serves them, <c>eval</c> writes its tables between markers.
/// </summary>
public sealed class CliTrainEvalTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task TeacherDataTrainsReproducibleHeadsThatExtractAndEvalUse()
    {
        var db = Path.Combine(_directory, "sample.db");
        var train = Path.Combine(_directory, "train.jsonl");
        var heldOut = Path.Combine(_directory, "held.jsonl");
        var selection = Path.Combine(_directory, "selection.jsonl");
        await Run("teach", "--occupations", "8", "--seed", "1", "--out", train, "--db", db);
        await Run("teach", "--occupations", "4", "--seed", "2", "--out", heldOut, "--db", db);
        await Run("teach", "--occupations", "4", "--seed", "3", "--out", selection, "--db", db);

        var outA = Path.Combine(_directory, "a");
        var outB = Path.Combine(_directory, "b");
        // Three held-out styles: the held-out sentences, and another teacher run's sentences and resumes (SkillSpan left out for speed).
        string[] grid = ["--interpolations", "1,0.5", "--alphas", "0.7,0.3", "--graph-weights", "0,0.1", "--select-whole-records", selection, "--select-spans", "none"];
        var trained = await Run(["train", "--data", SentencesOf(train), "--held-out", SentencesOf(heldOut), "--epochs", "1", "--out", outA, "--db", db, .. grid]);
        Assert.Contains("extractor heads 2-", trained.Stdout, StringComparison.Ordinal);
        AssertChosenOnHeldOut(trained.Stdout, Path.Combine(outA, "student", "extractor-heads.card.json"));
        await Run(["train", "--data", SentencesOf(train), "--held-out", SentencesOf(heldOut), "--epochs", "1", "--out", outB, "--db", db, .. grid]);
        var headsA = Path.Combine(outA, "student", "extractor-heads.bin");
        Assert.Equal(await File.ReadAllBytesAsync(headsA), await File.ReadAllBytesAsync(Path.Combine(outB, "student", "extractor-heads.bin")));
        var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outA, "student", "extractor-heads.card.json"))).RootElement;
        Assert.Equal(13, card.GetProperty("seed").GetInt32());
        Assert.InRange(card.GetProperty("metrics").GetProperty("held.sentences").GetProperty("rp5").GetDouble(), 0.0, 1.0);
        Assert.Equal(8, card.GetProperty("selection").GetArrayLength());

        var input = Path.Combine(_directory, "in.jsonl");
        var output = Path.Combine(_directory, "out.jsonl");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new { id = "x", text = "Write and debug software in several programming languages." }) + "\n");
        var extracted = await Run("extract", "--input", input, "--output", output, "--model", headsA, "--db", db);
        Assert.Contains("(trained", extracted.Stderr, StringComparison.Ordinal);
        var line = JsonDocument.Parse((await File.ReadAllLinesAsync(output)).Single()).RootElement;
        Assert.StartsWith("student-2-", line.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(line.GetProperty("skills").EnumerateArray());

        var results = Path.Combine(_directory, "RESULTS.md");
        await File.WriteAllTextAsync(results, "# Results\n\nkept\n");
        await Run("eval", "--model", headsA, "--held-out", SentencesOf(heldOut), "--limit", "15", "--span-sentences", "20", "--results", results, "--db", db);
        await Run("eval", "--model", headsA, "--held-out", SentencesOf(heldOut), "--limit", "15", "--span-sentences", "20", "--no-baseline", "--results", results, "--db", db);
        var written = await File.ReadAllTextAsync(results);
        Assert.StartsWith("# Results\n\nkept\n", written, StringComparison.Ordinal);
        Assert.Equal(1, Count(written, "<!-- skillgraph eval: begin -->")); // the second run replaced the first
        Assert.Contains("| student `student-2-", written, StringComparison.Ordinal);
        Assert.Contains("exact span P / R / F1", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainingRefusesATestSplitAndMissingData()
    {
        var db = Path.Combine(_directory, "x.db");
        var test = Path.Combine(_directory, "test.csv");
        await File.WriteAllTextAsync(test, "sentence,skills\nx,['y']\n");
        var result = await CliProcess.RunAsync("train", "--data", test, "--db", db);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("test splits are held out", result.Stderr, StringComparison.Ordinal);
        result = await CliProcess.RunAsync("train", "--data", Path.Combine(_directory, "nope.csv"), "--db", db);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.csv: no such file", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));

        // A missing records file is reported before any long work starts.
        result = await CliProcess.RunAsync("eval", "--records", Path.Combine(_directory, "nope.jsonl"), "--db", db);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"skillgraph: error: {Path.Combine(_directory, "nope.jsonl")}: no such file.", result.Stderr.Trim());

        // The matcher's options are checked before any long work too: the expectation's files are among the records, the
        // features it leaves out are features.
        var records = Path.Combine(_directory, "records.jsonl");
        var other = Path.Combine(_directory, "other.jsonl");
        await File.WriteAllTextAsync(records, "{}\n");
        await File.WriteAllTextAsync(other, "{}\n");
        result = await CliProcess.RunAsync("train", "--only", "matcher", "--records", records, "--expectation-records", other, "--db", db);
        Assert.Equal(2, result.ExitCode); // bad usage
        Assert.Equal($"skillgraph: error: --expectation-records {other}: not one of the --records files.", result.Stderr.Trim());
        result = await CliProcess.RunAsync("train", "--only", "matcher", "--records", records, "--matcher-without", "term_cover", "--db", db);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("skillgraph: error: --matcher-without term_cover: no such match feature (one of requirement_support, ", result.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    /// <summary>
    /// <c>train</c> with λ, α and β on auto (the defaults) measures every setting on every held-out style and ships the one with
    /// the smallest worst-case relative drop, then the best mean (docs/decisions/0022): the grid it prints has 2 × 2 × 2 cells
    /// with a figure on each of the three styles, and the card's λ, α and β are those of the best cell by that rule.
    /// </summary>
    private static void AssertChosenOnHeldOut(string stdout, string cardPath)
    {
        var cells = Regex.Matches(stdout, @"^  λ (\S+) α (\S+) β (\S+): (\S+) · (\S+) · (\S+); worst (\S+), mean (\S+)$", RegexOptions.Multiline)
            .Select(m => (Lambda: m.Groups[1].Value, Alpha: m.Groups[2].Value, Beta: m.Groups[3].Value,
                Scores: new[] { m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value }.Select(D).ToArray(), Worst: D(m.Groups[7].Value), Mean: D(m.Groups[8].Value)))
            .ToList();
        Assert.Equal(8, cells.Count);
        Assert.Equal(["0.3", "0.7"], cells.Select(c => c.Alpha).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["0", "0.1"], cells.Select(c => c.Beta).Distinct().Order(StringComparer.Ordinal));
        for (var style = 0; style < 3; style++)
        {
            Assert.Contains(cells, c => c.Scores[style] == cells.Max(x => x.Scores[style])); // every style has a best cell, relative 1
        }

        Assert.All(cells, c => Assert.InRange(c.Worst, 0.0, c.Mean));
        var best = cells.MaxBy(c => (c.Worst, c.Mean));
        var card = JsonDocument.Parse(File.ReadAllText(cardPath)).RootElement;
        var hyper = card.GetProperty("hyperParameters");
        var chosen = cells.Single(c => c.Lambda == hyper.GetProperty("interpolation").GetString() && c.Alpha == hyper.GetProperty("alpha").GetString()
            && c.Beta == hyper.GetProperty("graphWeight").GetString());
        Assert.Equal((best.Worst, best.Mean), (chosen.Worst, chosen.Mean)); // the best as printed (a tie below the printed precision may pick either)
        Assert.Contains("interpolation and alpha chosen by the smallest worst-case relative drop", card.GetProperty("trainingData").GetString(), StringComparison.Ordinal);
    }

    private static double D(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static string SentencesOf(string records) => Path.ChangeExtension(records, ".sentences.jsonl");

    private static int Count(string text, string what) => text.Split(what).Length - 1;

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args)
    {
        var result = await CliProcess.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"skillgraph {string.Join(' ', args)}: {result.Stderr}");
        return result;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
