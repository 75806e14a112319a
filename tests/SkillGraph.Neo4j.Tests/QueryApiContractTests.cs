using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Graph.Sample;
using Xunit.Abstractions;

namespace SkillGraph.Neo4j.Tests;

/// <summary>What the adapter sends to the Query API and how it reads what Neo4j answers, against <see cref="FakeQueryApi"/>.</summary>
public sealed class QueryApiContractTests(ITestOutputHelper output) : IDisposable
{
    private static readonly ConceptUri Developer = ConceptUri.Parse("http://example.org/c/occupation/developer");
    private static readonly ConceptUri Java = ConceptUri.Parse("http://example.org/c/skill/java");
    private static readonly ConceptUri Cooking = ConceptUri.Parse("http://example.org/c/skill/cooking");
    private readonly FakeQueryApi _server = new() { ExpectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:secret")) };

    public void Dispose() => _server.Dispose();

    private Neo4jOptions Options() => new() { Url = _server.Url, User = "neo4j", Password = "secret", MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

    private async Task<Neo4jGraphStore> SmallStoreAsync()
    {
        var store = await Neo4jGraphStore.ConnectAsync(Options());
        await store.WriteAsync(new GraphBatch
        {
            Concepts =
            [
                new(new Concept { Uri = Developer, Kind = ConceptKind.Occupation, PreferredLabel = "software developer", Labels = [new("programmer", LabelKind.Alternative)] }),
                new(new Concept { Uri = Java, Kind = ConceptKind.Skill, PreferredLabel = "Java", Collections = EscoCollections.Digital }),
                new(new Concept { Uri = Cooking, Kind = ConceptKind.Skill, PreferredLabel = "cook food" }),
            ],
            AddRelations = [new(Developer, RelationType.EssentialSkill, Java)],
        });
        _server.Requests.Clear();
        return store;
    }

    [Fact]
    public async Task A_read_posts_its_statement_file_and_parameters_as_JSON_with_credentials_and_READ_access()
    {
        using var store = await SmallStoreAsync();
        var concepts = await store.GetConceptsAsync([Java, Developer]);

        Assert.Equal(["Java", "software developer"], concepts.Select(c => c!.PreferredLabel));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/db/neo4j/query/v2", request.Path);
        Assert.Equal(_server.ExpectedAuthorization, request.Headers["authorization"]);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains(QueryApiClient.TypedJsonMediaType, request.Headers["accept"], StringComparison.Ordinal);
        Assert.Equal(CypherStatements.GetConcepts, request.StatementName);
        Assert.Contains(FakeQueryApi.StatementText(CypherStatements.GetConcepts).Split('\n')[1], request.Body.Replace("\\u0024", "$", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal([Java.Value, Developer.Value], request.Parameters!.Value.GetProperty("uris").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("READ", request.AccessMode);
    }

    [Fact]
    public async Task A_token_is_sent_as_a_bearer_token()
    {
        _server.ExpectedAuthorization = "Bearer abc.def";
        using var store = await Neo4jGraphStore.ConnectAsync(new Neo4jOptions { Url = _server.Url, Token = "abc.def" });
        Assert.Equal("Bearer abc.def", Assert.Single(_server.Requests).Headers["authorization"]);
        Assert.Equal(CypherStatements.Ping, _server.Requests.Single().StatementName);
    }

    [Fact]
    public async Task Every_read_of_the_port_sends_its_own_statement_and_reads_the_typed_answer()
    {
        using var store = await SmallStoreAsync();
        var essential = await store.GetNeighboursAsync(Developer, RelationType.EssentialSkill, Direction.Outgoing, new PageRequest(10));
        var essentialFor = await store.GetNeighboursManyAsync([Java, Cooking], RelationType.EssentialSkill, Direction.Incoming, new PageRequest(10));
        var all = await store.GetAllNeighboursManyAsync([Developer], RelationType.EssentialSkill, Direction.Outgoing);
        var counts = await store.CountNeighboursManyAsync([Java, Cooking], RelationType.EssentialSkill, Direction.Incoming);
        var hits = await store.SearchAsync(new SearchQuery("progr"));
        var skills = await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill) { InCollection = EscoCollections.Digital }, new PageRequest(5));
        var graphCounts = await store.CountAsync();

        Assert.Equal([Java], essential.Items);
        Assert.Equal([[Developer], []], essentialFor.Select(p => p.Items.ToArray()));
        Assert.Equal([Java], all[0].ToArray());
        Assert.Equal([1, 0], counts);
        Assert.Equal(Developer, Assert.Single(hits).Uri);
        Assert.Equal("programmer", hits[0].MatchedLabel);
        Assert.Equal([Java], skills.Items);
        Assert.Equal((1, 2, 1, 1), (graphCounts.Occupations, graphCounts.Skills, graphCounts.Essential, graphCounts.Collections["digital"]));
        Assert.Equal(
            [CypherStatements.NeighboursOutgoing, CypherStatements.NeighboursIncoming, CypherStatements.NeighboursOutgoing, CypherStatements.NeighboursIncoming, CypherStatements.Search, CypherStatements.ListConcepts, CypherStatements.Count],
            _server.Requests.Select(r => r.StatementName));
        Assert.All(_server.Requests, r => Assert.Equal(("/db/neo4j/query/v2", "READ"), (r.Path, r.AccessMode)));
        var incoming = _server.Requests.ElementAt(1).Parameters!.Value;
        Assert.Equal("ESSENTIAL_SKILL", incoming.GetProperty("type").GetString());
        Assert.Equal(10, incoming.GetProperty("first").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, incoming.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task A_write_is_one_transaction_begin_statements_commit_with_the_cluster_affinity()
    {
        using var store = await SmallStoreAsync();
        var result = await store.WriteAsync(new GraphBatch
        {
            Concepts = [new(new Concept { Uri = Cooking, Kind = ConceptKind.Skill, PreferredLabel = "cook food", Description = "Prepare meals." }, ExpectedVersion: 1)],
            AddRelations = [new(Developer, RelationType.OptionalSkill, Cooking)],
        });

        Assert.Equal(new WriteResult(0, 1, 0, 0, 1, 0), result);
        var requests = _server.Requests.ToArray();
        Assert.Equal(
            [("POST", "/db/neo4j/query/v2/tx", CypherStatements.LockConcepts), ("POST", "/db/neo4j/query/v2/tx/tx2", CypherStatements.UpsertConcepts),
             ("POST", "/db/neo4j/query/v2/tx/tx2", CypherStatements.MissingConcepts), ("POST", "/db/neo4j/query/v2/tx/tx2", CypherStatements.AddRelations),
             ("POST", "/db/neo4j/query/v2/tx/tx2/commit", null)],
            requests.Select(r => (r.Method, r.Path, r.StatementName)));
        Assert.Equal("WRITE", requests[0].AccessMode);
        Assert.All(requests.Skip(1), r => Assert.Equal("ZmFrZQ==", r.Headers["neo4j-cluster-affinity"]));
        var row = requests[1].Parameters!.Value.GetProperty("rows")[0];
        Assert.Equal(2, row.GetProperty("properties").GetProperty("version").GetInt64());
        Assert.Equal(2, (await store.GetConceptsAsync([Cooking]))[0]!.Version);
    }

    [Fact]
    public async Task A_Cypher_error_midway_gives_the_Neo4j_code_and_message_and_rolls_back()
    {
        using var store = await SmallStoreAsync();
        _server.FailNext(r => r.StatementName == CypherStatements.AddRelations ? (400, FakeQueryApi.ErrorBody("Neo.ClientError.Statement.SemanticError", "Cannot merge the following relationship")) : null);
        var newSkill = new Concept { Uri = ConceptUri.Parse("http://example.org/c/skill/kotlin"), Kind = ConceptKind.Skill, PreferredLabel = "Kotlin" };

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(async () => await store.WriteAsync(new GraphBatch
        {
            Concepts = [new(newSkill)],
            AddRelations = [new(Developer, RelationType.OptionalSkill, newSkill.Uri)],
        }));

        Assert.Equal("Neo4j Neo.ClientError.Statement.SemanticError in cypher/writes/add-relations.cypher: Cannot merge the following relationship", error.Message);
        var last = _server.Requests.Last();
        Assert.Equal(("DELETE", "/db/neo4j/query/v2/tx/tx2"), (last.Method, last.Path));
        Assert.Null((await store.GetConceptsAsync([newSkill.Uri]))[0]);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_and_rolls_back()
    {
        using var store = await SmallStoreAsync();
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await store.WriteAsync(new GraphBatch { Concepts = [new(new Concept { Uri = Java, Kind = ConceptKind.Skill, PreferredLabel = "Java 21" }, ExpectedVersion: 7)] }));
        Assert.Equal((7, 1), (conflict.Expected, conflict.Actual));
        Assert.Equal(["POST", "DELETE"], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Transient_errors_and_503_on_a_read_are_retried()
    {
        using var store = await SmallStoreAsync();
        _server.FailNext(_ => (400, FakeQueryApi.ErrorBody("Neo.TransientError.Transaction.DeadlockDetected", "deadlock")));
        _server.FailNext(_ => (503, string.Empty));
        var concepts = await store.GetConceptsAsync([Java]);
        Assert.Equal("Java", concepts[0]!.PreferredLabel);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal(CypherStatements.GetConcepts, r.StatementName));
    }

    [Fact]
    public async Task A_transient_error_in_a_write_rolls_back_and_retries_the_whole_batch()
    {
        using var store = await SmallStoreAsync();
        _server.FailNext(r => r.StatementName == CypherStatements.UpsertConcepts ? (400, FakeQueryApi.ErrorBody("Neo.TransientError.Transaction.LockClientStopped", "stopped")) : null);
        var result = await store.WriteAsync(new GraphBatch { Concepts = [new(new Concept { Uri = Java, Kind = ConceptKind.Skill, PreferredLabel = "Java 21" })] });
        Assert.Equal(1, result.Updated);
        Assert.Equal(
            ["POST /db/neo4j/query/v2/tx", "POST /db/neo4j/query/v2/tx/tx2", "DELETE /db/neo4j/query/v2/tx/tx2", "POST /db/neo4j/query/v2/tx", "POST /db/neo4j/query/v2/tx/tx3", "POST /db/neo4j/query/v2/tx/tx3/commit"],
            _server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_one_line_naming_the_url_and_database()
    {
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => Neo4jGraphStore.ConnectAsync(Options().WithPassword("wrong")));
        Assert.Equal(ErrorCode.StoreUnavailable, error.Code);
        Assert.Contains(_server.Url, error.Message, StringComparison.Ordinal);
        Assert.Contains("database neo4j", error.Message, StringComparison.Ordinal);
        Assert.Contains("Neo.ClientError.Security.Unauthorized", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_unknown_database_fails_with_one_line_naming_it()
    {
        var options = Options();
        options.Database = "skills";
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => Neo4jGraphStore.ConnectAsync(options));
        Assert.Contains("no database 'skills'", error.Message, StringComparison.Ordinal);
        Assert.Contains(_server.Url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_fails_fast_with_one_line_naming_the_url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => Neo4jGraphStore.ConnectAsync(new Neo4jOptions { Url = url }));
        clock.Stop();

        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {error.Message}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
        Assert.StartsWith($"cannot reach Neo4j at {url} (database neo4j)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Fifty_occupations_with_their_essential_skills_take_two_requests()
    {
        using var store = await Neo4jGraphStore.ConnectAsync(Options());
        var occupations = Enumerable.Range(0, 50).Select(i => new Concept { Uri = ConceptUri.Parse($"http://example.org/c/occupation/o{i:D2}"), Kind = ConceptKind.Occupation, PreferredLabel = $"occupation {i}" }).ToList();
        var skills = Enumerable.Range(0, 20).Select(i => new Concept { Uri = ConceptUri.Parse($"http://example.org/c/skill/s{i:D2}"), Kind = ConceptKind.Skill, PreferredLabel = $"skill {i}" }).ToList();
        await store.WriteAsync(new GraphBatch
        {
            Concepts = [.. occupations.Concat(skills).Select(c => new ConceptWrite(c))],
            AddRelations = [.. occupations.SelectMany((o, i) => skills.Where((_, j) => (i + j) % 4 == 0).Select(s => new Relation(o.Uri, RelationType.EssentialSkill, s.Uri)))],
        });
        _server.Requests.Clear();

        var uris = occupations.Select(o => o.Uri).ToArray();
        var concepts = await store.GetConceptsAsync(uris);
        var essential = await store.GetNeighboursManyAsync(uris, RelationType.EssentialSkill, Direction.Outgoing, new PageRequest(100));

        output.WriteLine($"50 occupations + essential skills: {_server.Requests.Count} requests");
        Assert.Equal(50, concepts.Count(c => c is not null));
        Assert.All(essential, p => Assert.Equal(5, p.TotalCount));
        Assert.True(_server.Requests.Count <= 6, $"{_server.Requests.Count} requests");
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task An_occupation_context_over_the_adapter_takes_three_reads()
    {
        using var store = await Neo4jGraphStore.ConnectAsync(Options());
        await store.WriteAsync(SampleGraph.Load());
        var occupation = (await store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation)))[0].Uri;
        _server.Requests.Clear();

        var context = await new GetOccupationContextHandler(store).Handle(new GetOccupationContext(occupation), CancellationToken.None);

        var requests = _server.Requests.ToArray();
        output.WriteLine($"occupation context of {occupation}: {requests.Length} requests: {string.Join(", ", requests.Select(r => r.StatementName))}");
        Assert.NotEmpty(context.Skills);
        Assert.Contains(context.Skills, s => s.GroupPath.Count > 1);
        Assert.NotEmpty(context.HierarchyPath);
        Assert.All(requests, r => Assert.Equal("READ", r.AccessMode));
        Assert.Equal([CypherStatements.OccupationSkills, CypherStatements.BroaderNeighbourhood, CypherStatements.GetConcepts], requests.Select(r => r.StatementName));
        Assert.True(requests.Length <= 3, $"{requests.Length} requests");
    }

    [Fact]
    public async Task An_occupation_context_from_the_one_statement_walks_is_the_context_from_level_by_level_reads()
    {
        using var store = await Neo4jGraphStore.ConnectAsync(Options());
        await store.WriteAsync(SampleGraph.Load());
        using var levelByLevel = new PortDefaults(store);
        foreach (var hit in await store.SearchAsync(new SearchQuery("developer", ConceptKind.Occupation, 5)))
        {
            foreach (var query in (GetOccupationContext[])[new(hit.Uri), new(hit.Uri, MaxNodes: 30, Hops: 1, Seed: 7), new(hit.Uri, GroupPathDepth: 1)])
            {
                var overNeo4j = await new GetOccupationContextHandler(store).Handle(query, CancellationToken.None);
                var overDefaults = await new GetOccupationContextHandler(levelByLevel).Handle(query, CancellationToken.None);
                Assert.Equal(overDefaults.ToPrompt(), overNeo4j.ToPrompt());
            }
        }
    }

    [Fact]
    public async Task The_related_skills_walk_in_one_statement_is_the_walk_from_the_ports_default_reads()
    {
        using var store = await Neo4jGraphStore.ConnectAsync(Options());
        await store.WriteAsync(SampleGraph.Load());
        using var defaults = new PortDefaults(store);
        var skills = await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All);
        Assert.NotEmpty(skills.Items);
        foreach (var skill in skills.Items)
        {
            foreach (var first in (int[])[1, 3, 200])
            {
                var native = await store.GetSkillRelationsAsync(skill, first);
                var composed = await ((IGraphStore)defaults).GetSkillRelationsAsync(skill, first);
                Assert.Equal(composed.OccupationsRequiring, native.OccupationsRequiring);
                Assert.Equal(composed.CoRequired, native.CoRequired);
                Assert.Equal(composed.CoRequiredBy, native.CoRequiredBy);
                Assert.Equal(composed.EssentialOut, native.EssentialOut);
                Assert.Equal(composed.EssentialIn, native.EssentialIn);
                Assert.Equal(composed.OptionalOut, native.OptionalOut);
                Assert.Equal(composed.OptionalIn, native.OptionalIn);
            }
        }
    }

    [Fact]
    public async Task The_skill_listings_in_one_statement_are_the_listings_from_the_ports_default_reads()
    {
        using var store = await Neo4jGraphStore.ConnectAsync(Options());
        await store.WriteAsync(SampleGraph.Load());
        using var defaults = new PortDefaults(store);
        ConceptUri[] skills = [.. (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All)).Items, ConceptUri.Parse("http://data.europa.eu/esco/skill/nope")];
        var native = await store.GetSkillListingsAsync(skills);
        var composed = await ((IGraphStore)defaults).GetSkillListingsAsync(skills);
        Assert.NotEmpty(native.Occupations);
        Assert.Equal(composed.OccupationCount, native.OccupationCount);
        Assert.Equal(composed.EssentialFor.Select(l => l.ToArray()), native.EssentialFor.Select(l => l.ToArray()));
        Assert.Equal(composed.OptionalFor.Select(l => l.ToArray()), native.OptionalFor.Select(l => l.ToArray()));
        Assert.Equal(composed.Occupations, native.Occupations);
        Assert.Equal(composed.EssentialCounts, native.EssentialCounts);
        Assert.Equal(composed.OptionalCounts, native.OptionalCounts);
    }
}

/// <summary>The adapter with only the port's required reads: the walks and skill listings take the port's default, level by level.</summary>
internal sealed class PortDefaults(IGraphStore inner) : IGraphStore
{
    public ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default) => inner.GetConceptsAsync(uris, cancellationToken);

    public ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default) => inner.GetNeighboursAsync(uri, type, direction, page, cancellationToken);

    public ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default) => inner.GetNeighboursManyAsync(uris, type, direction, page, cancellationToken);

    public ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);

    public ValueTask<Page<ConceptUri>> ListConceptsAsync(ConceptFilter filter, PageRequest page, CancellationToken cancellationToken = default) => inner.ListConceptsAsync(filter, page, cancellationToken);

    public ValueTask<Page<ChangeSet>> GetChangeSetsAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default) => inner.GetChangeSetsAsync(filter, page, cancellationToken);

    public ValueTask<ChangeSet?> GetChangeSetAsync(string id, CancellationToken cancellationToken = default) => inner.GetChangeSetAsync(id, cancellationToken);

    public ValueTask<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

    public ValueTask<WriteResult> WriteAsync(GraphBatch batch, IProgress<WriteProgress>? progress = null, CancellationToken cancellationToken = default) => inner.WriteAsync(batch, progress, cancellationToken);

    public void Dispose()
    {
    }
}

internal static class OptionsExtensions
{
    public static Neo4jOptions WithPassword(this Neo4jOptions options, string password)
    {
        options.Password = password;
        return options;
    }
}
