using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using Xunit.Abstractions;

namespace SkillGraph.Tests.Graph;

/// <summary>The concurrency test on the embedded store (a file of its own, seeded with the sample graph).</summary>
public sealed class EmbeddedCurationConcurrencyTests(ITestOutputHelper output) : CurationConcurrencyTests(output), IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    protected override async Task<IGraphStore> CreateStoreWithSampleGraphAsync() =>
        await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "concurrency.db"), WarmSearchIndex = false });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
