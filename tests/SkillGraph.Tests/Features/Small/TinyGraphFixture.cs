using Microsoft.Data.Sqlite;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Tests.Features.Small;

/// <summary><see cref="TinyGraph"/> written once into a real embedded store in a temporary file, shared by the tests of a collection.</summary>
public sealed class TinyGraphFixture : IAsyncLifetime
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    public SqliteGraphStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "tiny.db"), SeedSampleWhenEmpty = false });
        await Store.WriteAsync(TinyGraph.Batch());
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class TinyGraphCollection : ICollectionFixture<TinyGraphFixture>
{
    public const string Name = "tiny graph";
}
