using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Features;

/// <summary>A host's container disposes what it made, never the store it was given (tests share one full ESCO store).</summary>
public sealed class HostOwnershipTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task Disposing_a_host_leaves_the_store_it_was_given_open()
    {
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "store.db"), WarmSearchIndex = false });
        using (var host = new MediatorHost(store))
        {
            await host.Mediator.Send(new Application.Features.Concepts.CountGraph.CountGraph());
            Assert.Null(await ((IProposalStore)store).GetProposalAsync("none"));
        }

        var result = await store.WriteAsync(new GraphBatch { Concepts = [] });
        Assert.Equal(0, result.Inserted);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
