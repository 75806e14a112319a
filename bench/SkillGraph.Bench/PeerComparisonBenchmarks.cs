using BenchmarkDotNet.Attributes;
using SkillGraph.Bench.Peers;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Bench;

/// <summary>
/// Issue 4: workloads 1–3 for each peer occupation, ours (Mediator handlers on the embedded store) against SQLite
/// with indexed integer keys (bench/SkillGraph.Bench.Peers) in one BenchmarkDotNet run. Kùzu runs in Node
/// (bench/peers/kuzu) from the same script, bench/workloads.sh. Each workload is a category (context, related, gap,
/// neighbourhood): <c>bench/workloads.sh --anyCategories context</c> times only that one.
/// </summary>
[MemoryDiagnoser]
public class OccupationWorkloadBenchmarks
{
    private IGraphStore _store = null!;
    private Workloads _ours = null!;
    private SqlitePeer _sqlite = null!;
    private ConceptUri _occupation = null!;
    private IReadOnlyList<ConceptUri> _held = null!;
    private IReadOnlyList<string> _heldStrings = null!;

    public static IEnumerable<string> OccupationNames => ["software developer", "chiropractor", "social worker", "temperature screener", "fishing net maker"];

    [ParamsSource(nameof(OccupationNames))]
    public string Occupation { get; set; } = "software developer";

    [GlobalSetup]
    public void Setup()
    {
        _store = BenchStore.OpenForWorkloads();
        _ours = new Workloads(_store);
        _sqlite = SqlitePeer.Build(BenchStore.EscoDirectory, PeerWorkloads.DefaultSqlitePath);
        _occupation = ConceptUri.Parse(PeerWorkloads.Occupations[OccupationNames.ToList().IndexOf(Occupation)]);
        _held = _ours.HeldSkills(_occupation);
        _heldStrings = [.. _held.Select(h => h.Value)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _store.Dispose();
        _sqlite.Dispose();
    }

    [Benchmark]
    [BenchmarkCategory("context")]
    public object OursContext() => _ours.Context(_occupation);

    [Benchmark]
    [BenchmarkCategory("context")]
    public object SqliteContext() => _sqlite.OccupationContext(_occupation.Value);

    [Benchmark]
    [BenchmarkCategory("related")]
    public object OursRelated() => _ours.Related(_occupation);

    [Benchmark]
    [BenchmarkCategory("related")]
    public object SqliteRelated() => _sqlite.RelatedOccupations(_occupation.Value, PeerWorkloads.RelatedTop);

    [Benchmark]
    [BenchmarkCategory("gap")]
    public object OursGap() => _ours.Gap(_occupation, _held);

    [Benchmark]
    [BenchmarkCategory("gap")]
    public object SqliteGap() => _sqlite.SkillGap(_occupation.Value, _heldStrings);
}

/// <summary>Issue 4: workload 4 (2-hop skill neighbourhood) for each peer skill, ours against SQLite.</summary>
[MemoryDiagnoser]
public class SkillWorkloadBenchmarks
{
    private IGraphStore _store = null!;
    private Workloads _ours = null!;
    private SqlitePeer _sqlite = null!;
    private ConceptUri _skill = null!;

    public static IEnumerable<string> SkillNames => ["Java", "manage staff", "use IT tools", "promote sustainable energy", "use ballasts"];

    [ParamsSource(nameof(SkillNames))]
    public string Skill { get; set; } = "Java";

    [GlobalSetup]
    public void Setup()
    {
        _store = BenchStore.OpenForWorkloads();
        _ours = new Workloads(_store);
        _sqlite = SqlitePeer.Build(BenchStore.EscoDirectory, PeerWorkloads.DefaultSqlitePath);
        _skill = ConceptUri.Parse(PeerWorkloads.Skills[SkillNames.ToList().IndexOf(Skill)]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _store.Dispose();
        _sqlite.Dispose();
    }

    [Benchmark]
    [BenchmarkCategory("neighbourhood")]
    public object OursNeighbourhood() => _ours.Neighbourhood(_skill);

    [Benchmark]
    [BenchmarkCategory("neighbourhood")]
    public object SqliteNeighbourhood() => _sqlite.SkillNeighbourhood2Hop(_skill.Value, PeerWorkloads.NeighbourhoodTop);
}
