using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Server.Tests.Limits;

[Collection(EscoCollection.Name)]
public sealed class LimitTests(EscoServerFixture esco)
{
    private const string Skill = "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02";

    [Fact]
    public async Task DepthFiftyQueryIsRefusedQuicklyAndTheServerStaysUp()
    {
        var query = new StringBuilder("{ skill(uri: \"" + Skill + "\") { ");
        for (var i = 0; i < 25; i++)
        {
            query.Append("broader { nodes { ");
        }

        query.Append("uri").Append(new string('}', 50)).Append(" } }");
        var watch = Stopwatch.StartNew();
        var answer = await esco.QueryAsync(query.ToString());
        watch.Stop();

        Assert.Contains("limit maxDepth = 15", answer.FirstError(), StringComparison.Ordinal);
        Assert.Null(answer["data"]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("ok", await esco.Client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task TenThousandAliasesAreRefusedQuicklyAndTheServerStaysUp()
    {
        var query = new StringBuilder("{");
        for (var i = 0; i < 10_000; i++)
        {
            query.Append('a').Append(i).Append(":__typename ");
        }

        query.Append('}');
        var watch = Stopwatch.StartNew();
        var answer = await esco.QueryAsync(query.ToString());
        watch.Stop();

        Assert.Contains("limit maxFields = 2000", answer.FirstError(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("ok", await esco.Client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task CostOfListSizesCountsAgainstMaxComplexity()
    {
        var answer = await esco.QueryAsync("{ occupations(first: 500) { nodes { essentialSkills(first: 500) { nodes { uri } } } } }");
        Assert.Contains("limit maxComplexity = 50000", answer.FirstError(), StringComparison.Ordinal);
        Assert.Null(answer["data"]);
    }

    [Fact]
    public async Task CostCountsPageSizesPassedAsVariables()
    {
        const string query = "query($n: Int) { occupations(first: $n) { nodes { essentialSkills(first: $n) { nodes { uri preferredLabel } } } } }";
        Assert.Contains("maxComplexity", (await esco.QueryAsync(query, new { n = 400 })).FirstError(), StringComparison.Ordinal);
        Assert.Null((await esco.QueryAsync(query, new { n = 5 }))["errors"]);
    }

    [Fact]
    public async Task ConnectionsWithoutFirstCountAtTheDefaultPageSize()
    {
        // 50 × 50 × 50 nodes at the default page size
        var answer = await esco.QueryAsync("{ occupations { nodes { essentialSkills { nodes { essentialFor { nodes { uri } } } } } } }");
        Assert.Contains("limit maxComplexity = 50000", answer.FirstError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageSizeOverTheLimitNamesIt()
    {
        var answer = await esco.QueryAsync("{ skills(first: 501) { totalCount } }");
        Assert.Equal("first must be between 0 and 500 (limit maxPageSize = 500); it was 501.", answer.FirstError());
    }

    [Fact]
    public async Task BodyOverTheSizeLimitGets413()
    {
        var body = new JsonObject { ["query"] = "{ __typename }", ["variables"] = new JsonObject { ["pad"] = new string('x', 300_000) } };
        using var response = await esco.Client.PostAsync("/graphql", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Contains("limit maxRequestBytes = 262144", answer.FirstError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntrospectionAsGraphiQLSendsItPassesTheLimits()
    {
        var answer = await esco.QueryAsync(IntrospectionQuery.Text);
        var types = answer.Data()["__schema"]!["types"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Occupation", types);
        Assert.Contains("SkillConnection", types);
    }
}

/// <summary>A store whose walks take longer than the test's request timeout.</summary>
public sealed class SlowGraphStore(IGraphStore inner, TimeSpan delay) : IGraphStore
{
    public ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default) => inner.GetConceptsAsync(uris, cancellationToken);

    public ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default) =>
        inner.GetNeighboursAsync(uri, type, direction, page, cancellationToken);

    public async ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.GetNeighboursManyAsync(uris, type, direction, page, cancellationToken);
    }

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

[Collection(EscoCollection.Name)]
public sealed class TimeoutTests(EscoServerFixture esco)
{
    [Fact]
    public async Task RequestOverTheTimeoutGetsAnErrorNamingTheLimit()
    {
        await using var factory = new ServerFactory(
            esco.DatabasePath,
            new Dictionary<string, string> { ["GraphQL:Limits:RequestTimeout"] = "00:00:00.200" },
            store => new SlowGraphStore(store, TimeSpan.FromSeconds(5)));
        using var client = factory.CreateClient();

        var watch = Stopwatch.StartNew();
        var answer = await client.QueryAsync("""{ occupations(first: 1) { nodes { essentialSkills { totalCount } } } }""");
        watch.Stop();

        Assert.Contains("limit requestTimeout = 0.2 s", answer.FirstError(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }
}
