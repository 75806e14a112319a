using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Tests.Graph;
using Xunit.Abstractions;

namespace SkillGraph.Neo4j.Tests;

/// <summary>
/// The conformance suite against a live Neo4j when NEO4J_URL is set (NEO4J_USER + NEO4J_PASSWORD or NEO4J_TOKEN,
/// NEO4J_DATABASE, default neo4j). Each test empties the database first: point it at a scratch database. Without
/// NEO4J_URL every test reports "skipped: NEO4J_URL not set".
/// </summary>
public sealed class LiveNeo4jConformanceTests : GraphStoreConformanceTests
{
    public const string NotSet = "skipped: NEO4J_URL not set";

    public static Neo4jOptions? LiveOptions() => Environment.GetEnvironmentVariable("NEO4J_URL") is { Length: > 0 } url
        ? new Neo4jOptions
        {
            Url = url,
            Database = Environment.GetEnvironmentVariable("NEO4J_DATABASE") is { Length: > 0 } db ? db : "neo4j",
            User = Environment.GetEnvironmentVariable("NEO4J_USER"),
            Password = Environment.GetEnvironmentVariable("NEO4J_PASSWORD"),
            Token = Environment.GetEnvironmentVariable("NEO4J_TOKEN"),
        }
        : null;

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        var options = LiveOptions();
        Skip.If(options is null, NotSet);
        var store = await Neo4jGraphStore.ConnectAsync(options!);
        await store.WriteAsync(new GraphBatch { ReplaceAll = true, Source = "conformance reset" });
        return store;
    }
}

/// <summary>Says plainly, in the test output, whether the live Neo4j suite ran.</summary>
public sealed class LiveNeo4jStatusTests(ITestOutputHelper output)
{
    [Fact]
    public void Reports_whether_the_live_Neo4j_suite_runs()
    {
        var options = LiveNeo4jConformanceTests.LiveOptions();
        output.WriteLine(options is null ? $"LiveNeo4jConformanceTests {LiveNeo4jConformanceTests.NotSet}" : $"LiveNeo4jConformanceTests run against {options.Url} (database {options.Database})");
    }
}
