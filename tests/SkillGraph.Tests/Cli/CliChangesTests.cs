using System.Text.Json.Nodes;
using SkillGraph.Application.Features.Curation.UpdateConcept;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph changes export --since T</c>: the change log since a time as JSON lines, oldest first.</summary>
public sealed class CliChangesTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db => Path.Combine(_directory, "store.db");

    [Fact]
    public async Task Export_writes_the_change_sets_since_a_time_as_json_lines_oldest_first()
    {
        // Three label edits through the curation command, as a steward's would go.
        ConceptUri skill;
        using (var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db, WarmSearchIndex = false }))
        using (var host = new MediatorHost(store))
        {
            skill = (await store.SearchAsync(new SearchQuery("food safety", ConceptKind.Skill, 1)))[0].Uri;
            for (var i = 0; i < 3; i++)
            {
                var version = (await store.GetConceptsAsync([skill]))[0]!.Version;
                await host.Mediator.Send(new UpdateConcept(skill, version, null, [$"hygiene rules {i}"], null, $"edit {i}"));
            }
        }

        var outFile = Path.Combine(_directory, "delta.jsonl");
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("changes", "export", "--since", "2000-01-01", "--out", outFile, "--db", Db);
        Assert.True(exitCode == 0, stderr);
        Assert.Empty(stdout);
        Assert.Contains("Exported 3 change sets", stderr, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(outFile)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["edit 0", "edit 1", "edit 2"], lines.Select(l => l["comment"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal("local operator", l["author"]!.GetValue<string>()));
        Assert.Equal("[\"hygiene rules 2\"]", lines[2]["changes"]![0]!["after"]!.GetValue<string>());
        Assert.Equal(skill.Value, lines[2]["changes"]![0]!["concept"]!.GetValue<string>());
        Assert.False(File.Exists(outFile + ".partial"));

        // A time after the last change: nothing; to standard output without --out.
        var (laterCode, laterOut, laterErr) = await CliProcess.RunAsync("changes", "export", "--since", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"), "--db", Db);
        Assert.True(laterCode == 0, laterErr);
        Assert.Equal(string.Empty, laterOut.Trim());

        // A bad time is one line naming the option, exit code 2.
        var (badCode, _, badErr) = await CliProcess.RunAsync("changes", "export", "--since", "yesterday", "--db", Db);
        Assert.Equal(2, badCode);
        Assert.Contains("--since 'yesterday' is not a time", badErr, StringComparison.Ordinal);
        Assert.Single(badErr.Trim().Split('\n'));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
