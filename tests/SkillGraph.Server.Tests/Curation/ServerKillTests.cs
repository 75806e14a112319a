using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Domain;
using SkillGraph.Graph.Embedded;
using SkillGraph.Server.Tests.Startup;
using Xunit.Abstractions;

namespace SkillGraph.Server.Tests.Curation;

/// <summary>
/// Crash safety of the server's own write path (issue 15, item 4): the real server process, over the sample graph, is killed
/// with SIGKILL at seeded points while it accepts a proposal of 90 changes (one change set). After each kill the store passes
/// <c>PRAGMA integrity_check</c> and holds exactly the state before the acceptance or after it; the server restarts on the
/// same file, answers /healthz, reads the same state back, and accepting again (when it had not landed) ends where an
/// uninterrupted run ends. Five seeds here; SKILLGRAPH_CRASH_SEEDS for more (the CLI's verbs: Cli/CliCrashTests).
/// </summary>
public sealed class ServerKillTests(ITestOutputHelper output) : IDisposable
{
    private const string Minted = "https://skillgraph.example.org/server-kill/";

    private static readonly int Seeds = int.TryParse(Environment.GetEnvironmentVariable("SKILLGRAPH_CRASH_SEEDS"), CultureInfo.InvariantCulture, out var n) ? n : 5;

    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task AServerKilledWhileAcceptingAProposalLeavesTheGraphBeforeOrAfterItAndAcceptsItAfterARestart()
    {
        var sample = await SampleStoreAsync();
        var steward = await ApiKeysFor.CreateAsync(sample, "kill-steward", Role.Steward);
        var reviewer = await ApiKeysFor.CreateAsync(sample, "kill-reviewer", Role.Reviewer);
        SqliteConnection.ClearAllPools(); // this process keeps no connection to the store that servers will be killed over
        string id;
        await using (var server = await StartAsync(sample))
        {
            using var client = Client(server, steward);
            var proposed = (await client.QueryAsync(
                "mutation($input: ProposeChangesInput!) { proposeChanges(input: $input) { proposal { id } userErrors { field message } } }",
                new { input = new { changes = Batch(sample), comment = "server kill test: 90 changes in one change set" } })).Data()["proposeChanges"]!;
            Assert.True(proposed["userErrors"]!.AsArray().Count == 0, proposed.ToJsonString());
            id = proposed["proposal"]!["id"]!.GetValue<string>();
        }

        var before = State(sample);

        // The acceptance uninterrupted, on a copy, by a server started as every seed's is: when its write reached the WAL (the
        // only write of the request), how long it took, and the state it leaves.
        var reference = Copy(sample, "reference");
        TimeSpan committed, duration;
        await using (var server = await StartAsync(reference))
        {
            var clock = Stopwatch.StartNew();
            var accept = AcceptAsync(server, reviewer, id);
            committed = await WhenTheWalChangesAsync(reference, accept, clock);
            await accept;
            duration = clock.Elapsed;
        }

        var after = State(reference);
        Assert.NotEqual(before, after);

        // The kills are spread around the moment of the write, which each seed's outcome moves to where it must be under the
        // load of the moment: a kill that found nothing written moves it later, a kill after the write or an answer earlier.
        var writeAt = committed;
        var outcomes = new List<string>();
        foreach (var seed in Enumerable.Range(1, Seeds))
        {
            var db = Copy(sample, $"seed-{seed}");
            var killAt = KillPoint(seed, writeAt);
            (bool Killed, TimeSpan Elapsed) run;
            await using (var server = await StartAsync(db))
            {
                run = await AcceptAndKillAsync(server, reviewer, id, killAt);
            }

            var killed = run.Killed;
            var state = State(db);
            var which = state == before ? "before" : state == after ? "after" : "neither";
            writeAt = which == "before" ? Max(writeAt, killAt) : Min(writeAt, killed ? killAt : run.Elapsed * (committed / duration));
            outcomes.Add($"seed {seed}: {(killed ? $"killed in flight at {killAt.TotalMilliseconds:0} ms" : $"answered in {run.Elapsed.TotalMilliseconds:0} ms")}, {which}{(which == "before" ? ", accepted after the restart" : string.Empty)}");
            Assert.True(which != "neither", $"seed {seed}: the store is neither the state before nor after the acceptance: {state}\n{string.Join("\n", outcomes)}");
            Assert.True(killed || which == "after", $"seed {seed}: the server answered but the acceptance is not stored");

            await using (var server = await StartAsync(db))
            {
                using var client = Client(server, reviewer);
                Assert.Equal("ok", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
                var status = (await client.QueryAsync("query($id: ID!) { proposal(id: $id) { status } }", new { id })).Data()["proposal"]!["status"]!.GetValue<string>();
                Assert.Equal(which == "before" ? "PENDING" : "ACCEPTED", status);
                Assert.Equal(state, State(db));
                if (which == "before")
                {
                    await AcceptAsync(server, reviewer, id);
                }
            }

            Assert.Equal(after, State(db));
        }

        var inFlight = outcomes.Count(o => o.Contains("killed in flight", StringComparison.Ordinal));
        output.WriteLine($"acceptProposal uninterrupted: written at {committed.TotalMilliseconds:0} ms, answered at {duration.TotalMilliseconds:0} ms; {inFlight} of {outcomes.Count} servers killed in flight");
        foreach (var outcome in outcomes)
        {
            output.WriteLine($"  {outcome}");
        }

        Assert.True(inFlight > 0, $"no seed killed the server during the acceptance:\n{string.Join("\n", outcomes)}");
    }

    /// <summary>
    /// A point of the request, by seed: over 0.5–1.5 of the moment its write reaches the WAL (as the uninterrupted run measured
    /// it, moved by the outcomes since), so that the kills land in the checks before the write, around the commit and after
    /// it, and some servers answer first (their state is checked the same way). The fractions are the golden-ratio sequence
    /// (seed 1…5: 1.12, 0.74, 1.35, 0.97, 0.59): spread evenly for any number of seeds, where the first numbers of
    /// <c>new Random(seed)</c> for consecutive seeds lie on a line.
    /// </summary>
    private static TimeSpan KillPoint(int seed, TimeSpan writeAt) => writeAt * (0.5 + (seed * 0.6180339887498949 % 1));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>How long after the request began the store's WAL changed (its commit); the whole request when it did not change before the answer.</summary>
    private static async Task<TimeSpan> WhenTheWalChangesAsync(string db, Task request, Stopwatch clock)
    {
        var wal = db + "-wal";
        static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;
        var before = Length(wal);
        while (!request.IsCompleted)
        {
            if (Length(wal) != before)
            {
                return clock.Elapsed;
            }

            await Task.Delay(1);
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// 90 changes over the sample graph: 30 skills get new labels and descriptions, 30 skills are created, each RELATED to one
    /// of the 30 (a minted concept's URI is replaced by its label in <see cref="State"/>).
    /// </summary>
    private static List<object> Batch(string db)
    {
        var skills = new List<(string Uri, long Version)>();
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT uri, version FROM concept WHERE kind = {(int)ConceptKind.Skill} AND status = 'released' ORDER BY uri LIMIT 30";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                skills.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        Assert.Equal(30, skills.Count);
        static object Change(string op, object input, string? reference = null) => new { op, @ref = reference, input = JsonSerializer.Serialize(input) };
        return
        [
            .. skills.Select((s, i) => Change("updateConcept", new { uri = s.Uri, expectedVersion = s.Version, altLabels = new[] { $"server kill label {i}" }, description = $"server kill description {i}", allowDuplicateLabel = true })),
            .. skills.Select((_, i) => Change("createConcept", new { kind = "SKILL", preferredLabel = $"server kill skill {i}", altLabels = new[] { $"server kill alt {i}" } }, $"s{i}")),
            .. skills.Select((s, i) => Change("addRelation", new { type = "RELATED", from = $"@s{i}", to = s.Uri })),
        ];
    }

    private static async Task AcceptAsync(RunningServer server, string reviewer, string id)
    {
        using var client = Client(server, reviewer);
        var accepted = (await client.QueryAsync(AcceptMutation, new { input = new { id, comment = "accepted" } })).Data()["acceptProposal"]!;
        Assert.True(accepted["userErrors"]!.AsArray().Count == 0, accepted.ToJsonString());
        Assert.Equal("ACCEPTED", accepted["proposal"]!["status"]!.GetValue<string>());
    }

    /// <summary>
    /// Sends the acceptance and kills the server (SIGKILL) after <paramref name="after"/> unless its whole answer came first:
    /// killed with no answer, or when the answer came (a kill after that counts as answered).
    /// </summary>
    private static async Task<(bool Killed, TimeSpan Elapsed)> AcceptAndKillAsync(RunningServer server, string reviewer, string id, TimeSpan after)
    {
        using var client = Client(server, reviewer);
        var clock = Stopwatch.StartNew();
        var answer = AnswerAsync();
        if (await Task.WhenAny(answer, Task.Delay(after)) != answer)
        {
            await server.KillAsync(); // no shutdown, no finally block, no flush
        }

        try
        {
            return (false, await answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or JsonException)
        {
            return (true, clock.Elapsed); // the connection died with the server: no answer
        }

        async Task<TimeSpan> AnswerAsync()
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = AcceptMutation, variables = new { input = new { id, comment = "accepted" } } });
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed;
            var payload = JsonNode.Parse(text)!.AsObject().Data()["acceptProposal"]!;
            Assert.True(payload["userErrors"]!.AsArray().Count == 0, text);
            return elapsed;
        }
    }

    private const string AcceptMutation = "mutation($input: ReviewProposalInput!) { acceptProposal(input: $input) { proposal { status } userErrors { field message } } }";

    private static HttpClient Client(RunningServer server, string key)
    {
        var client = server.Client();
        client.DefaultRequestHeaders.Add(ApiKeySecret.Header, key);
        return client;
    }

    private static Task<RunningServer> StartAsync(string db) =>
        RunningServer.StartAsync(db, "Testing", ("Curation__UriNamespace", Minted), ("Logging__LogLevel__Default", "Warning"));

    /// <summary>A store with the sample graph (what a new store is seeded with), in a folder of its own.</summary>
    private async Task<string> SampleStoreAsync()
    {
        var db = Path.Combine(_directory, "sample", "store.db");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        using (await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = db, WarmSearchIndex = false }))
        {
        }

        SqliteConnection.ClearAllPools();
        return db;
    }

    /// <summary>A copy of the store in a folder of its own (as a server keeps one: the student's cache lies beside the store).</summary>
    private string Copy(string db, string folder)
    {
        var copy = Path.Combine(_directory, folder, "store.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        StoreFiles.Copy(db, copy);
        return copy;
    }

    /// <summary>
    /// The graph, its change log and the proposals, after <c>PRAGMA integrity_check</c> said ok: the row counts and a hash of
    /// every row, without what differs between two runs of the same write (change set ids and times, minted URIs, which become
    /// "minted:" and the concept's label).
    /// </summary>
    private static string State(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check;"));
        var counts = string.Join(", ", new[] { "concept", "label", "relation", "change_set", "field_change", "proposal" }.Select(t => $"{t} {Scalar(connection, $"SELECT count(*) FROM {t}")}"));
        var minted = new List<(string Uri, string Label)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT uri, preferred_label FROM concept WHERE uri LIKE '{Minted}%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                minted.Add((reader.GetString(0), "minted:" + reader.GetString(1)));
            }
        }

        var text = new StringBuilder();
        foreach (var query in new[]
        {
            "SELECT uri, kind, preferred_label, description, definition, scope_note, status, code, skill_type, reuse_level, collections, version FROM concept",
            "SELECT c.uri, l.kind, l.language, l.text FROM label l JOIN concept c ON c.id = l.concept_id",
            "SELECT s.uri, r.type, t.uri FROM relation r JOIN concept s ON s.id = r.source_id JOIN concept t ON t.id = r.target_id",
            "SELECT author, comment, reverts IS NULL, reviewer FROM change_set",
            "SELECT s.author, s.comment, f.seq, f.concept_uri, f.field, f.before, f.after FROM field_change f JOIN change_set s ON s.id = f.change_set_id",
            "SELECT id, author, comment, changes, status, reviewer, review_comment, reviewed_at IS NULL, change_set_id IS NULL FROM proposal",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "\\N" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
                rows.Add(minted.Aggregate(row, (r, m) => r.Replace(m.Uri, m.Label, StringComparison.Ordinal)));
            }

            rows.Sort(StringComparer.Ordinal); // in the order of what they say, not of ids or minted URIs
            text.AppendJoin('\n', rows).Append("\n--\n");
        }

        return $"{counts}; rows {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16]}";
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
