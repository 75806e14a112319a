using System.IO.Compression;
using System.Text;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary>
/// Bad files for every verb that reads one (issue 15, item 8): a truncated file, another encoding, a byte order mark, CRLF line
/// ends, a 100 MB line, a zip bomb, outputs that cannot be written, and outputs outside the working tree (decision 0024). A bad
/// file gets one line naming the file and the line, a non-zero exit and no output file (nothing half-written, no temporary file
/// left); a BOM and CRLF are read as plain UTF-8.
/// </summary>
public sealed class CliBadFileTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db => Path.Combine(_directory, "store.db");

    private const string Curation = """{"op": "createConcept", "ref": "rust", "input": {"kind": "SKILL", "preferredLabel": "Rust (programming language)"}}""";

    /// <summary>Each verb with a JSONL input: its arguments around the input file, and a valid line of its format.</summary>
    private static readonly (string Verb, Func<string, string, string[]> Args, string Valid)[] JsonlVerbs =
    [
        ("extract", (input, output) => ["extract", "--input", input, "--output", output], """{"id": "1", "text": "We need a Java developer."}"""),
        ("match", (input, output) => ["match", "--input", input, "--output", output], """{"id": "1", "job": "Java developer", "resume": "I write Java."}"""),
        ("curate apply", (input, _) => ["curate", "apply", input, "--dry-run"], Curation),
        ("teach --check", (input, _) => ["teach", "--check", input], """{"id": "s1", "text": "Writes Java code.", "skills": []}"""),
        ("train --records", (input, output) => ["train", "--only", "matcher", "--records", input, "--out", output], """{"id": "r1", "occupationUri": "http://data.europa.eu/esco/occupation/x", "jobDescription": "Java developer", "resumeMatched": "I write Java.", "resumeUnmatched": "I cook."}"""),
    ];

    private async Task<string> FileAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ATruncatedLineAnotherEncodingAndAHundredMegabyteLineGetOneLineNamingFileAndLineForEveryVerb()
    {
        var huge = Path.Combine(_directory, "huge.jsonl");
        await using (var stream = File.Create(huge))
        {
            var chunk = Utf8(new string('x', 1 << 20));
            await stream.WriteAsync(Utf8("{\"id\": \"1\", \"text\": \""));
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteAsync(chunk);
            }

            await stream.WriteAsync(Utf8("\"}\n"));
        }

        foreach (var (verb, args, valid) in JsonlVerbs)
        {
            var cases = new (string Name, string Path, string Expected)[]
            {
                ("truncated", await FileAsync($"{verb.Split(' ')[0][..2]}-tr.jsonl", Utf8(valid + "\n" + valid[..(valid.Length / 2)])), "line 2: "),
                ("latin-1", await FileAsync($"{verb.Split(' ')[0][..2]}-la.jsonl", [.. Utf8(valid + "\n"), .. Encoding.Latin1.GetBytes(valid.Replace("Java", "Javá", StringComparison.Ordinal).Replace("Rust", "Rüst", StringComparison.Ordinal).Replace("r1", "r\u00e91", StringComparison.Ordinal))]), "line 2: not UTF-8 text"),
                ("utf-16", await FileAsync($"{verb.Split(' ')[0][..2]}-ut.jsonl", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(valid)]), "line 1: UTF-16 or UTF-32 text"),
                ("100 MB line", huge, "line 1: longer than 4194304 bytes"),
            };
            foreach (var (name, path, expected) in cases)
            {
                var output = Path.Combine(_directory, $"{verb}-{name}.out");
                var result = await CliProcess.RunAsync([.. args(path, output), "--db", Db]);
                var context = $"{verb}, {name}: exit {result.ExitCode}\n{result.Stderr}";
                if (verb == "teach --check" && name == "truncated")
                {
                    // the checker reports a line it cannot read as a failed check of the dataset, naming it
                    Assert.Equal(1, result.ExitCode);
                    Assert.Contains($"(the first: {Path.GetFileName(path)} line 2)", result.Stdout, StringComparison.Ordinal);
                    continue;
                }

                Assert.True(result.ExitCode == 2, context); // BAD_INPUT
                var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph:", StringComparison.Ordinal));
                Assert.Contains(Path.GetFileName(path), error, StringComparison.Ordinal);
                // curate apply names a line as FILE:N (its documented form), the others as FILE line N
                Assert.True(error.Contains(expected, StringComparison.Ordinal) || error.Contains(expected.Replace("line 2: ", ":2: ", StringComparison.Ordinal), StringComparison.Ordinal), context);
                Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
                Assert.False(File.Exists(output) || Directory.Exists(output), $"{context}: an output was written");
            }
        }

        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AByteOrderMarkAndCrlfLineEndsAreReadAsPlainUtf8()
    {
        var lines = $"{Curation}\r\n{Curation.Replace("\"rust\"", "\"rust2\"", StringComparison.Ordinal).Replace("(programming language)", "(language)", StringComparison.Ordinal)}\r\n";
        var file = await FileAsync("bom-crlf.jsonl", [.. Encoding.UTF8.GetPreamble(), .. Utf8(lines)]);
        var result = await CliProcess.RunAsync("curate", "apply", file, "--dry-run", "--db", Db);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("line 1\tcreateConcept\tok", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 2\tcreateConcept\tok", result.Stdout, StringComparison.Ordinal);

        var check = await CliProcess.RunAsync("teach", "--check", await FileAsync("bom-crlf-sentences.jsonl", [.. Encoding.UTF8.GetPreamble(), .. Utf8("{\"id\":\"s1\",\"text\":\"Writes Java code.\",\"skills\":[]}\r\n")]));
        Assert.Contains("sentences", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("skillgraph: error", check.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEscoCsvInAnotherEncodingOrWithAHundredMegabyteRowGetsOneLineAndTheGraphStaysAsItWas()
    {
        var before = await CliProcess.RunAsync("stats", "--json", "--db", Db);
        foreach (var (name, edit, expected) in new (string, Func<string, byte[]>, string)[]
        {
            ("latin-1", csv => Encoding.Latin1.GetBytes(csv.Replace("manage", "managé", StringComparison.Ordinal)), "not UTF-8 text"),
            ("100 MB row", csv => [.. Utf8(csv[..(csv.IndexOf('\n', StringComparison.Ordinal) + 1)] + "\"http://data.europa.eu/esco/skill/x\",\"skill/competence\",\"\",\"" + new string('x', 100 << 20) + "\"\n")], "maximum supported length of 16777216"),
        })
        {
            var copy = EscoCopy(name);
            var skills = Path.Combine(copy, "skills_en.csv");
            var text = await File.ReadAllTextAsync(Path.Combine(TestPaths.EscoDirectory, "skills_en.csv"));
            File.Delete(skills);
            await File.WriteAllBytesAsync(skills, edit(text));

            var result = await CliProcess.RunAsync("import", "esco", "--dir", copy, "--db", Db);
            var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph:", StringComparison.Ordinal));
            Assert.True(result.ExitCode == 2, $"{name}: {result.Stderr}");
            Assert.Matches(@"^skillgraph: error: skills_en\.csv line \d+: ", error);
            Assert.True(error.Contains(expected, StringComparison.Ordinal), error);
        }

        Assert.Equal(before.Stdout, (await CliProcess.RunAsync("stats", "--json", "--db", Db)).Stdout);
    }

    [Fact]
    public async Task AZipBombIsRefusedByItsExpansionBeforeItIsRead()
    {
        var bomb = Path.Combine(_directory, "bomb.zip");
        using (var zip = ZipFile.Open(bomb, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(TestPaths.EscoDirectory, "*.csv").Where(f => !f.EndsWith("skills_en.csv", StringComparison.Ordinal)))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Fastest);
            }

            // 512 MB of one byte compresses to ≈ 0.5 MB: a thousandfold expansion.
            await using var stream = zip.CreateEntry("skills_en.csv", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            Array.Fill(zeros, (byte)'a');
            for (var i = 0; i < 512; i++)
            {
                await stream.WriteAsync(zeros);
            }
        }

        var result = await CliProcess.RunAsync("import", "esco", "--zip", bomb, "--db", Db);
        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph:", StringComparison.Ordinal));
        Assert.StartsWith("skillgraph: error: skills_en.csv: expands from ", error, StringComparison.Ordinal);
        Assert.Contains("a zip bomb?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutputThatCannotBeWrittenIsOneLineBeforeTheWorkAndLeavesNothing()
    {
        var texts = await FileAsync("texts.jsonl", Utf8("""{"id": "1", "text": "We need a Java developer."}""" + "\n"));
        var pairs = await FileAsync("pairs.jsonl", Utf8("""{"id": "1", "job": "Java developer", "resume": "I write Java."}""" + "\n"));
        var aFile = await FileAsync("a-file", Utf8("not a folder"));
        var aFolder = Path.Combine(_directory, "a-folder");
        Directory.CreateDirectory(aFolder);
        foreach (var (output, expected) in new[]
        {
            (aFolder, "is a folder"),
            (Path.Combine(aFile, "out.jsonl"), "is a file, not a folder"),
            ("/proc/skillgraph-out.jsonl", "/proc/skillgraph-out.jsonl"),
        })
        {
            foreach (var verb in new[] { "extract", "match" })
            {
                // /proc is an output root here, so that the write itself is what fails
                var result = await CliProcess.RunInAsync(TestPaths.RepositoryRoot, $"{Path.GetTempPath()}{Path.PathSeparator}/proc", verb, "--input", verb == "extract" ? texts : pairs, "--output", output, "--db", Db);
                var context = $"{verb} → {output}: exit {result.ExitCode}\n{result.Stderr}";
                Assert.True(result.ExitCode == 1, context);
                var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph:", StringComparison.Ordinal));
                Assert.True(error.Contains(expected, StringComparison.Ordinal), context);
                Assert.DoesNotContain("loading", result.Stderr, StringComparison.OrdinalIgnoreCase); // refused before the student loaded
            }
        }

        var changes = await CliProcess.RunAsync("changes", "export", "--since", "2020-01-01", "--out", aFolder, "--db", Db);
        Assert.Equal(1, changes.ExitCode);
        Assert.Contains("is a folder", changes.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFileSystemEntries(aFolder));
    }

    /// <summary>Each verb's output option (file or folder), as the verb is run with it; --since etc. valid so that only the output is wrong.</summary>
    private static readonly (string Option, Func<string, string[]> Args)[] Outputs =
    [
        ("--output", output => ["extract", "--input", "texts.jsonl", "--output", output]),
        ("--output", output => ["match", "--input", "pairs.jsonl", "--output", output]),
        ("--out", output => ["changes", "export", "--since", "2020-01-01", "--out", output]),
        ("--out", output => ["export", "neo4j", "--out", output]),
        ("--out", output => ["teach", "--occupations", "1", "--out", output]),
        ("--cache-dir", output => ["teach", "--occupations", "1", "--out", "records.jsonl", "--cache-dir", output]),
        ("--out", output => ["train", "--out", output]),
        ("--feature-cache", output => ["train", "--only", "matcher", "--records", "pairs.jsonl", "--feature-cache", output]),
        ("--results", output => ["eval", "--results", output]),
    ];

    [Fact]
    public async Task AnOutputOutsideTheWorkingTreeIsOneLineNamingOptionAndPathForEveryVerb_AndNothingIsWritten()
    {
        var tree = Path.Combine(_directory, "tree");
        var outside = Path.Combine(_directory, "outside");
        Directory.CreateDirectory(tree);
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(tree, "texts.jsonl"), """{"id": "1", "text": "We need a Java developer."}""" + "\n");
        await File.WriteAllTextAsync(Path.Combine(tree, "pairs.jsonl"), """{"id": "1", "job": "Java developer", "resume": "I write Java."}""" + "\n");
        File.CreateSymbolicLink(Path.Combine(tree, "link"), outside); // a folder inside the tree that points outside it
        foreach (var (option, args) in Outputs)
        {
            foreach (var (output, shown) in new[]
            {
                (Path.Combine(outside, "out"), Path.Combine(outside, "out")),
                (Path.Combine(tree, "..", "outside", "out"), Path.Combine(outside, "out")),
                (Path.Combine(tree, "link", "out"), $"{Path.Combine(tree, "link", "out")} (a link to {Path.Combine(outside, "out")})"),
            })
            {
                var result = await CliProcess.RunInAsync(tree, null, [.. args(output), "--db", Db]);
                var context = $"{string.Join(' ', args(output))}: exit {result.ExitCode}\n{result.Stderr}";
                Assert.True(result.ExitCode == 2, context);
                var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Equal($"skillgraph: error: {option} {shown} is outside the working tree ({tree}); run from its folder or add its folder to SKILLGRAPH_OUTPUT_ROOTS.", error);
            }
        }

        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal(["link", "pairs.jsonl", "texts.jsonl"], Directory.GetFileSystemEntries(tree).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnOutputIsWrittenInsideTheWorkingTreeOrAFolderOfSkillgraphOutputRoots()
    {
        var tree = Path.Combine(_directory, "tree");
        var outside = Path.Combine(_directory, "outside");
        Directory.CreateDirectory(tree);
        Directory.CreateDirectory(outside);

        var relative = await CliProcess.RunInAsync(tree, null, "changes", "export", "--since", "2020-01-01", "--out", Path.Combine("deltas", "delta.jsonl"), "--db", Db);
        Assert.True(relative.ExitCode == 0, relative.Stderr);
        Assert.True(File.Exists(Path.Combine(tree, "deltas", "delta.jsonl")));

        var refused = await CliProcess.RunInAsync(tree, null, "export", "neo4j", "--out", Path.Combine(outside, "neo4j"), "--db", Db);
        Assert.Equal(2, refused.ExitCode);
        var allowed = await CliProcess.RunInAsync(tree, $"/nonexistent-root{Path.PathSeparator}{outside}", "export", "neo4j", "--out", Path.Combine(outside, "neo4j"), "--db", Db);
        Assert.True(allowed.ExitCode == 0, allowed.Stderr);
        Assert.True(File.Exists(Path.Combine(outside, "neo4j", "README.txt")));
        var other = await CliProcess.RunInAsync(tree, outside, "export", "neo4j", "--out", outside + "x", "--db", Db);
        Assert.Contains($"--out {outside}x is outside the working tree ({tree}) or SKILLGRAPH_OUTPUT_ROOTS ({outside}); ", other.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outside + "x"));
    }

    [Fact]
    public void APathIsInsideARootOnlyOnASeparatorBoundary()
    {
        Assert.True(SkillGraph.Cli.OutputRoots.IsInside("/work/main", "/work/main"));
        Assert.True(SkillGraph.Cli.OutputRoots.IsInside("/work/main/out/x.jsonl", "/work/main/"));
        Assert.True(SkillGraph.Cli.OutputRoots.IsInside("/anything", "/"));
        Assert.False(SkillGraph.Cli.OutputRoots.IsInside("/work/mainx/x.jsonl", "/work/main"));
        Assert.False(SkillGraph.Cli.OutputRoots.IsInside("/work", "/work/main"));
        Assert.False(SkillGraph.Cli.OutputRoots.IsInside("/Work/main/x", "/work/main")); // ordinal
    }

    /// <summary>A folder of links to the ESCO download's files, to replace one of them.</summary>
    private string EscoCopy(string name)
    {
        var copy = Path.Combine(_directory, "esco-" + name.Replace(' ', '-'));
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(TestPaths.EscoDirectory, "*.csv"))
        {
            File.CreateSymbolicLink(Path.Combine(copy, Path.GetFileName(file)), file);
        }

        return copy;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
