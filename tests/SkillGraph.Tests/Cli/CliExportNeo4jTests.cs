using System.Globalization;
using System.Text;
using System.Text.Json;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph export neo4j --out DIR</c> as a user runs it, over the built-in sample graph an empty store is seeded with.</summary>
public sealed class CliExportNeo4jTests : IDisposable
{
    /// <summary>The Neo4j adapter's node properties (cypher/README.md), spelled out so that a change of the model is seen in review.</summary>
    private const string NodeHeader =
        "uri:ID(Concept),:LABEL,kind:long,preferredLabel:string,description:string,definition:string,scopeNote:string,status:string,code:string," +
        "skillType:long,reuseLevel:long,collections:long,collectionNames:string[],modifiedAt:string,version:long,contentHash:long," +
        "labelTexts:string[],labelKinds:long[],labelLanguages:string[],searchLabels:string[],searchText:string";

    private static readonly string[] NodeFiles = ["occupations", "skills", "skill-groups", "isco-groups"];

    private const string RelationshipHeader = ":START_ID(Concept),:END_ID(Concept),:TYPE";

    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db => Path.Combine(_directory, "sample.db");

    private string Out => Path.Combine(_directory, "neo4j-import");

    [Fact]
    public async Task TheExportHasTheNodeAndRelationshipCountsThatStatsReports_InNeo4jAdminFormat()
    {
        var stats = await StatsAsync();
        await ExportAsync();

        var nodeFiles = new Dictionary<string, (string Label, string Count)>
        {
            ["occupations"] = ("Occupation", "occupations"),
            ["skills"] = ("Skill", "skills"),
            ["skill-groups"] = ("SkillGroup", "skillGroups"),
            ["isco-groups"] = ("IscoGroup", "iscoGroups"),
        };
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, (label, count)) in nodeFiles)
        {
            Assert.Equal(NodeHeader + "\n", File.ReadAllText(Path.Combine(Out, $"{file}-header.csv")));
            var rows = ReadCsv(Path.Combine(Out, $"{file}.csv"));
            Assert.Equal(stats.GetProperty(count).GetInt32(), rows.Count);
            Assert.All(rows, row =>
            {
                Assert.Equal(21, row.Length);
                Assert.Equal($"Concept|{label}", row[1]);
                Assert.False(string.IsNullOrEmpty(row[3]), $"{row[0]} has no preferredLabel");
                Assert.True(ids.Add(row[0]), $"{row[0]} is exported twice");
            });
        }

        var relationships = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (file, type) in new[]
        {
            ("essential-skill", "ESSENTIAL_SKILL"), ("optional-skill", "OPTIONAL_SKILL"), ("broader", "BROADER"),
            ("essential-related-skill", "ESSENTIAL_RELATED_SKILL"), ("optional-related-skill", "OPTIONAL_RELATED_SKILL"),
        })
        {
            Assert.Equal(RelationshipHeader + "\n", File.ReadAllText(Path.Combine(Out, $"{file}-header.csv")));
            var rows = ReadCsv(Path.Combine(Out, $"{file}.csv"));
            Assert.All(rows, row =>
            {
                Assert.Equal([type], row[2..]);
                Assert.Contains(row[0], ids); // neo4j-admin rejects a relationship whose end is not a node
                Assert.Contains(row[1], ids);
            });
            relationships[type] = rows.Count;
        }

        Assert.Equal(stats.GetProperty("essential").GetInt32(), relationships["ESSENTIAL_SKILL"]);
        Assert.Equal(stats.GetProperty("optional").GetInt32(), relationships["OPTIONAL_SKILL"]);
        Assert.Equal(stats.GetProperty("skillBroader").GetInt32() + stats.GetProperty("occupationBroader").GetInt32(), relationships["BROADER"]);
        Assert.Equal(stats.GetProperty("skillSkill").GetInt32(), relationships["ESSENTIAL_RELATED_SKILL"] + relationships["OPTIONAL_RELATED_SKILL"]);
        Assert.True(relationships["ESSENTIAL_SKILL"] > 0 && relationships["BROADER"] > 0, "the sample graph has relations");

        var readme = File.ReadAllText(Path.Combine(Out, "README.txt"));
        Assert.Contains("neo4j-admin database import full neo4j", readme, StringComparison.Ordinal);
        Assert.Contains("--nodes=occupations-header.csv,occupations.csv", readme, StringComparison.Ordinal);
        Assert.Contains("--relationships=broader-header.csv,broader.csv", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryNodeHoldsExactlyWhatTheNeo4jAdapterWritesForTheStoredConcept_AndReadsBackToIt()
    {
        await AddASkillWithEveryFieldAtVersionTwoAsync(); // the sample has no definition, no modifiedAt, one language
        await ExportAsync();
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db });
        var filled = new HashSet<string>(StringComparer.Ordinal);
        var nodes = 0;
        foreach (var file in NodeFiles)
        {
            var header = File.ReadAllText(Path.Combine(Out, $"{file}-header.csv")).TrimEnd('\n').Split(',');
            foreach (var row in ReadFields(Path.Combine(Out, $"{file}.csv")))
            {
                // The node as neo4j-admin creates it from the typed header, in the shape the Query API answers.
                var node = NodeAsImported(header, row);
                filled.UnionWith(node.Keys);
                var uri = ConceptUri.Parse((string)node["uri"]!);
                var stored = (await store.GetConceptsAsync([uri]))[0];
                Assert.NotNull(stored);

                // What the adapter writes for the stored concept at its version: the same keys, the same values.
                var written = ConceptProperties.ToProperties(stored, stored.Version, ConceptProperties.ContentHash(stored))
                    .Where(p => p.Value is not null)
                    .ToDictionary(p => p.Key, p => AsQueryApiValue(p.Value!), StringComparer.Ordinal);
                Assert.Equal(written.Keys.Order(StringComparer.Ordinal), node.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, value) in written)
                {
                    Assert.True(JsonSerializer.Serialize(value) == JsonSerializer.Serialize(node[key]), $"{uri} {key}: exported {JsonSerializer.Serialize(node[key])}, the adapter writes {JsonSerializer.Serialize(value)}");
                }

                // Read back by the adapter's own read mapping, the node is the stored concept; its content hash is the
                // one the adapter computes, so a rewrite of the same concept keeps its version.
                var read = ConceptProperties.FromMap(node);
                Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(read));
                Assert.Equal(ConceptProperties.ContentHash(read), (long)node["contentHash"]!);
                nodes++;
            }
        }

        Assert.True(nodes > 1, "the sample graph and the added skill are exported");
        Assert.Equal(ConceptProperties.Schema.Select(p => p.Name).Order(StringComparer.Ordinal), filled.Order(StringComparer.Ordinal)); // every column is exercised
    }

    [Fact]
    public async Task ARerunOverTheSameStoreWritesByteIdenticalFiles_AndLeavesNoTemporaryFolder()
    {
        await ExportAsync();
        var first = Snapshot();
        File.WriteAllText(Path.Combine(Out, "skills.csv"), "damaged");
        File.Delete(Path.Combine(Out, "broader.csv"));
        foreach (var leftover in new[] { Out + ".tmp-" + Guid.NewGuid().ToString("N"), Out + ".old-" + Guid.NewGuid().ToString("N") })
        {
            Directory.CreateDirectory(leftover); // what a killed run leaves: an unfinished staging folder, a replaced export
            File.WriteAllText(Path.Combine(leftover, "skills.csv"), "stale");
        }

        await ExportAsync();

        var second = Snapshot();
        Assert.Equal(first.Keys, second.Keys);
        foreach (var (file, bytes) in first)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second[file]), $"{file} differs after a rerun");
        }

        Assert.Equal(["neo4j-import"], Directory.GetDirectories(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task APreviousExportThatAKilledSwapLeftAsideIsPutBackBeforeTheExport()
    {
        await ExportAsync();
        var first = Snapshot();
        Directory.Move(Out, Out + ".old-" + Guid.NewGuid().ToString("N")); // killed between its two renames
        Directory.CreateDirectory(Out + ".tmp-" + Guid.NewGuid().ToString("N"));
        var (exitCode, _, stderr) = await CliProcess.RunAsync("export", "neo4j", "--out", Path.Combine(_directory, "elsewhere"), "--db", Db);
        Assert.True(exitCode == 0, stderr); // another folder's leftovers are not its business
        Assert.False(Directory.Exists(Out));

        await ExportAsync();

        Assert.Equal(first.Keys, Snapshot().Keys);
        Assert.Equal(["elsewhere", "neo4j-import"], Directory.GetDirectories(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFolderWithOtherFilesIsRefusedAndLeftAsItWas()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "notes.md"), "keep me");

        var (exitCode, _, stderr) = await CliProcess.RunAsync("export", "neo4j", "--out", Out, "--db", Db);

        Assert.Equal(2, exitCode);
        Assert.Equal($"skillgraph: error: --out {Out} holds notes.md, which this export does not write; the export replaces the whole folder, so give an empty or new folder.", stderr.TrimEnd('\n'));
        Assert.Equal(["notes.md"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.False(File.Exists(Db), "refused before the store was opened");
    }

    [Fact]
    public async Task AFileAsOutIsOneErrorLineAndANonZeroExit()
    {
        var file = Path.Combine(_directory, "not-a-folder.csv");
        File.WriteAllText(file, "keep me");

        var (exitCode, _, stderr) = await CliProcess.RunAsync("export", "neo4j", "--out", file, "--db", Db);

        Assert.NotEqual(0, exitCode);
        Assert.Equal($"skillgraph: error: --out {file} is a file, not a folder.", stderr.TrimEnd('\n'));
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task ExportAsync()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("export", "neo4j", "--out", Out, "--db", Db);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Exported ", stdout, StringComparison.Ordinal);
    }

    private async Task<JsonElement> StatsAsync()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("stats", "--json", "--db", Db);
        Assert.True(exitCode == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private async Task AddASkillWithEveryFieldAtVersionTwoAsync()
    {
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db });
        var skill = new Concept
        {
            Uri = ConceptUri.Parse("http://data.europa.eu/esco/skill/00000000-export-test"),
            Kind = ConceptKind.Skill,
            PreferredLabel = "Gérer des « données », \"quoted\"",
            Description = "Line one, with a comma;\nline two.",
            Definition = "A definition.",
            ScopeNote = "A scope note.",
            Status = "released",
            Code = "S1.2.3",
            SkillType = SkillType.Knowledge,
            ReuseLevel = ReuseLevel.CrossSector,
            Collections = EscoCollections.Digital | EscoCollections.Green,
            ModifiedAt = new DateTimeOffset(2024, 2, 29, 13, 45, 7, 123, TimeSpan.FromHours(2)),
            Labels = [new("data wrangling", LabelKind.Alternative), new("Daten; verwalten", LabelKind.Alternative, "de"), new("datawrangling", LabelKind.Hidden)],
        };
        await store.WriteAsync(new GraphBatch { Concepts = [new(skill)] });
        await store.WriteAsync(new GraphBatch { Concepts = [new(skill with { Description = skill.Description + " Changed." }, ExpectedVersion: 1)] });
    }

    /// <summary>A node row as neo4j-admin reads it by its header (<c>name:type</c>; an empty field sets no property), in the Query API's value shapes.</summary>
    private static Dictionary<string, object?> NodeAsImported(string[] header, CsvField[] row)
    {
        var node = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var (name, type) = header[i].Split(':') is [var n, var t] ? (n, t) : (header[i], "string");
            var (text, quoted) = row[i];
            if (name.Length == 0 || (text.Length == 0 && !quoted))
            {
                continue; // :LABEL, or no property
            }

            var elements = text.Split('|');
            node[name] = type switch
            {
                "ID(Concept)" or "string" => text,
                "long" => long.Parse(text, CultureInfo.InvariantCulture),
                "string[]" => elements.Cast<object?>().ToList(),
                "long[]" => elements.Select(e => (object?)long.Parse(e, CultureInfo.InvariantCulture)).ToList(),
                _ => throw new InvalidDataException($"unexpected header type {type}"),
            };
        }

        return node;
    }

    /// <summary>A value the adapter sends, as the Query API gives it back: integers as long, arrays as lists.</summary>
    private static object AsQueryApiValue(object value) => value switch
    {
        int number => (long)number,
        long[] numbers => numbers.Select(n => (object?)n).ToList(),
        string[] texts => texts.Cast<object?>().ToList(),
        _ => value,
    };

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(Out).Order(StringComparer.Ordinal).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    /// <summary>RFC 4180 records as neo4j-admin reads them with --multiline-fields (quoted fields may hold commas, quotes and newlines).</summary>
    private static List<string[]> ReadCsv(string path) => [.. ReadFields(path).Select(record => record.Select(f => f.Text).ToArray())];

    /// <summary>The records with, for each field, whether it was quoted: neo4j-admin reads <c>""</c> as an empty string and an empty field as no value.</summary>
    private static List<CsvField[]> ReadFields(string path)
    {
        var records = new List<CsvField[]>();
        var fields = new List<CsvField>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        var text = File.ReadAllText(path);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = wasQuoted = true;
            }
            else if (c is ',' or '\n')
            {
                fields.Add(new CsvField(field.ToString(), wasQuoted));
                field.Clear();
                wasQuoted = false;
                if (c == '\n')
                {
                    records.Add([.. fields]);
                    fields.Clear();
                }
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, $"{path} ends inside a quoted field");
        Assert.True(field.Length == 0 && fields.Count == 0, $"{path} does not end with a newline");
        return records;
    }

    private sealed record CsvField(string Text, bool Quoted);
}
