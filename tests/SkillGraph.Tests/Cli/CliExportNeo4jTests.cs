using System.Text;
using System.Text.Json;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph export neo4j --out DIR</c> as a user runs it, over the built-in sample graph an empty store is seeded with.</summary>
public sealed class CliExportNeo4jTests : IDisposable
{
    private const string NodeHeader =
        "uri:ID(Concept),:LABEL,preferredLabel,altLabels:string[],hiddenLabels:string[],language,description,definition,scopeNote,status,code,skillType,reuseLevel,collections:string[],modifiedAt:datetime,version:long";

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
                Assert.Equal(16, row.Length);
                Assert.Equal($"Concept|{label}", row[1]);
                Assert.False(string.IsNullOrEmpty(row[2]), $"{row[0]} has no preferredLabel");
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
    public async Task ARerunOverTheSameStoreWritesByteIdenticalFiles_AndLeavesNoTemporaryFolder()
    {
        await ExportAsync();
        var first = Snapshot();
        File.WriteAllText(Path.Combine(Out, "skills.csv"), "damaged");

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

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(Out).Order(StringComparer.Ordinal).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    /// <summary>RFC 4180 records as neo4j-admin reads them with --multiline-fields (quoted fields may hold commas, quotes and newlines).</summary>
    private static List<string[]> ReadCsv(string path)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
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
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
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
}
