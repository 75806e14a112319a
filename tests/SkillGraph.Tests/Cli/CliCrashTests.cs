using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SkillGraph.Formats;
using SkillGraph.Student;
using SkillGraph.Tests.Support;
using Xunit.Abstractions;

namespace SkillGraph.Tests.Cli;

/// <summary>
/// Crash safety (issue 15, item 4): the real CLI killed with SIGKILL at seeded random points of <c>import</c>, <c>curate apply</c>,
/// <c>keys create</c>, <c>teach</c>, <c>train</c> and <c>export neo4j</c>. After each kill the store passes <c>PRAGMA integrity_check</c>
/// and holds the state before the run or after it, never a mix; every output file under its final name is whole, an export
/// folder the whole previous set or the whole new one; a rerun completes and ends where an uninterrupted run ends. A few seeds per verb here; <c>bench/crash.sh</c> sweeps more (SKILLGRAPH_CRASH_SEEDS).
/// </summary>
public sealed class CliCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Seeds = int.TryParse(Environment.GetEnvironmentVariable("SKILLGRAPH_CRASH_SEEDS"), CultureInfo.InvariantCulture, out var n) ? n : 5;

    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task AKilledImportLeavesThePreviousGraphOrTheNewOneAndARerunCompletes()
    {
        var db = await SampleStoreAsync("import.db");
        var before = Graph(db);
        var reference = Copy(db, "import-reference.db");
        var duration = await TimedRunAsync("import", "esco", "--dir", TestPaths.EscoDirectory, "--db", reference);
        var after = Graph(reference);
        Assert.NotEqual(before, after);

        // One store killed again and again: the kills land in a first import and in re-imports over the imported graph.
        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var killed = await RunAndKillAsync(KillPoint(seed, duration), "import", "esco", "--dir", TestPaths.EscoDirectory, "--db", db);
            var state = Graph(db);
            outcomes.Add($"seed {seed}: {(killed ? "killed" : "finished")}, {(state == before ? "before" : state == after ? "after" : state)}");
            Assert.True(state == before || state == after, string.Join("\n", outcomes));
        }

        Report("import", outcomes);

        Assert.Equal(0, (await CliProcess.RunAsync("import", "esco", "--dir", TestPaths.EscoDirectory, "--db", db)).ExitCode);
        Assert.Equal(after, Graph(db));
    }

    [Fact]
    public async Task AKilledCurationBatchIsWrittenWholeOrNotAtAllAndARerunCompletes()
    {
        var sample = await SampleStoreAsync("curate-sample.db");
        var batch = Path.Combine(_directory, "batch.jsonl");
        await File.WriteAllLinesAsync(batch, Enumerable.Range(0, 40).Select(i =>
            $$$"""{"op": "createConcept", "ref": "s{{{i}}}", "input": {"kind": "SKILL", "preferredLabel": "crash-test skill {{{i}}}", "altLabels": ["crash skill {{{i}}}"]}}"""));
        var before = Graph(sample);
        var reference = Copy(sample, "curate-reference.db");
        var duration = await TimedRunAsync("curate", "apply", batch, "--db", reference);
        var after = Graph(reference);

        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var db = Copy(sample, $"curate-{seed}.db");
            var killed = await RunAndKillAsync(KillPoint(seed, duration), "curate", "apply", batch, "--db", db);
            var state = Graph(db);
            outcomes.Add($"seed {seed}: {(killed ? "killed" : "finished")}, {(state == before ? "before, rerun completed" : state == after ? "after" : state)}");
            Assert.True(state == before || state == after, $"seed {seed}: {state}");
            if (state == before)
            {
                var rerun = await CliProcess.RunAsync("curate", "apply", batch, "--db", db);
                Assert.True(rerun.ExitCode == 0, rerun.Stderr);
                Assert.Equal(after, Graph(db));
            }
        }

        Report("curate apply", outcomes);
    }

    [Fact]
    public async Task AKilledKeysCreateLeavesNoKeyOrAWholeOneAndARerunCreatesIt()
    {
        var sample = await SampleStoreAsync("keys-sample.db");
        var reference = Copy(sample, "keys-reference.db");
        var duration = await TimedRunAsync("keys", "create", "--role", "steward", "--name", "nightly", "--db", reference);

        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var db = Copy(sample, $"keys-{seed}.db");
            var killed = await RunAndKillAsync(KillPoint(seed, duration), "keys", "create", "--role", "steward", "--name", "nightly", "--db", db);
            var keys = Math.Max(0, Count(db, "api_key")); // -1: killed before the key table was made
            outcomes.Add($"seed {seed}: {(killed ? "killed" : "finished")}, {(keys == 0 ? "no key, rerun created it" : "the key")}");
            Assert.InRange(keys, 0, 1);
            if (keys == 0)
            {
                var rerun = await CliProcess.RunAsync("keys", "create", "--role", "steward", "--name", "nightly", "--db", db);
                Assert.True(rerun.ExitCode == 0, rerun.Stderr);
                Assert.Single(rerun.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }

            Assert.Equal(1, Count(db, "api_key"));
            Assert.Contains("nightly", (await CliProcess.RunAsync("keys", "list", "--json", "--db", db)).Stdout, StringComparison.Ordinal);
        }

        Report("keys create", outcomes);
    }

    [Fact]
    public async Task AKilledTeachLeavesOnlyWholeLinesAndARerunResumesToTheSameFiles()
    {
        var db = await SampleStoreAsync("teach.db");
        string[] Teach(string output) => ["teach", "--occupations", "12", "--seed", "3", "--out", output, "--db", db];
        var reference = Path.Combine(_directory, "teach-reference", "records.jsonl");
        var duration = await TimedRunAsync(Teach(reference));
        var expected = Files(reference);

        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var output = Path.Combine(_directory, $"teach-{seed}", "records.jsonl");
            var killed = await RunAndKillAsync(KillPoint(seed, duration), Teach(output));
            var working = output + ".partial"; // where the run works; a kill can leave a torn last line there, never under the final name
            outcomes.Add($"seed {seed}: {(killed ? "killed" : "finished")} with {(File.Exists(working) ? File.ReadAllLines(working).Length : File.Exists(output) ? File.ReadAllLines(output).Length : 0)} records (12 occupations), rerun resumed to the same files");
            foreach (var file in Journals(output).Where(File.Exists))
            {
                // every line under the final name is a whole record (what train and teach --check read)
                JsonLines.Read(file, line => line.Id());
            }

            var rerun = await CliProcess.RunAsync(Teach(output));
            Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}");
            Assert.Equal(expected, Files(output));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.partial"));
        }

        Report("teach", outcomes);
    }

    [Fact]
    public async Task AKilledTrainLeavesNoHalfWrittenHeadsAndARerunWritesTheSameBytes()
    {
        var db = await SampleStoreAsync("train.db");
        var sentences = Path.Combine(_directory, "train-data", "records.jsonl");
        Assert.Equal(0, (await CliProcess.RunAsync("teach", "--occupations", "6", "--seed", "5", "--out", sentences, "--db", db)).ExitCode);
        var data = Path.ChangeExtension(sentences, ".sentences.jsonl");
        string[] Train(string output, bool selectOnSpans = false) =>
            ["train", "--data", data, "--held-out", data, "--epochs", "1", "--interpolate", "1", "--alpha", "0.7", .. selectOnSpans ? Array.Empty<string>() : ["--select-spans", "none"], "--out", output, "--db", db];

        // The reference run as a user runs it, with the default SkillSpan selection style. The runs that are killed skip it
        // (--select-spans none): reading its 600 texts was two thirds of each run, and what a kill can break is the writing,
        // which every run still does. With λ and α given, the style chooses only the card's β: the heads are the same bytes.
        var reference = Path.Combine(_directory, "train-reference");
        var full = await CliProcess.RunAsync(Train(reference, selectOnSpans: true));
        Assert.True(full.ExitCode == 0, full.Stderr);
        Assert.Contains("SkillSpan dev (token F1)", full.Stdout, StringComparison.Ordinal);
        var expected = await File.ReadAllBytesAsync(Heads(reference));
        var timed = Path.Combine(_directory, "train-timed");
        var duration = await TimedRunAsync(Train(timed));
        Assert.Equal(expected, await File.ReadAllBytesAsync(Heads(timed)));

        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var output = Path.Combine(_directory, $"train-{seed}");
            var killed = await RunAndKillAsync(KillPoint(seed, duration), Train(output));
            outcomes.Add($"seed {seed}: {(killed ? "killed" : "finished")}, {(File.Exists(Heads(output)) ? "whole heads" : "no heads")}, rerun wrote the same bytes");
            if (File.Exists(Heads(output)))
            {
                Assert.Equal(expected, await File.ReadAllBytesAsync(Heads(output)));
                _ = StudentHeads.Load(Heads(output));
            }

            var rerun = await CliProcess.RunAsync(Train(output));
            Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}");
            Assert.Equal(expected, await File.ReadAllBytesAsync(Heads(output)));
        }

        Report("train", outcomes);

        static string Heads(string output) => Path.Combine(output, "student", StudentHeads.FileName);
    }

    [Fact]
    public async Task AKilledExportLeavesTheWholePreviousSetOrTheWholeNewOneAndARerunWritesTheNewOne()
    {
        var db = await SampleStoreAsync("export-old.db");
        var previous = Path.Combine(_directory, "export-previous");
        Assert.Equal(0, (await CliProcess.RunAsync("export", "neo4j", "--out", previous, "--db", db)).ExitCode);
        var batch = Path.Combine(_directory, "export-batch.jsonl");
        await File.WriteAllLinesAsync(batch, Enumerable.Range(0, 5).Select(i =>
            $$$"""{"op": "createConcept", "ref": "e{{{i}}}", "input": {"kind": "SKILL", "preferredLabel": "export crash skill {{{i}}}"}}"""));
        Assert.Equal(0, (await CliProcess.RunAsync("curate", "apply", batch, "--db", db)).ExitCode);
        var reference = Path.Combine(_directory, "export-reference");
        var duration = await TimedRunAsync("export", "neo4j", "--out", reference, "--db", db);
        var (before, after) = (ExportSet(previous), ExportSet(reference));
        Assert.NotEqual(before, after);

        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var output = Path.Combine(_directory, $"export-{seed}", "neo4j");
            Directory.CreateDirectory(output);
            foreach (var file in Directory.GetFiles(previous))
            {
                File.Copy(file, Path.Combine(output, Path.GetFileName(file)));
            }

            var killed = await RunAndKillAsync(KillPoint(seed, duration), "export", "neo4j", "--out", output, "--db", db);
            var kept = Directory.GetDirectories(Path.GetDirectoryName(output)!, "neo4j.old-*");
            var state = Directory.Exists(output) ? ExportSet(output) : kept.Length == 1 ? ExportSet(kept[0]) : "(no folder)";
            var which = state == before ? "the previous set" : state == after ? "the new set" : "a mix";
            outcomes.Add($"seed {seed}: {(killed ? "killed" : "finished")}, {(Directory.Exists(output) ? which : $"{which} in {Path.GetFileName(kept.FirstOrDefault())}")}, rerun wrote the new set");
            Assert.True(state == before || state == after, string.Join("\n", outcomes));

            var rerun = await CliProcess.RunAsync("export", "neo4j", "--out", output, "--db", db);
            Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}");
            Assert.Equal(after, ExportSet(output));
            Assert.Equal(["neo4j"], Directory.GetFileSystemEntries(Path.GetDirectoryName(output)!).Select(Path.GetFileName)); // no staging or old folder left
        }

        Report("export neo4j", outcomes);

        // Every file's name and bytes, in name order.
        static string ExportSet(string folder) => string.Join("\n", Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
    }

    private void Report(string verb, List<string> outcomes)
    {
        output.WriteLine($"{verb}: {outcomes.Count(o => o.Contains("killed", StringComparison.Ordinal))} of {outcomes.Count} runs killed");
        foreach (var outcome in outcomes)
        {
            output.WriteLine($"  {outcome}");
        }
    }

    /// <summary>
    /// A point of a run that took <paramref name="duration"/>, seeded: uniform over 0.2–1.2 of it, so that most kills land in the
    /// work and its writes rather than in the process's start, and some runs finish (their state is checked the same way).
    /// </summary>
    private static TimeSpan KillPoint(int seed, TimeSpan duration) => duration * (0.2 + new Random(seed).NextDouble());

    /// <summary>Runs the CLI, kills it (SIGKILL) after <paramref name="after"/> if it still runs; true when it was killed.</summary>
    private static async Task<bool> RunAndKillAsync(TimeSpan after, params string[] args)
    {
        using var process = Process.Start(CliProcess.StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = false;
        if (await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(after)) is not Task { IsCompleted: true } || !process.HasExited)
        {
            process.Kill(); // SIGKILL on Linux: no finally block, no flush
            killed = true;
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        Assert.True(killed || process.ExitCode == 0, $"{string.Join(' ', args)}: exit {process.ExitCode}\n{await stderr}");
        return killed;
    }

    /// <summary>Runs the CLI to its end (it must succeed) and says how long it took.</summary>
    private static async Task<TimeSpan> TimedRunAsync(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var result = await CliProcess.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Stderr}");
        return clock.Elapsed;
    }

    /// <summary>A store with the sample graph (what a new store is seeded with).</summary>
    private async Task<string> SampleStoreAsync(string name)
    {
        var db = Path.Combine(_directory, name);
        Assert.Equal(0, (await CliProcess.RunAsync("stats", "--json", "--db", db)).ExitCode);
        return db;
    }

    private string Copy(string db, string name)
    {
        SqliteConnection.ClearAllPools();
        var copy = Path.Combine(_directory, name);
        StoreFiles.Copy(db, copy, readOnly: false);

        SqliteConnection.ClearAllPools();
        return copy;
    }

    /// <summary>The graph's rows and change sets, after <c>PRAGMA integrity_check</c> said ok.</summary>
    private static string Graph(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        var counts = string.Join(", ", new[] { "concept", "label", "relation", "change_set", "field_change" }.Select(t => $"{t} {Count(connection, t)}"));
        SqliteConnection.ClearAllPools();
        return counts;
    }

    private static long Count(string db, string table)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        var count = Count(connection, table);
        connection.Close();
        SqliteConnection.ClearAllPools();
        return count;
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return -1;
        }

        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static string[] Journals(string records) =>
        [records, Path.ChangeExtension(records, ".sentences.jsonl"), Path.ChangeExtension(records, ".rejected.jsonl")];

    private static string Files(string records) => string.Join("\n---\n", Journals(records).Select(f => File.Exists(f) ? File.ReadAllText(f) : "(none)"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
