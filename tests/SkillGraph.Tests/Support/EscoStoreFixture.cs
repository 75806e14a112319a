using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;

namespace SkillGraph.Tests.Support;

/// <summary>The full ESCO v1.1.1 graph imported once into a temporary store, shared by the tests of a collection.</summary>
public sealed class EscoStoreFixture : IAsyncLifetime
{
    private string? _directory;

    public SqliteGraphStore Store { get; private set; } = null!;

    public GraphBatch Batch { get; private set; } = null!;

    public string DatabasePath { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _directory = TestPaths.NewTempDirectory();
        DatabasePath = Path.Combine(_directory, "esco.db");
        Store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = DatabasePath, SeedSampleWhenEmpty = false });
        using var source = new DirectoryEscoSource(TestPaths.EscoDirectory);
        Batch = new EscoImporter().Read(source);
        await Store.WriteAsync(Batch);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class EscoStoreCollection : ICollectionFixture<EscoStoreFixture>
{
    public const string Name = "full ESCO store";
}
