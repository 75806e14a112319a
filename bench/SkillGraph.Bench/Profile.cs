using System.Diagnostics;
using SkillGraph.Bench.Peers;
using SkillGraph.Domain;

namespace SkillGraph.Bench;

/// <summary>
/// <c>SkillGraph.Bench profile [N]</c>: a quick look while optimising — ours and SQLite alternate call by call
/// (so both see the same machine load), median µs of each and the ratio, per workload and parameter.
/// The figures of record come from BenchmarkDotNet (bench/workloads.sh).
/// </summary>
public static class Profile
{
    public static int Run(int iterations)
    {
        using var store = BenchStore.Open();
        using var ours = new Workloads(store);
        using var sqlite = SqlitePeer.Build(BenchStore.EscoDirectory, PeerWorkloads.DefaultSqlitePath);
        foreach (var occupation in PeerWorkloads.Occupations)
        {
            var uri = ConceptUri.Parse(occupation);
            var held = ours.HeldSkills(uri);
            var heldStrings = held.Select(h => h.Value).ToList();
            Compare($"context  {occupation[^12..]}", () => ours.Context(uri), () => sqlite.OccupationContext(occupation), iterations);
            Compare($"related  {occupation[^12..]}", () => ours.Related(uri), () => sqlite.RelatedOccupations(occupation, PeerWorkloads.RelatedTop), iterations);
            Compare($"gap      {occupation[^12..]}", () => ours.Gap(uri, held), () => sqlite.SkillGap(occupation, heldStrings), iterations);
        }

        foreach (var skill in PeerWorkloads.Skills)
        {
            var uri = ConceptUri.Parse(skill);
            Compare($"2-hop    {skill[^12..]}", () => ours.Neighbourhood(uri), () => sqlite.SkillNeighbourhood2Hop(skill, PeerWorkloads.NeighbourhoodTop), iterations);
        }

        return 0;
    }

    // Enough calls before measuring for the JIT to have tiered the hot paths up.
    private const int Warmup = 500;

    private static void Compare(string name, Func<object> ours, Func<object> theirs, int iterations)
    {
        var a = new List<double>(iterations);
        var b = new List<double>(iterations);
        for (var i = 0; i < iterations + Warmup; i++)
        {
            var started = Stopwatch.GetTimestamp();
            ours();
            var mine = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            started = Stopwatch.GetTimestamp();
            theirs();
            var other = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            if (i >= Warmup)
            {
                a.Add(mine);
                b.Add(other);
            }
        }

        a.Sort();
        b.Sort();
        var (ma, mb) = (a[a.Count / 2], b[b.Count / 2]);
        Console.WriteLine($"{name}  ours {ma,9:0.0} µs  sqlite {mb,9:0.0} µs  ratio {mb / ma,6:0.0}×");
    }
}
