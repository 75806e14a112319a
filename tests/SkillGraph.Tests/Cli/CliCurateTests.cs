using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph curate apply FILE.jsonl [--dry-run]</c>: a file of curation commands, all or nothing, one change set, a report per line.</summary>
public sealed class CliCurateTests : IDisposable
{
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string Programming = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97";

    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db => Path.Combine(_directory, "store.db");

    private static readonly string[] CreateRelateRename =
    [
        """{"op": "createConcept", "ref": "rust", "input": {"kind": "SKILL", "preferredLabel": "Rust (programming language)", "altLabels": ["Rust"]}}""",
        $$$"""{"op": "addRelation", "input": {"type": "OPTIONAL", "from": "{{{Developer}}}", "to": "@rust"}}""",
        $$$"""{"op": "addRelation", "input": {"type": "BROADER", "from": "@rust", "to": "{{{Programming}}}"}}""",
        """{"op": "updateConcept", "input": {"uri": "@rust", "preferredLabel": "program in Rust", "comment": "verb first"}}""",
    ];

    private async Task<string> FileAsync(params string[] lines)
    {
        var path = Path.Combine(_directory, $"changes-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    private async Task<Page<ChangeSet>> ChangeLogAsync()
    {
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db, WarmSearchIndex = false });
        return await store.GetChangeSetsAsync(new ChangeFilter(), PageRequest.All);
    }

    [Fact]
    public async Task A_file_that_creates_relates_and_renames_applies_as_one_change_set()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("curate", "apply", await FileAsync(CreateRelateRename), "--comment", "rust for developers", "--json", "--db", Db);

        Assert.True(exitCode == 0, stderr);
        var report = JsonNode.Parse(stdout)!;
        Assert.True(report["written"]!.GetValue<bool>());
        Assert.Equal(["Ok", "Ok", "Ok", "Ok"], report["lines"]!.AsArray().Select(l => l!["status"]!.GetValue<string>()));
        var rust = ConceptUri.Parse(report["lines"]![0]!["uri"]!.GetValue<string>());
        var changeSet = Assert.Single((await ChangeLogAsync()).Items);
        Assert.Equal((report["changeSet"]!.GetValue<string>(), "local operator", "rust for developers"), (changeSet.Id, changeSet.Author, changeSet.Comment));

        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db, WarmSearchIndex = false });
        var concept = (await store.GetConceptsAsync([rust]))[0]!;
        Assert.Equal(("program in Rust", 1L), (concept.PreferredLabel, concept.Version));
        Assert.Contains(rust, (await store.GetNeighboursAsync(ConceptUri.Parse(Developer), RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All)).Items);
        Assert.Equal([ConceptUri.Parse(Programming)], (await store.GetNeighboursAsync(rust, RelationType.Broader, Direction.Outgoing, PageRequest.All)).Items);
    }

    [Fact]
    public async Task A_file_whose_third_line_breaks_a_rule_writes_nothing_and_reports_line_three()
    {
        var file = await FileAsync(
            """{"op": "createConcept", "ref": "a", "input": {"kind": "SKILL", "preferredLabel": "a skill above programming"}}""",
            $$$"""{"op": "addRelation", "input": {"type": "BROADER", "from": "{{{Programming}}}", "to": "@a"}}""",
            $$$"""{"op": "addRelation", "input": {"type": "BROADER", "from": "@a", "to": "{{{Programming}}}"}}""",
            """{"op": "updateConcept", "input": {"uri": "@a", "preferredLabel": "never checked"}}""");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("curate", "apply", file, "--db", Db);

        Assert.Equal(4, exitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("line 1\tcreateConcept\tok", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3\taddRelation\tBROADER_CYCLE", lines[2], StringComparison.Ordinal);
        Assert.Equal("line 4\tupdateConcept\tnot checked", lines[3]);
        Assert.Contains(":3 failed (BROADER_CYCLE)", stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await ChangeLogAsync()).TotalCount);
    }

    [Fact]
    public async Task A_dry_run_checks_every_line_and_writes_nothing()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("curate", "apply", await FileAsync(CreateRelateRename), "--dry-run", "--db", Db);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(4, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\tok ", StringComparison.Ordinal)));
        Assert.Contains("dry run", stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await ChangeLogAsync()).TotalCount);
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db, WarmSearchIndex = false });
        Assert.DoesNotContain(await store.SearchAsync(new SearchQuery("program in Rust", ConceptKind.Skill)), h => h.PreferredLabel == "program in Rust");
    }

    [Fact]
    public async Task A_line_that_is_not_json_names_the_file_and_line_exits_2_and_nothing_runs()
    {
        var file = await FileAsync(CreateRelateRename[0], "{\"op\": \"createConcept\", \"input\": {", CreateRelateRename[1]);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("curate", "apply", file, "--db", Db);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"{Path.GetFileName(file)}:2: not JSON", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        var (unknownCode, _, unknownErr) = await CliProcess.RunAsync("curate", "apply", await FileAsync("""{"op": "mergeConcepts", "input": {}}"""), "--db", Db);
        Assert.Equal(2, unknownCode);
        Assert.Contains(":1: op: 'mergeConcepts' is not one of", unknownErr, StringComparison.Ordinal);
        Assert.Equal(0, (await ChangeLogAsync()).TotalCount);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
