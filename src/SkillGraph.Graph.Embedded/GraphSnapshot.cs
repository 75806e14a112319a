using System.Runtime.InteropServices;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// An immutable in-memory read model of the whole graph. Node ids are positions in URI order, so that
/// adjacency lists sorted by id are sorted by URI (the paging order). Every relation type has a compressed
/// sparse row adjacency in both directions: a one-hop walk is two array reads and a slice.
/// </summary>
internal sealed class GraphSnapshot
{
    private const int RelationTypes = 6; // RelationType values 1..5, index 0 unused
    private readonly int[][] _outOffsets = new int[RelationTypes][];
    private readonly int[][] _outTargets = new int[RelationTypes][];
    private readonly int[][] _inOffsets = new int[RelationTypes][];
    private readonly int[][] _inTargets = new int[RelationTypes][];
    [ThreadStatic]
    private static int[]? t_mark;

    private readonly ConceptIdTable _ids;
    private readonly Lazy<LabelIndex> _labels;
    private readonly Lazy<string[]> _searchableText;

    public GraphSnapshot(IReadOnlyList<Concept> concepts, IReadOnlyList<(ConceptUri Source, RelationType Type, ConceptUri Target)> relations, ImportSummary? lastImport)
    {
        Concepts = [.. concepts.OrderBy(c => c.Uri)];
        _ids = new ConceptIdTable([.. Concepts.Select(c => c.Uri)]);

        var n = Concepts.Length;
        var edges = new List<(int Source, int Target)>[RelationTypes];
        for (var t = 1; t < RelationTypes; t++)
        {
            edges[t] = [];
        }

        foreach (var (source, type, target) in relations)
        {
            if (_ids.TryGetId(source, out var s) && _ids.TryGetId(target, out var d))
            {
                edges[(int)type].Add((s, d));
            }
        }

        for (var t = 1; t < RelationTypes; t++)
        {
            (_outOffsets[t], _outTargets[t]) = BuildCsr(n, edges[t], reverse: false);
            (_inOffsets[t], _inTargets[t]) = BuildCsr(n, edges[t], reverse: true);
        }

        LastImport = lastImport;
        Counts = ComputeCounts();
        _labels = new Lazy<LabelIndex>(() => new LabelIndex(Concepts), LazyThreadSafetyMode.ExecutionAndPublication);
        _searchableText = new Lazy<string[]>(
            () => [.. Concepts.Select(c => string.Join('\n', new[] { c.PreferredLabel }.Concat(c.AltLabels()).Select(l => LabelText.Normalize(l))))],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Concept[] Concepts { get; }

    public GraphCounts Counts { get; }

    public ImportSummary? LastImport { get; }

    public LabelIndex Labels => _labels.Value;

    /// <summary>Builds the label index now rather than on the first search.</summary>
    public void Warm()
    {
        _ = _labels.Value;
        _ = _searchableText.Value;
    }

    public bool TryGetId(ConceptUri uri, out int id) => _ids.TryGetId(uri, out id);

    public Concept? Find(ConceptUri uri) => _ids.TryGetId(uri, out var id) ? Concepts[id] : null;

    /// <summary>The neighbour ids of <paramref name="id"/>, sorted by URI.</summary>
    public ReadOnlySpan<int> Neighbours(int id, RelationType type, Direction direction)
    {
        var t = (int)type;
        var (offsets, targets) = direction == Direction.Outgoing ? (_outOffsets[t], _outTargets[t]) : (_inOffsets[t], _inTargets[t]);
        return targets.AsSpan(offsets[id], offsets[id + 1] - offsets[id]);
    }

    /// <summary>
    /// The walk of <see cref="IGraphStore.GetNeighbourhoodAsync"/> over the adjacency arrays. An array by node id, one
    /// per thread, holds the most steps still allowed below each node met (0: not met); only the nodes met are
    /// written, and they are cleared again before the walk returns. Only the nodes met besides the starts are sorted.
    /// </summary>
    public Neighbourhood Walk(IReadOnlyList<WalkStart> starts, RelationType type, Direction direction)
    {
        Neighbourhood.CheckDepths(starts);
        var mark = t_mark is { } kept && kept.Length >= Concepts.Length ? kept : t_mark = new int[Concepts.Length];
        var startIds = new int[starts.Count];
        var others = new List<int>();
        var pending = new Stack<int>();
        try
        {
            for (var s = 0; s < startIds.Length; s++)
            {
                startIds[s] = _ids.TryGetId(starts[s].Uri, out var id) ? id : -1;
                if (id >= 0 && mark[id] < starts[s].Depth)
                {
                    mark[id] = starts[s].Depth;
                    pending.Push(id);
                }
            }

            while (pending.TryPop(out var id))
            {
                var below = mark[id] - 1;
                if (below > 0)
                {
                    foreach (var next in Neighbours(id, type, direction))
                    {
                        if (mark[next] < below)
                        {
                            if (mark[next] == 0)
                            {
                                others.Add(next); // every start is marked before the walk: a node first met now is no start
                            }

                            mark[next] = below;
                            pending.Push(next);
                        }
                    }
                }
            }

            others.Sort(); // ids are positions in URI order
            var count = startIds.Length + others.Count;
            var concepts = new ConceptUri[count];
            var offsets = new int[count + 1];
            for (var k = 0; k < count; k++)
            {
                var id = k < startIds.Length ? startIds[k] : others[k - startIds.Length];
                concepts[k] = k < startIds.Length ? starts[k].Uri : Concepts[id].Uri;
                offsets[k + 1] = offsets[k] + (id < 0 ? 0 : Neighbours(id, type, direction).Length);
            }

            var targets = new ConceptUri[offsets[^1]];
            for (var k = 0; k < count; k++)
            {
                var id = k < startIds.Length ? startIds[k] : others[k - startIds.Length];
                if (id >= 0)
                {
                    var at = offsets[k];
                    foreach (var target in Neighbours(id, type, direction))
                    {
                        targets[at++] = Concepts[target].Uri;
                    }
                }
            }

            return new Neighbourhood(concepts, new NeighbourLists(targets, offsets), startIds.Length);
        }
        finally
        {
            foreach (var id in startIds)
            {
                if (id >= 0)
                {
                    mark[id] = 0;
                }
            }

            foreach (var id in others)
            {
                mark[id] = 0;
            }
        }
    }

    /// <summary>The answer of <see cref="IGraphStore.GetOccupationSkillsAsync"/> over the adjacency arrays.</summary>
    public OccupationSkills OccupationSkills(ConceptUri occupation)
    {
        if (!_ids.TryGetId(occupation, out var id))
        {
            return Graph.OccupationSkills.None;
        }

        (ConceptUri[] Skills, int[] ListedBy) Listed(RelationType type)
        {
            var ids = Neighbours(id, type, Direction.Outgoing);
            var skills = new ConceptUri[ids.Length];
            var listedBy = new int[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                skills[i] = Concepts[ids[i]].Uri;
                listedBy[i] = Neighbours(ids[i], RelationType.EssentialSkill, Direction.Incoming).Length + Neighbours(ids[i], RelationType.OptionalSkill, Direction.Incoming).Length;
            }

            return (skills, listedBy);
        }

        var essential = Listed(RelationType.EssentialSkill);
        var optional = Listed(RelationType.OptionalSkill);
        return new OccupationSkills(essential.Skills, essential.ListedBy, optional.Skills, optional.ListedBy);
    }

    /// <summary>The answer of <see cref="IGraphStore.GetSkillGapGraphAsync"/> over the adjacency arrays (ids are in URI order).</summary>
    public SkillGapGraph SkillGapGraph(ConceptUri occupation, IReadOnlyList<ConceptUri> held)
    {
        var heldConcepts = new Concept?[held.Count];
        for (var i = 0; i < heldConcepts.Length; i++)
        {
            heldConcepts[i] = Find(held[i]);
        }

        (Concept[] Skills, int[] Reach) Listed(int id, RelationType type)
        {
            var ids = Neighbours(id, type, Direction.Outgoing);
            var skills = new Concept[ids.Length];
            var reach = new int[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                skills[i] = Concepts[ids[i]];
                reach[i] = Neighbours(ids[i], RelationType.EssentialSkill, Direction.Incoming).Length;
            }

            return (skills, reach);
        }

        ConceptUri[] Uris(ReadOnlySpan<int> ids)
        {
            var uris = new ConceptUri[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                uris[i] = Concepts[ids[i]].Uri;
            }

            return uris;
        }

        var found = _ids.TryGetId(occupation, out var occupationId);
        var (essential, essentialReach) = found ? Listed(occupationId, RelationType.EssentialSkill) : ([], []);
        var (optional, optionalReach) = found ? Listed(occupationId, RelationType.OptionalSkill) : ([], []);
        var broader = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>(held.Count * 2);
        var narrower = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>(held.Count);
        foreach (var concept in heldConcepts)
        {
            if (concept is { Kind: ConceptKind.Skill } && _ids.TryGetId(concept.Uri, out var id) && !narrower.ContainsKey(concept.Uri))
            {
                broader[concept.Uri] = Uris(Neighbours(id, RelationType.Broader, Direction.Outgoing));
                narrower[concept.Uri] = Uris(Neighbours(id, RelationType.Broader, Direction.Incoming));
            }
        }

        foreach (var concept in heldConcepts)
        {
            if (concept is { Kind: ConceptKind.Skill } && _ids.TryGetId(concept.Uri, out var id))
            {
                foreach (var step in Neighbours(id, RelationType.Broader, Direction.Outgoing))
                {
                    if (Concepts[step].Kind == ConceptKind.Skill && !broader.ContainsKey(Concepts[step].Uri))
                    {
                        broader[Concepts[step].Uri] = Uris(Neighbours(step, RelationType.Broader, Direction.Outgoing));
                    }
                }
            }
        }

        return new SkillGapGraph(found ? Concepts[occupationId] : null, heldConcepts, essential, essentialReach, optional, optionalReach, broader, narrower, Counts.Occupations);
    }

    /// <summary>The answer of <see cref="IGraphStore.GetSkillRelationsAsync"/> over the adjacency arrays (ids are in URI order).</summary>
    public SkillRelations SkillRelations(ConceptUri skill, int first)
    {
        if (!_ids.TryGetId(skill, out var id))
        {
            return Graph.SkillRelations.None;
        }

        var occupations = Neighbours(id, RelationType.EssentialSkill, Direction.Incoming);
        var counts = new Dictionary<int, int>();
        foreach (var occupation in occupations)
        {
            foreach (var other in Neighbours(occupation, RelationType.EssentialSkill, Direction.Outgoing))
            {
                if (other != id)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, other, out _)++;
                }
            }
        }

        var ranked = new (int Id, int Count)[counts.Count];
        var at = 0;
        foreach (var (other, count) in counts)
        {
            ranked[at++] = (other, count);
        }

        Array.Sort(ranked, static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Id.CompareTo(b.Id));
        var top = ranked.AsSpan(0, Math.Clamp(first, 0, ranked.Length));
        var coRequired = new ConceptUri[top.Length];
        var coRequiredBy = new int[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            coRequired[i] = Concepts[top[i].Id].Uri;
            coRequiredBy[i] = top[i].Count;
        }

        ConceptUri[] Uris(RelationType type, Direction direction)
        {
            var ids = Neighbours(id, type, direction);
            var uris = new ConceptUri[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                uris[i] = Concepts[ids[i]].Uri;
            }

            return uris;
        }

        return new SkillRelations(
            occupations.Length,
            coRequired,
            coRequiredBy,
            Uris(RelationType.EssentialRelatedSkill, Direction.Outgoing),
            Uris(RelationType.EssentialRelatedSkill, Direction.Incoming),
            Uris(RelationType.OptionalRelatedSkill, Direction.Outgoing),
            Uris(RelationType.OptionalRelatedSkill, Direction.Incoming));
    }

    /// <summary>The answer of <see cref="IGraphStore.GetSkillListingsAsync"/> over the adjacency arrays (ids are in URI order).</summary>
    public SkillListings SkillListings(IReadOnlyList<ConceptUri> skills)
    {
        var ids = new int[skills.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _ids.TryGetId(skills[i], out var id) ? id : -1;
        }

        var listers = new HashSet<int>();
        NeighbourLists Lists(RelationType type)
        {
            var offsets = new int[ids.Length + 1];
            for (var i = 0; i < ids.Length; i++)
            {
                offsets[i + 1] = offsets[i] + (ids[i] < 0 ? 0 : Neighbours(ids[i], type, Direction.Incoming).Length);
            }

            var targets = new ConceptUri[offsets[^1]];
            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] >= 0)
                {
                    var at = offsets[i];
                    foreach (var occupation in Neighbours(ids[i], type, Direction.Incoming))
                    {
                        listers.Add(occupation);
                        targets[at++] = Concepts[occupation].Uri;
                    }
                }
            }

            return new NeighbourLists(targets, offsets);
        }

        var essentialFor = Lists(RelationType.EssentialSkill);
        var optionalFor = Lists(RelationType.OptionalSkill);
        var sorted = new int[listers.Count];
        listers.CopyTo(sorted);
        Array.Sort(sorted);
        var occupations = new ConceptUri[sorted.Length];
        var essentialCounts = new int[sorted.Length];
        var optionalCounts = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            occupations[i] = Concepts[sorted[i]].Uri;
            essentialCounts[i] = Neighbours(sorted[i], RelationType.EssentialSkill, Direction.Outgoing).Length;
            optionalCounts[i] = Neighbours(sorted[i], RelationType.OptionalSkill, Direction.Outgoing).Length;
        }

        return new SkillListings(Counts.Occupations, essentialFor, optionalFor, occupations, essentialCounts, optionalCounts);
    }

    public Page<ConceptUri> NeighbourPage(int id, RelationType type, Direction direction, PageRequest page) =>
        Slice(Neighbours(id, type, direction), page);

    /// <summary>A page over ids sorted by URI, starting after the cursor's URI.</summary>
    public Page<ConceptUri> Slice(ReadOnlySpan<int> sortedIds, PageRequest page)
    {
        if (sortedIds.IsEmpty && page.After is null)
        {
            return Page<ConceptUri>.Empty;
        }

        var start = 0;
        if (page.After is { } after)
        {
            var key = Cursor.Decode(after);
            start = LowerBoundAfter(sortedIds, key);
        }

        var count = Math.Max(0, Math.Min(page.First, sortedIds.Length - start));
        var items = count == 0 ? [] : new ConceptUri[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = Concepts[sortedIds[start + i]].Uri;
        }

        var hasNext = start + count < sortedIds.Length;
        return Page<ConceptUri>.WithEndKey(items, sortedIds.Length, count > 0 ? items[^1].Value : null, page.After, hasNext);
    }

    /// <summary>Whether concept <paramref name="id"/> passes <paramref name="filter"/>; <paramref name="normalizedContains"/> is <see cref="ConceptFilter.LabelContains"/> already passed through <see cref="LabelText.Normalize"/>.</summary>
    public bool Matches(int id, ConceptFilter filter, string? normalizedContains)
    {
        var c = Concepts[id];
        if (c.Kind != filter.Kind
            || (filter.SkillType is { } st && c.SkillType != st)
            || (filter.ReuseLevel is { } rl && c.ReuseLevel != rl)
            || (filter.InCollection != EscoCollections.None && (c.Collections & filter.InCollection) != filter.InCollection)
            || (filter.IscoGroupPrefix is { } prefix && (c.Code is null || !c.Code.StartsWith(prefix, StringComparison.Ordinal))))
        {
            return false;
        }

        if (filter.HasEssentialSkill is { } essential && !HasEdge(id, RelationType.EssentialSkill, essential))
        {
            return false;
        }

        if (filter.HasSkill is { } any && !HasEdge(id, RelationType.EssentialSkill, any) && !HasEdge(id, RelationType.OptionalSkill, any))
        {
            return false;
        }

        return normalizedContains is null
            || _searchableText.Value[id].Contains(normalizedContains, StringComparison.Ordinal);
    }

    private bool HasEdge(int id, RelationType type, ConceptUri target) =>
        _ids.TryGetId(target, out var t) && Neighbours(id, type, Direction.Outgoing).BinarySearch(t) >= 0;

    private int LowerBoundAfter(ReadOnlySpan<int> sortedIds, string key)
    {
        int lo = 0, hi = sortedIds.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(Concepts[sortedIds[mid]].Uri.Value, key) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static (int[] Offsets, int[] Targets) BuildCsr(int n, List<(int Source, int Target)> edges, bool reverse)
    {
        var offsets = new int[n + 1];
        foreach (var (s, d) in edges)
        {
            offsets[(reverse ? d : s) + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var targets = new int[edges.Count];
        var fill = offsets.AsSpan(0, n).ToArray();
        foreach (var (s, d) in edges)
        {
            var from = reverse ? d : s;
            targets[fill[from]++] = reverse ? s : d;
        }

        for (var i = 0; i < n; i++)
        {
            Array.Sort(targets, offsets[i], offsets[i + 1] - offsets[i]);
        }

        return (offsets, targets);
    }

    private GraphCounts ComputeCounts()
    {
        int Count(ConceptKind kind) => Concepts.Count(c => c.Kind == kind);
        int Edges(RelationType type) => _outTargets[(int)type].Length;
        var skillPillarBroader = 0;
        var occupationPillarBroader = 0;
        for (var id = 0; id < Concepts.Length; id++)
        {
            var degree = Neighbours(id, RelationType.Broader, Direction.Outgoing).Length;
            if (Concepts[id].Kind is ConceptKind.Skill or ConceptKind.SkillGroup)
            {
                skillPillarBroader += degree;
            }
            else
            {
                occupationPillarBroader += degree;
            }
        }

        var collections = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var flag in Enum.GetValues<EscoCollections>().Where(f => f != EscoCollections.None))
        {
            collections[char.ToLowerInvariant(flag.ToString()[0]) + flag.ToString()[1..]] = Concepts.Count(c => (c.Collections & flag) != 0);
        }

        return new GraphCounts
        {
            Occupations = Count(ConceptKind.Occupation),
            Skills = Count(ConceptKind.Skill),
            SkillGroups = Count(ConceptKind.SkillGroup),
            IscoGroups = Count(ConceptKind.IscoGroup),
            Essential = Edges(RelationType.EssentialSkill),
            Optional = Edges(RelationType.OptionalSkill),
            SkillBroader = skillPillarBroader,
            OccupationBroader = occupationPillarBroader,
            SkillSkill = Edges(RelationType.EssentialRelatedSkill) + Edges(RelationType.OptionalRelatedSkill),
            Labels = Concepts.Sum(c => 1 + c.Labels.Count),
            Collections = collections,
            LastImport = LastImport,
        };
    }
}
