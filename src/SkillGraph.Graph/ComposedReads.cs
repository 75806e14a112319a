using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>
/// The port's walk reads composed from its neighbour reads (what <see cref="IGraphStore"/>'s default methods call): an
/// adapter that answers each in one request overrides them, and passes the same tests as these.
/// </summary>
public static class ComposedReads
{
    private static readonly NeighbourLists NoLists = new([], [0]);

    public static async ValueTask<OccupationPeers> OccupationPeersAsync(IGraphStore store, ConceptUri occupation, bool withOptional, CancellationToken cancellationToken)
    {
        var essential = (await store.GetNeighboursAsync(occupation, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var optional = withOptional
            ? (await store.GetNeighboursAsync(occupation, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items
            : [];
        ConceptUri[] skills = [.. essential, .. optional];
        var essentialFor = await store.GetAllNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = withOptional
            ? await store.GetAllNeighboursManyAsync(skills, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false)
            : new NeighbourLists([], new int[skills.Length + 1]);
        return new OccupationPeers(essential, optional, essentialFor, optionalFor);
    }

    public static async ValueTask<CareerCandidates> CareerCandidatesAsync(IGraphStore store, ConceptUri? from, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken)
    {
        var fromSkills = new SortedSet<ConceptUri>();
        if (from is not null)
        {
            fromSkills.UnionWith((await store.GetNeighboursAsync(from, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items);
            fromSkills.UnionWith((await store.GetNeighboursAsync(from, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items);
        }

        var allHeld = new HashSet<ConceptUri>(fromSkills);
        allHeld.UnionWith(held);
        var candidates = new SortedSet<ConceptUri>();
        foreach (var list in await store.GetAllNeighboursManyAsync([.. allHeld], RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false))
        {
            candidates.UnionWith(list);
        }

        if (from is not null)
        {
            candidates.Remove(from);
        }

        ConceptUri[] candidateList = [.. candidates];
        var essential = candidateList.Length == 0
            ? NoLists
            : await store.GetAllNeighboursManyAsync(candidateList, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        return new CareerCandidates([.. fromSkills], candidateList, essential);
    }

    public static async ValueTask<SkillGapGraph> SkillGapGraphAsync(IGraphStore store, ConceptUri occupation, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken)
    {
        var asked = await store.GetConceptsAsync([occupation, .. held], cancellationToken).ConfigureAwait(false);
        var essential = (await store.GetNeighboursAsync(occupation, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var optional = (await store.GetNeighboursAsync(occupation, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        ConceptUri[] skills = [.. essential, .. optional];
        var reach = await store.CountNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var concepts = await store.GetConceptsAsync(skills, cancellationToken).ConfigureAwait(false);

        // Around the held skills: one and two steps broader (the second only through skills), one step narrower.
        var heldSkills = new List<ConceptUri>(held.Count);
        var seen = new HashSet<ConceptUri>();
        for (var i = 0; i < held.Count; i++)
        {
            if (asked[i + 1] is { Kind: ConceptKind.Skill } && seen.Add(held[i]))
            {
                heldSkills.Add(held[i]);
            }
        }

        var broader = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>();
        var narrower = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>();
        if (heldSkills.Count > 0)
        {
            var up = await store.GetAllNeighboursManyAsync(heldSkills, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
            var down = await store.GetAllNeighboursManyAsync(heldSkills, RelationType.Broader, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            var next = new SortedSet<ConceptUri>();
            for (var i = 0; i < heldSkills.Count; i++)
            {
                broader[heldSkills[i]] = up[i].ToArray();
                narrower[heldSkills[i]] = down[i].ToArray();
                next.UnionWith(up[i]);
            }

            next.ExceptWith(broader.Keys);
            ConceptUri[] nextList = [.. next];
            var kinds = await store.GetConceptsAsync(nextList, cancellationToken).ConfigureAwait(false);
            ConceptUri[] nextSkills = [.. nextList.Where((_, i) => kinds[i]?.Kind == ConceptKind.Skill)];
            var upAgain = await store.GetAllNeighboursManyAsync(nextSkills, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < nextSkills.Length; i++)
            {
                broader[nextSkills[i]] = upAgain[i].ToArray();
            }
        }

        return new SkillGapGraph(
            asked[0],
            [.. asked.Skip(1)],
            [.. concepts.Take(essential.Count).Select(c => c!)],
            [.. reach.Take(essential.Count)],
            [.. concepts.Skip(essential.Count).Select(c => c!)],
            [.. reach.Skip(essential.Count)],
            broader,
            narrower,
            (await store.CountAsync(cancellationToken).ConfigureAwait(false)).Occupations);
    }

    public static async ValueTask<SkillLinks> SkillLinksAsync(IGraphStore store, IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken)
    {
        var lists = new NeighbourLists[4];
        var i = 0;
        foreach (var type in (RelationType[])[RelationType.EssentialRelatedSkill, RelationType.OptionalRelatedSkill])
        {
            foreach (var direction in (Direction[])[Direction.Outgoing, Direction.Incoming])
            {
                lists[i++] = await store.GetAllNeighboursManyAsync(skills, type, direction, cancellationToken).ConfigureAwait(false);
            }
        }

        var targets = new HashSet<ConceptUri>();
        foreach (var list in lists)
        {
            foreach (var neighbours in list)
            {
                targets.UnionWith(neighbours);
            }
        }

        ConceptUri[] linked = [.. targets];
        var essentialFor = await store.CountNeighboursManyAsync(linked, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = await store.CountNeighboursManyAsync(linked, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var listedBy = new Dictionary<ConceptUri, int>(linked.Length);
        for (var j = 0; j < linked.Length; j++)
        {
            listedBy[linked[j]] = essentialFor[j] + optionalFor[j];
        }

        return new SkillLinks(lists[0], lists[1], lists[2], lists[3], listedBy);
    }
}
