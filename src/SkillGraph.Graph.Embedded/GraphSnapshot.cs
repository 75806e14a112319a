using System.Runtime.InteropServices;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// An immutable in-memory read model of the whole graph. A full build numbers nodes in URI order; every relation type
/// has an adjacency in both directions (<see cref="Adjacency"/>), each list in URI order (the paging order): a one-hop
/// walk is two array reads and a slice. A small write derives the next snapshot from this one (<see cref="With"/>):
/// new concepts get the next ids and a place in <see cref="UriOrder"/>, changed lists and labels are kept beside the
/// built arrays, and everything unchanged is shared; <see cref="Compact"/> builds afresh once enough has piled up.
/// </summary>
internal sealed class GraphSnapshot
{
    private const int RelationTypes = 6; // RelationType values 1..5, index 0 unused
    [ThreadStatic]
    private static int[]? t_mark;

    private readonly ConceptIdTable _ids;
    private readonly UriOrder _order;
    private readonly Adjacency _adjacency;
    private readonly Lazy<LabelIndex> _labels;
    private readonly Lazy<ChunkedArray<string>> _searchableText;

    /// <summary>A full build: nodes numbered in URI order, adjacency in compressed rows.</summary>
    public GraphSnapshot(IReadOnlyList<Concept> concepts, IReadOnlyList<(ConceptUri Source, RelationType Type, ConceptUri Target)> relations, ImportSummary? lastImport)
    {
        Concept[] sorted = [.. concepts.OrderBy(c => c.Uri)];
        Concepts = ChunkedArray<Concept>.From(sorted);
        _ids = new ConceptIdTable([.. sorted.Select(c => c.Uri)]);
        _order = UriOrder.Identity(sorted.Length);

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

        _adjacency = Adjacency.Build(sorted.Length, edges);
        LastImport = lastImport;
        var tally = CountTally.From(new GraphCounts());
        for (var id = 0; id < sorted.Length; id++)
        {
            tally.Add(sorted[id], type => Neighbours(id, type, Direction.Outgoing).Length, 1);
        }

        Counts = tally.ToCounts(lastImport);
        var order = _order;
        _labels = new Lazy<LabelIndex>(() => new LabelIndex(sorted, order), LazyThreadSafetyMode.ExecutionAndPublication);
        _searchableText = new Lazy<ChunkedArray<string>>(() => ChunkedArray<string>.From([.. sorted.Select(SearchableText)]), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private GraphSnapshot(
        ChunkedArray<Concept> concepts, ConceptIdTable ids, UriOrder order, Adjacency adjacency, GraphCounts counts, ImportSummary? lastImport, Lazy<LabelIndex> labels, Lazy<ChunkedArray<string>> searchableText)
    {
        Concepts = concepts;
        _ids = ids;
        _order = order;
        _adjacency = adjacency;
        Counts = counts;
        LastImport = lastImport;
        _labels = labels;
        _searchableText = searchableText;
    }

    /// <summary>The concepts by node id (not in URI order once small writes added concepts: see <see cref="IdsInUriOrder"/>).</summary>
    public ChunkedArray<Concept> Concepts { get; }

    /// <summary>Every node id, in URI order.</summary>
    public ReadOnlySpan<int> IdsInUriOrder => _order.Ids;

    public GraphCounts Counts { get; }

    public ImportSummary? LastImport { get; }

    public LabelIndex Labels => _labels.Value;

    /// <summary>How much small writes keep beside the built arrays: node lists changed plus concepts written (or added, before the label index is built).</summary>
    public int Pending => _adjacency.Overridden + (_labels.IsValueCreated ? _labels.Value.DeltaConcepts : _ids.AddedCount);

    /// <summary>Builds the label index now rather than on the first search.</summary>
    public void Warm()
    {
        _ = _labels.Value;
        _ = _searchableText.Value;
    }

    public bool TryGetId(ConceptUri uri, out int id) => _ids.TryGetId(uri, out id);

    public Concept? Find(ConceptUri uri) => _ids.TryGetId(uri, out var id) ? Concepts[id] : null;

    /// <summary>The neighbour ids of <paramref name="id"/>, in URI order.</summary>
    public ReadOnlySpan<int> Neighbours(int id, RelationType type, Direction direction) => _adjacency.Neighbours(id, type, direction);

    /// <summary>
    /// The snapshot after a committed write: <paramref name="written"/> are the concepts inserted or changed (with the
    /// versions the store gave them), <paramref name="removed"/> the relations that existed and were removed, then
    /// <paramref name="added"/> those that did not exist and were added. Only what they touch is copied. The label index
    /// keeps up to <paramref name="youngLabels"/> written labels in its young segment (<see cref="LabelDelta"/>).
    /// </summary>
    public GraphSnapshot With(IReadOnlyList<Concept> written, IReadOnlyList<Relation> removed, IReadOnlyList<Relation> added, ImportSummary? lastImport, int youngLabels)
    {
        var changes = new List<(int Id, Concept Concept)>(written.Count);
        var newIds = new List<(ConceptUri Uri, int Id)>();
        foreach (var concept in written)
        {
            if (_ids.TryGetId(concept.Uri, out var id))
            {
                changes.Add((id, concept));
            }
            else
            {
                newIds.Add((concept.Uri, Concepts.Count + newIds.Count));
                changes.Add((newIds[^1].Id, concept));
            }
        }

        var concepts = changes.Count == 0 ? Concepts : Concepts.With(changes);
        var ids = _ids.With(newIds);
        var order = _order.With([.. newIds.Select(n => n.Id)], concepts);
        (int Source, RelationType Type, int Target) Ends(Relation r) =>
            ids.TryGetId(r.Source, out var s) && ids.TryGetId(r.Target, out var d) ? (s, r.Type, d) : throw new InvalidOperationException($"relation {r.Source} → {r.Target}: an end is not in the snapshot.");
        var removedIds = removed.Select(Ends).ToList();
        var addedIds = added.Select(Ends).ToList();
        var adjacency = _adjacency.With(removedIds, addedIds, order);

        // The counts: every touched node's contribution out as it was, in as it is.
        var touched = new HashSet<int>(changes.Select(c => c.Id));
        touched.UnionWith(removedIds.Select(r => r.Source));
        touched.UnionWith(addedIds.Select(r => r.Source));
        var tally = CountTally.From(Counts);
        foreach (var id in touched)
        {
            if (id < Concepts.Count)
            {
                tally.Add(Concepts[id], type => _adjacency.Neighbours(id, type, Direction.Outgoing).Length, -1);
            }

            tally.Add(concepts[id], type => adjacency.Neighbours(id, type, Direction.Outgoing).Length, 1);
        }

        var labels = _labels.IsValueCreated
            ? new Lazy<LabelIndex>(_labels.Value.With(changes, order, concepts.Count, youngLabels))
            : new Lazy<LabelIndex>(() => new LabelIndex(concepts.ToArray(), order), LazyThreadSafetyMode.ExecutionAndPublication);
        var searchableText = _searchableText.IsValueCreated
            ? new Lazy<ChunkedArray<string>>(_searchableText.Value.With([.. changes.Select(c => (c.Id, SearchableText(c.Concept)))]))
            : new Lazy<ChunkedArray<string>>(() => ChunkedArray<string>.From([.. concepts.ToArray().Select(SearchableText)]), LazyThreadSafetyMode.ExecutionAndPublication);
        return new GraphSnapshot(concepts, ids, order, adjacency, tally.ToCounts(lastImport), lastImport, labels, searchableText);
    }

    /// <summary>The same graph built afresh from this snapshot (no SQL): ids in URI order again, nothing kept beside the built arrays.</summary>
    public GraphSnapshot Compact()
    {
        var relations = new List<(ConceptUri, RelationType, ConceptUri)>(Counts.Essential + Counts.Optional + Counts.SkillBroader + Counts.OccupationBroader + Counts.SkillSkill);
        for (var id = 0; id < Concepts.Count; id++)
        {
            for (var type = RelationType.EssentialSkill; type <= RelationType.OptionalRelatedSkill; type++)
            {
                foreach (var target in Neighbours(id, type, Direction.Outgoing))
                {
                    relations.Add((Concepts[id].Uri, type, Concepts[target].Uri));
                }
            }
        }

        var compacted = new GraphSnapshot(Concepts.ToArray(), relations, LastImport);
        if (_labels.IsValueCreated || _searchableText.IsValueCreated)
        {
            compacted.Warm();
        }

        return compacted;
    }

    /// <summary>
    /// The walk of <see cref="IGraphStore.GetNeighbourhoodAsync"/> over the adjacency arrays. An array by node id, one
    /// per thread, holds the most steps still allowed below each node met (0: not met); only the nodes met are
    /// written, and they are cleared again before the walk returns. Only the nodes met besides the starts are sorted.
    /// </summary>
    public Neighbourhood Walk(IReadOnlyList<WalkStart> starts, RelationType type, Direction direction)
    {
        Neighbourhood.CheckDepths(starts);
        var mark = t_mark is { } kept && kept.Length >= Concepts.Count ? kept : t_mark = new int[Concepts.Count];
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

            _order.Sort(CollectionsMarshal.AsSpan(others));
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

    /// <summary>The answer of <see cref="IGraphStore.GetSkillGapGraphAsync"/> over the adjacency arrays.</summary>
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

    /// <summary>The answer of <see cref="IGraphStore.GetSkillRelationsAsync"/> over the adjacency arrays.</summary>
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

        var ranked = new (int Rank, int Count)[counts.Count];
        var at = 0;
        foreach (var (other, count) in counts)
        {
            ranked[at++] = (_order.Rank(other), count);
        }

        Array.Sort(ranked, static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Rank.CompareTo(b.Rank));
        var top = ranked.AsSpan(0, Math.Clamp(first, 0, ranked.Length));
        var coRequired = new ConceptUri[top.Length];
        var coRequiredBy = new int[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            coRequired[i] = Concepts[_order.Ids[top[i].Rank]].Uri;
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

    /// <summary>The answer of <see cref="IGraphStore.GetSkillListingsAsync"/> over the adjacency arrays.</summary>
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
        _order.Sort(sorted);
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

    private bool HasEdge(int id, RelationType type, ConceptUri target)
    {
        if (!_ids.TryGetId(target, out var t))
        {
            return false;
        }

        var neighbours = Neighbours(id, type, Direction.Outgoing);
        var rank = _order.Rank(t);
        int lo = 0, hi = neighbours.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var midRank = _order.Rank(neighbours[mid]);
            if (midRank == rank)
            {
                return true;
            }

            (lo, hi) = midRank < rank ? (mid + 1, hi) : (lo, mid);
        }

        return false;
    }

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

    private static string SearchableText(Concept c) =>
        string.Join('\n', new[] { c.PreferredLabel }.Concat(c.AltLabels()).Select(l => LabelText.Normalize(l)));
}
