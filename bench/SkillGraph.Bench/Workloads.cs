using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Bench.Peers;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Bench;

/// <summary>
/// The four issue-4 workloads answered by our Mediator handlers, with their answers mapped onto the peers'
/// canonical form (bench/SkillGraph.Bench.Peers) so that ours, SQLite's and Kùzu's can be compared byte for byte.
/// </summary>
public sealed class Workloads : IDisposable
{
    private readonly ServiceProvider _services;

    public Workloads(IGraphStore store)
    {
        Store = store;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGraphStore>(store);
        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        _services = services.BuildServiceProvider();
        Mediator = _services.GetRequiredService<IMediator>();
    }

    public IGraphStore Store { get; }

    public IMediator Mediator { get; }

    /// <summary>The same work as the peers' occupationContext: skills with their direct broader concepts, the occupation's broader concepts.</summary>
    public static GetOccupationContext ContextRequest(ConceptUri occupation) => new(occupation, MaxNodes: GetOccupationContext.MaxNodesLimit, GroupPathDepth: 1);

    public IReadOnlyList<ConceptUri> HeldSkills(ConceptUri occupation)
    {
        var essential = Store.GetNeighboursAsync(occupation, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All).AsTask().GetAwaiter().GetResult().Items;
        return [.. PeerWorkloads.HeldSkills(essential.Select(u => u.Value)).Select(ConceptUri.Parse)];
    }

    public OccupationContext Context(ConceptUri occupation) => Mediator.Send(ContextRequest(occupation)).AsTask().GetAwaiter().GetResult();

    public IReadOnlyList<Application.Features.Occupations.GetRelatedOccupations.RelatedOccupation> Related(ConceptUri occupation) =>
        Mediator.Send(new GetRelatedOccupations(occupation, PeerWorkloads.RelatedTop, OptionalWeight: 0)).AsTask().GetAwaiter().GetResult();

    public SkillGap Gap(ConceptUri occupation, IReadOnlyList<ConceptUri> held) => Mediator.Send(new GetSkillGap(occupation, held)).AsTask().GetAwaiter().GetResult();

    public RelatedSkills Neighbourhood(ConceptUri skill) => Mediator.Send(new GetRelatedSkills(skill, PeerWorkloads.NeighbourhoodTop)).AsTask().GetAwaiter().GetResult();

    public string CanonicalContext(ConceptUri occupation)
    {
        var context = Context(occupation);
        return Canonical.ToJson(new OccupationContextResult(
            occupation.Value,
            [.. context.Broader.Select(b => new NodeRef(b.Uri.Value, b.Label))],
            [.. context.Skills.Select(s => new Peers.ContextSkill(
                s.Skill.Uri.Value,
                s.Skill.Label,
                s.Relation == ContextRelation.Essential ? SkillRelation.Essential : SkillRelation.Optional,
                [.. s.Broader.Select(b => new NodeRef(b.Uri.Value, b.Label))]))]));
    }

    public string CanonicalRelated(ConceptUri occupation) =>
        Canonical.ToJson(new RelatedOccupationsResult(occupation.Value, [.. Related(occupation).Select(r => new Peers.RelatedOccupation(r.Occupation.Uri.Value, r.Occupation.Label, r.SharedEssential.Count))]));

    public string CanonicalGap(ConceptUri occupation)
    {
        var held = HeldSkills(occupation);
        var gap = Gap(occupation, held);
        return Canonical.ToJson(new SkillGapResult(
            occupation.Value,
            [.. held.Select(h => h.Value)],
            [.. gap.MissingEssential.Select(m => m.Skill.Uri.Value)],
            [.. gap.MissingOptional.Select(m => m.Skill.Uri.Value)]));
    }

    public string CanonicalNeighbourhood(ConceptUri skill)
    {
        var related = Neighbourhood(skill);
        return Canonical.ToJson(new SkillNeighbourhoodResult(skill.Value, related.OccupationsRequiring, [.. related.CoRequired.Select(c => new SkillCount(c.Skill.Uri.Value, c.Skill.Label, c.Occupations))]));
    }

    public void Dispose() => _services.Dispose();
}
