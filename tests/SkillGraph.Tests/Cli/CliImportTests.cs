using System.Diagnostics;
using System.Text.Json;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary>The <c>skillgraph</c> program as a user runs it: import, stats, errors, and a kill in the middle of an import.</summary>
public sealed class CliImportTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db(string name = "cli.db") => Path.Combine(_directory, name);

    [Fact]
    public async Task ImportThenStatsPrintTheEscoFigures_AndASecondImportLeavesThemUnchanged()
    {
        var import = await CliProcess.RunAsync("import", "esco", "--dir", TestPaths.EscoDirectory, "--db", Db());
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains("skipped 68 rows", import.Stdout, StringComparison.Ordinal);

        var first = await StatsAsync(Db());
        Assert.Equal(3007, first.GetProperty("occupations").GetInt32());
        Assert.Equal(13896, first.GetProperty("skills").GetInt32());
        Assert.Equal(64891, first.GetProperty("essential").GetInt32());
        Assert.Equal(58897, first.GetProperty("optional").GetInt32());
        Assert.Equal(55, first.GetProperty("skipped").GetProperty("essential").GetInt32());
        Assert.Equal(12, first.GetProperty("skipped").GetProperty("optional").GetInt32());
        foreach (var key in new[] { "skillBroader", "occupationBroader", "skillSkill" })
        {
            Assert.True(first.GetProperty(key).GetInt32() > 0, key);
        }

        var again = await CliProcess.RunAsync("import", "esco", "--zip",
            Path.Combine(TestPaths.EscoDirectory, "zips", "classification_en.zip"), Path.Combine(TestPaths.EscoDirectory, "zips", "relations.zip"), "--db", Db());
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 new, 0 changed, 18169 unchanged, 0 removed", again.Stdout, StringComparison.Ordinal);
        var second = await StatsAsync(Db());
        first.TryGetProperty("lastImport", out _);
        Assert.Equal(Without(first, "lastImport"), Without(second, "lastImport"));
    }

    [Fact]
    public async Task KillingAnImportHalfWayLeavesThePreviousGraphIntact()
    {
        // The previous graph: the sample graph an empty store is seeded with.
        var before = await StatsAsync(Db());
        Assert.Equal(0, before.GetProperty("skipped").GetProperty("total").GetInt32());

        using var process = Process.Start(CliProcess.StartInfo("import", "esco", "--dir", TestPaths.EscoDirectory, "--db", Db()))!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        string? line;
        var sawWrite = false;
        while ((line = await process.StandardError.ReadLineAsync()) is not null)
        {
            if (line.Contains("writing relations", StringComparison.Ordinal))
            {
                sawWrite = true;
                process.Kill(entireProcessTree: true);
                break;
            }
        }

        await process.WaitForExitAsync();
        Assert.True(sawWrite, "the import never reached the write stage");
        Assert.NotEqual(0, process.ExitCode);

        var after = await StatsAsync(Db());
        Assert.Equal(before.ToString(), after.ToString());
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db() });
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db()}");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    [Fact]
    public async Task ATruncatedCsvGetsOneLineNamingTheFileAndLine()
    {
        var copy = Path.Combine(_directory, "esco-truncated");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(TestPaths.EscoDirectory, "*.csv"))
        {
            File.CreateSymbolicLink(Path.Combine(copy, Path.GetFileName(file)), file);
        }

        // Cut skills_en.csv in the middle of a quoted description.
        var skills = await File.ReadAllTextAsync(Path.Combine(TestPaths.EscoDirectory, "skills_en.csv"));
        var cut = skills.IndexOf("\"Assign and manage staff", StringComparison.Ordinal) + 20;
        File.Delete(Path.Combine(copy, "skills_en.csv"));
        await File.WriteAllTextAsync(Path.Combine(copy, "skills_en.csv"), skills[..cut]);

        var result = await CliProcess.RunAsync("import", "esco", "--dir", copy, "--db", Db());
        Assert.NotEqual(0, result.ExitCode);
        var errorLines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("skillgraph:", StringComparison.Ordinal)).ToList();
        Assert.Single(errorLines);
        Assert.Matches(@"^skillgraph: error: skills_en\.csv line \d+: ", errorLines[0]);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileAndBadArgumentsGetClearErrors()
    {
        var empty = Path.Combine(_directory, "empty");
        Directory.CreateDirectory(empty);
        var missing = await CliProcess.RunAsync("import", "esco", "--dir", empty, "--db", Db());
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("ISCOGroups_en.csv: the file is missing", missing.Stderr, StringComparison.Ordinal);

        var both = await CliProcess.RunAsync("import", "esco", "--db", Db());
        Assert.NotEqual(0, both.ExitCode);
        Assert.Equal("skillgraph: error: give either --dir DIR or --zip FILE... (one of them) (see `skillgraph import esco --help`)", both.Stderr.Trim());
        Assert.False(File.Exists(Db()), "a refused command must not create the store");
    }

    [Fact]
    public async Task SearchPrintsTheBestMatchFirst()
    {
        var result = await CliProcess.RunAsync("search", "software developer", "--kind", "Occupation", "--first", "3", "--db", Db());
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("software", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> StatsAsync(string db)
    {
        var stats = await CliProcess.RunAsync("stats", "--json", "--db", db);
        Assert.True(stats.ExitCode == 0, stats.Stderr);
        return JsonDocument.Parse(stats.Stdout).RootElement.Clone();
    }

    private static string Without(JsonElement json, string property) =>
        JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
