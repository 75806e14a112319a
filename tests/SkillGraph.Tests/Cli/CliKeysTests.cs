using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary><c>skillgraph keys create|list|revoke</c>: the key printed once and only its hash kept, in the store's own file.</summary>
public sealed class CliKeysTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    private string Db => Path.Combine(_directory, "store.db");

    [Fact]
    public async Task Create_prints_the_key_as_the_only_line_on_stdout_and_stores_only_its_hash()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("keys", "create", "--role", "steward", "--name", "curation-ui", "--db", Db);

        Assert.True(exitCode == 0, stderr);
        var key = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^sg_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("'curation-ui' (role steward)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(key, stderr, StringComparison.Ordinal);

        // The file holds the SHA-256 of the key, never the key.
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, role, hash FROM api_key";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(("curation-ui", "steward", ApiKeySecret.Hash(key)), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        Assert.DoesNotContain(key, await File.ReadAllTextAsync(Db), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_live_beside_the_graph_which_still_opens_and_seeds()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("keys", "create", "--role", "app", "--name", "careers-site", "--db", Db)).ExitCode);

        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Db, WarmSearchIndex = false });
        Assert.True((await store.CountAsync()).Occupations > 0);
    }

    [Fact]
    public async Task List_shows_names_roles_and_revocations_but_never_a_key()
    {
        var first = (await CliProcess.RunAsync("keys", "create", "--role", "analyst", "--name", "dashboards", "--db", Db)).Stdout.Trim();
        await CliProcess.RunAsync("keys", "create", "--role", "admin", "--name", "ops", "--db", Db);
        var (revokeCode, _, revokeErr) = await CliProcess.RunAsync("keys", "revoke", "dashboards", "--db", Db);
        Assert.True(revokeCode == 0, revokeErr);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync("keys", "list", "--json", "--db", Db);

        Assert.True(exitCode == 0, stderr);
        var keys = JsonNode.Parse(stdout)!.AsArray();
        Assert.Equal(["dashboards", "ops"], keys.Select(k => k!["name"]!.GetValue<string>()));
        Assert.Equal(["analyst", "admin"], keys.Select(k => k!["role"]!.GetValue<string>()));
        Assert.NotNull(keys[0]!["revokedAt"]);
        Assert.Null(keys[1]!["revokedAt"]);
        Assert.DoesNotContain(first, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Mistakes_are_one_line_on_stderr_with_the_documented_exit_code()
    {
        await CliProcess.RunAsync("keys", "create", "--role", "app", "--name", "careers-site", "--db", Db);

        var duplicate = await CliProcess.RunAsync("keys", "create", "--role", "app", "--name", "careers-site", "--db", Db);
        var badRole = await CliProcess.RunAsync("keys", "create", "--role", "boss", "--name", "x", "--db", Db);
        var badName = await CliProcess.RunAsync("keys", "create", "--role", "app", "--name", "two words", "--db", Db);
        var unknown = await CliProcess.RunAsync("keys", "revoke", "nobody", "--db", Db);

        Assert.Equal((4, "skillgraph: error: an active API key is already named 'careers-site': revoke it first or choose another name."), (duplicate.ExitCode, duplicate.Stderr.Trim()));
        Assert.Equal(2, badRole.ExitCode);
        Assert.Equal("skillgraph: error: --role must be one of analyst, app, steward, reviewer, admin (got 'boss') (see `skillgraph keys create --help`)", badRole.Stderr.Trim());
        Assert.Equal(2, badName.ExitCode);
        Assert.Single(badName.Stderr.Trim().Split('\n'));
        Assert.Equal((3, "skillgraph: error: no active API key is named 'nobody' (`skillgraph keys list` shows them)."), (unknown.ExitCode, unknown.Stderr.Trim()));
        Assert.All(new[] { duplicate, badRole, badName, unknown }, r => Assert.Empty(r.Stdout));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
