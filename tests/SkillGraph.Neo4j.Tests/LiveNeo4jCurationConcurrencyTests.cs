using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Graph.Sample;
using SkillGraph.Tests.Graph;
using Xunit.Abstractions;

namespace SkillGraph.Neo4j.Tests;

/// <summary>
/// The concurrency test (16 writers, 64 readers) against a live Neo4j when NEO4J_URL is set; it replaces the database's
/// graph with the sample graph first (point it at a scratch database). Without NEO4J_URL: "skipped: NEO4J_URL not set".
/// </summary>
public sealed class LiveNeo4jCurationConcurrencyTests(ITestOutputHelper output) : CurationConcurrencyTests(output)
{
    protected override async Task<IGraphStore> CreateStoreWithSampleGraphAsync()
    {
        var options = LiveNeo4jConformanceTests.LiveOptions();
        Skip.If(options is null, LiveNeo4jConformanceTests.NotSet);
        var store = await Neo4jGraphStore.ConnectAsync(options!);
        await store.WriteAsync(new GraphBatch { ReplaceAll = true, Source = "concurrency reset" });
        await store.WriteAsync(SampleGraph.Load());
        return store;
    }
}
