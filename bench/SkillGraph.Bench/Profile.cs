using System.Diagnostics;
using SkillGraph.Bench.Peers;
using SkillGraph.Domain;

namespace SkillGraph.Bench;

/// <summary>
/// <c>SkillGraph.Bench profile [N] [WORKLOAD]</c>: a quick look while optimising — ours and SQLite alternate call by
/// call (so both see the same machine load), median µs of each, the ratio, and the bytes ours allocates a call,
/// per workload and parameter; with WORKLOAD (context, related, gap, 2-hop) only that one runs.
/// The figures of record come from BenchmarkDotNet (bench/workloads.sh).
/// </summary>
public static class Profile
{
    // Enough calls before measuring for the JIT to have tiered the hot paths up: on a busy machine the background
    // compiles lag, so the first workload of a run measured slow after 500 calls alone.
    private const int Warmup = 500;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    public static int Run(int iterations, string? workload = null)
    {
        using var store = BenchStore.OpenForWorkloads();
        using var ours = new Workloads(store);
        using var sqlite = SqlitePeer.Build(BenchStore.EscoDirectory, PeerWorkloads.DefaultSqlitePath);
        void Compare(string name, Func<object> mine, Func<object> theirs)
        {
            if (workload is null || name.StartsWith(workload, StringComparison.Ordinal))
            {
                Measure(name, mine, theirs, iterations);
            }
        }

        foreach (var occupation in PeerWorkloads.Occupations)
        {
            var uri = ConceptUri.Parse(occupation);
            var held = ours.HeldSkills(uri);
            var heldStrings = held.Select(h => h.Value).ToList();
            Compare($"context  {occupation[^12..]}", () => ours.Context(uri), () => sqlite.OccupationContext(occupation));
            Compare($"related  {occupation[^12..]}", () => ours.Related(uri), () => sqlite.RelatedOccupations(occupation, PeerWorkloads.RelatedTop));
            Compare($"gap      {occupation[^12..]}", () => ours.Gap(uri, held), () => sqlite.SkillGap(occupation, heldStrings));
        }

        foreach (var skill in PeerWorkloads.Skills)
        {
            var uri = ConceptUri.Parse(skill);
            Compare($"2-hop    {skill[^12..]}", () => ours.Neighbourhood(uri), () => sqlite.SkillNeighbourhood2Hop(skill, PeerWorkloads.NeighbourhoodTop));
        }

        return 0;
    }

    private static void Measure(string name, Func<object> ours, Func<object> theirs, int iterations)
    {
        var a = new List<double>(iterations);
        var b = new List<double>(iterations);
        long allocated = 0;
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < Warmup || warming.Elapsed < WarmupTime; i++)
        {
            ours();
            theirs();
        }

        for (var i = 0; i < iterations; i++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            ours();
            var mine = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            var mineBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            started = Stopwatch.GetTimestamp();
            theirs();
            var other = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            a.Add(mine);
            b.Add(other);
            allocated += mineBytes;
        }

        a.Sort();
        b.Sort();
        var (ma, mb) = (a[a.Count / 2], b[b.Count / 2]);
        Console.WriteLine($"{name}  ours {ma,9:0.0} µs  sqlite {mb,9:0.0} µs  ratio {mb / ma,6:0.0}×  ours allocates {allocated / 1024.0 / iterations,7:0.0} KB a call");
    }
}
