using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Sample;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Graph;

/// <summary>The conformance suite on the embedded adapter, plus what only the embedded adapter does.</summary>
public sealed class EmbeddedGraphStoreTests : GraphStoreConformanceTests, IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory();

    protected override async Task<IGraphStore> CreateEmptyStoreAsync() =>
        await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), SeedSampleWhenEmpty = false });

    [Fact]
    public async Task An_empty_store_is_seeded_with_the_sample_graph()
    {
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "seeded.db") });
        var counts = await store.CountAsync();
        Assert.InRange(counts.Occupations, 20, 25); // 20 chosen, plus the broader occupations above them
        Assert.True(counts.Skills > 300, $"{counts.Skills} skills");
        var developer = (await store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation)))[0];
        var skills = await store.GetNeighboursAsync(developer.Uri, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All);
        Assert.True(skills.TotalCount >= 10);
    }

    [Fact]
    public async Task A_reopened_store_has_the_same_graph()
    {
        var path = Path.Combine(_directory, "reopen.db");
        GraphCounts before;
        using (var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path, SeedSampleWhenEmpty = false }))
        {
            await store.WriteAsync(SmallGraph());
            before = await store.CountAsync();
        }

        using var reopened = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path });
        var after = await reopened.CountAsync();
        Assert.Equal(before with { LastImport = null, Collections = after.Collections }, after with { LastImport = null });
        Assert.Equal(3, after.Occupations);
    }

    [Fact]
    public void The_sample_graph_is_consistent()
    {
        var sample = SampleGraph.Load();
        var uris = sample.Concepts.Select(c => c.Concept.Uri).ToHashSet();
        Assert.Equal(uris.Count, sample.Concepts.Count);
        Assert.All(sample.AddRelations, r => Assert.True(uris.Contains(r.Source) && uris.Contains(r.Target), $"{r.Source} → {r.Target}"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gets_a_clear_error()
    {
        var path = Path.Combine(_directory, "not-a-db.db");
        await File.WriteAllTextAsync(path, "this is not sqlite, just text that is long enough to fill a header page of a database file.");
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path }));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
