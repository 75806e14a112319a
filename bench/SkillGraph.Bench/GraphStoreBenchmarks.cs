using BenchmarkDotNet.Attributes;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Bench;

/// <summary>Issue 2 targets: a one-hop walk ≤ 5 µs median, a label search ≤ 1 ms median, in-process on the full ESCO store.</summary>
[MemoryDiagnoser]
public class GraphStoreBenchmarks
{
    private static readonly ConceptUri Developer = ConceptUri.Parse("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1");
    private static readonly ConceptUri Java = ConceptUri.Parse("http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389");
    private SqliteGraphStore _store = null!;

    [GlobalSetup]
    public void Setup() => _store = BenchStore.Open();

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "1-hop: essential skills of software developer (24)")]
    public Page<ConceptUri> EssentialSkills() =>
        _store.GetNeighboursAsync(Developer, RelationType.EssentialSkill, Direction.Outgoing, new PageRequest(100)).Result;

    [Benchmark(Description = "1-hop: optional skills of software developer (80)")]
    public Page<ConceptUri> OptionalSkills() =>
        _store.GetNeighboursAsync(Developer, RelationType.OptionalSkill, Direction.Outgoing, new PageRequest(100)).Result;

    [Benchmark(Description = "1-hop: occupations needing Java (incoming)")]
    public Page<ConceptUri> EssentialFor() =>
        _store.GetNeighboursAsync(Java, RelationType.EssentialSkill, Direction.Incoming, new PageRequest(100)).Result;

    [Benchmark(Description = "1-hop + concepts: essential skills with their labels")]
    public IReadOnlyList<Concept?> EssentialSkillConcepts()
    {
        var page = _store.GetNeighboursAsync(Developer, RelationType.EssentialSkill, Direction.Outgoing, new PageRequest(100)).Result;
        return _store.GetConceptsAsync(page.Items).Result;
    }

    [Benchmark(Description = "search: 'software developer' (all kinds, 10)")]
    public IReadOnlyList<SearchHit> SearchPhrase() => _store.SearchAsync(new SearchQuery("software developer")).Result;

    [Benchmark(Description = "search: 'java' skills (10)")]
    public IReadOnlyList<SearchHit> SearchWord() => _store.SearchAsync(new SearchQuery("java", ConceptKind.Skill)).Result;

    [Benchmark(Description = "search: prefix 'manag' (all kinds, 10)")]
    public IReadOnlyList<SearchHit> SearchBroadPrefix() => _store.SearchAsync(new SearchQuery("manag")).Result;

    [Benchmark(Description = "search: 'proj manag team' (3 prefixes)")]
    public IReadOnlyList<SearchHit> SearchPrefixes() => _store.SearchAsync(new SearchQuery("proj manag team")).Result;
}

/// <summary>Issue 2 target: opening a full store (SQLite read + snapshot + label index) ≤ 2 s.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OpenStoreBenchmarks
{
    [GlobalSetup]
    public void Setup() => BenchStore.Open().Dispose();

    [Benchmark(Description = "open the full ESCO store (with label index)")]
    public int Open()
    {
        using var store = SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = BenchStore.DatabasePath, SeedSampleWhenEmpty = false }).GetAwaiter().GetResult();
        return store.Snapshot.Concepts.Count;
    }
}
