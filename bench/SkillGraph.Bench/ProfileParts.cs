using System.Diagnostics;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Bench;

/// <summary><c>SkillGraph.Bench parts</c>: median µs of the store calls the context walk makes, to find where its time goes.</summary>
public static class ProfileParts
{
    public static int Run()
    {
        using var store = BenchStore.Open();
        var occupation = ConceptUri.Parse(Peers.PeerWorkloads.SoftwareDeveloper);
        var skills = store.GetNeighboursAsync(occupation, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All).AsTask().Result.Items
            .Concat(store.GetNeighboursAsync(occupation, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All).AsTask().Result.Items).ToList();
        Time("GetConcepts(104)", () => store.GetConceptsAsync(skills).AsTask().Result);
        Time("Count incoming essential (104)", () => store.CountNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming).AsTask().Result);
        Time("Broader of many (104)", () => store.GetNeighboursManyAsync(skills, RelationType.Broader, Direction.Outgoing, PageRequest.All).AsTask().Result);
        Time("ConceptMap (104)", () => store.ConceptMapAsync(skills, default).AsTask().Result);
        Time("AltLabels x104", () => skills.Select(s => store.Snapshot.Find(s)!.AltLabels().ToList()).ToList());
        Time("HashSet(104)", () => skills.ToHashSet());
        using var ours = new Workloads(store);
        var chiro = ConceptUri.Parse(Peers.PeerWorkloads.Occupations[1]);
        var held = ours.HeldSkills(chiro);
        var gapHandler = new SkillGraph.Application.Features.Careers.GetSkillGap.GetSkillGapHandler(store);
        var gapRequest = new SkillGraph.Application.Features.Careers.GetSkillGap.GetSkillGap(chiro, held);
        for (var i = 0; i < 3000; i++)
        {
            gapHandler.Handle(gapRequest, default).AsTask().Wait();
        }

        Time("gap handler chiro", () => gapHandler.Handle(gapRequest, default).AsTask().Result);
        Time("gap via mediator chiro", () => ours.Gap(chiro, held));
        Time("GetConcepts held 68", () => store.GetConceptsAsync(held).AsTask().Result);
        Time("broader out of held", () => store.GetNeighboursManyAsync(held, RelationType.Broader, Direction.Outgoing, PageRequest.All).AsTask().Result);
        Time("broader in of held", () => store.GetNeighboursManyAsync(held, RelationType.Broader, Direction.Incoming, PageRequest.All).AsTask().Result);
        var ess = store.GetNeighboursAsync(chiro, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All).AsTask().Result.Items;
        Time("essential of chiro", () => store.GetNeighboursAsync(chiro, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All).AsTask().Result);
        Time("hashset 133", () => ess.ToHashSet());
        Time("count 133", () => store.CountNeighboursManyAsync(ess, RelationType.EssentialSkill, Direction.Incoming).AsTask().Result);
        var handler = new SkillGraph.Application.Features.Occupations.GetOccupationContext.GetOccupationContextHandler(store);
        var request = Workloads.ContextRequest(occupation);
        Time("handler direct", () => handler.Handle(request, default).AsTask().Result);
        Time("via mediator", () => ours.Context(occupation));
        Time("handler depth 0, budget 1000", () => handler.Handle(request with { GroupPathDepth = 0 }, default).AsTask().Result);
        Time("handler depth 4", () => handler.Handle(request with { GroupPathDepth = 4 }, default).AsTask().Result);
        return 0;
    }

    private static void Time(string name, Func<object> work)
    {
        var times = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var started = Stopwatch.GetTimestamp();
            work();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-34} {times[times.Count / 2],8:0.00} µs");
    }
}
