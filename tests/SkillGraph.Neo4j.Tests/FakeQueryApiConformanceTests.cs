using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Tests.Graph;

namespace SkillGraph.Neo4j.Tests;

/// <summary>The conformance suite on the Neo4j adapter talking to the fake Query API (one fake server per store).</summary>
public sealed class FakeQueryApiConformanceTests : GraphStoreConformanceTests, IDisposable
{
    private readonly List<FakeQueryApi> _servers = [];

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        var server = new FakeQueryApi();
        _servers.Add(server);
        return await Neo4jGraphStore.ConnectAsync(new Neo4jOptions { Url = server.Url, MaxRetries = 0 });
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }
    }
}
