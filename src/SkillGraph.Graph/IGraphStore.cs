using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>
/// The one port to the skill–occupation graph. Every feature reads and writes the graph through it; the
/// embedded adapter (SQLite + in-memory index) and the Neo4j adapter implement it and pass the same
/// conformance suite. Reads see a consistent snapshot; writes are all or nothing.
/// </summary>
public interface IGraphStore : IDisposable
{
    /// <summary>Concepts by URI, in the order asked; <c>null</c> where a URI is unknown.</summary>
    ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the neighbours of <paramref name="uri"/> over one relation type in one direction, ordered by
    /// URI (stable across pages and edits); <see cref="Page{T}.EndCursor"/> continues it.
    /// </summary>
    ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same walk for many concepts at once (what a DataLoader needs): the first page of each, in the
    /// order asked. An unknown URI gets an empty page.
    /// </summary>
    ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// All neighbours (no paging) of each of <paramref name="uris"/> over one relation type and direction, in one
    /// flat list per call; an unknown URI gets an empty list. What graph walks use.
    /// </summary>
    async ValueTask<NeighbourLists> GetAllNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        NeighbourLists.FromPages(await GetNeighboursManyAsync(uris, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false));

    /// <summary>How many neighbours each of <paramref name="uris"/> has over one relation type and direction (0 for an unknown URI).</summary>
    async ValueTask<IReadOnlyList<int>> CountNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        [.. (await GetNeighboursManyAsync(uris, type, direction, new PageRequest(0), cancellationToken).ConfigureAwait(false)).Select(p => p.TotalCount)];

    /// <summary>
    /// A walk of several steps in one read: from each start, over one relation type and direction, every concept fewer
    /// than <see cref="WalkStart.Depth"/> steps away with all its neighbours (what group paths and hierarchies need).
    /// The default reads one level at a time; an adapter that can walk in one request overrides it.
    /// </summary>
    ValueTask<Neighbourhood> GetNeighbourhoodAsync(IReadOnlyList<WalkStart> starts, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        Neighbourhood.WalkAsync(this, starts, type, direction, cancellationToken);

    /// <summary>
    /// The essential and the optional skills of <paramref name="occupation"/>, each list by URI, with how many
    /// occupation–skill relations (essential or optional, of any occupation) end at each skill; empty for an unknown URI.
    /// </summary>
    async ValueTask<OccupationSkills> GetOccupationSkillsAsync(ConceptUri occupation, CancellationToken cancellationToken = default)
    {
        var essential = (await GetNeighboursAsync(occupation, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var optional = (await GetNeighboursAsync(occupation, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        ConceptUri[] skills = [.. essential, .. optional];
        var essentialFor = await CountNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = await CountNeighboursManyAsync(skills, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var listedBy = new int[skills.Length];
        for (var i = 0; i < listedBy.Length; i++)
        {
            listedBy[i] = essentialFor[i] + optionalFor[i];
        }

        return new OccupationSkills(essential, listedBy[..essential.Count], optional, listedBy[essential.Count..]);
    }

    /// <summary>Label search over preferred and alternative labels: case- and diacritic-insensitive, whole words and prefixes, best first.</summary>
    ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Several label searches in one read, answers in the order asked (what resolving a list of phrases needs).</summary>
    async ValueTask<IReadOnlyList<IReadOnlyList<SearchHit>>> SearchManyAsync(IReadOnlyList<SearchQuery> queries, CancellationToken cancellationToken = default)
    {
        var answers = new IReadOnlyList<SearchHit>[queries.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = await SearchAsync(queries[i], cancellationToken).ConfigureAwait(false);
        }

        return answers;
    }

    /// <summary>Concepts of one kind that pass <paramref name="filter"/>, ordered by URI, one page at a time.</summary>
    ValueTask<Page<ConceptUri>> ListConceptsAsync(ConceptFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>How many of each kind of node and edge the graph holds, and what the last import skipped.</summary>
    ValueTask<GraphCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The change log: change sets that pass <paramref name="filter"/>, oldest first, one page at a time (the cursor is a change set id).</summary>
    ValueTask<Page<ChangeSet>> GetChangeSetsAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>One change set by id; <c>null</c> when there is none.</summary>
    ValueTask<ChangeSet?> GetChangeSetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a batch in one transaction. With <see cref="GraphBatch.ReplaceAll"/> the batch becomes the whole
    /// graph (an import). A concept whose content is unchanged keeps its version; a changed one gets the next.
    /// A stale <see cref="ConceptWrite.ExpectedVersion"/> fails the whole batch with <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    ValueTask<WriteResult> WriteAsync(GraphBatch batch, IProgress<WriteProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What related skills need of <paramref name="skill"/> in one read (see <see cref="SkillRelations"/>): the
    /// <paramref name="first"/> skills most often co-required with it and its ESCO skill–skill relations; empty for an
    /// unknown URI. The default is composed from the neighbour reads; an adapter that can walk in one request overrides it.
    /// </summary>
    async ValueTask<SkillRelations> GetSkillRelationsAsync(ConceptUri skill, int first, CancellationToken cancellationToken = default)
    {
        var occupations = (await GetNeighboursAsync(skill, RelationType.EssentialSkill, Direction.Incoming, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var counts = new Dictionary<ConceptUri, int>();
        foreach (var list in await GetAllNeighboursManyAsync(occupations, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false))
        {
            foreach (var other in list)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, other, out _)++;
            }
        }

        counts.Remove(skill);
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(Math.Max(0, first)).ToList();
        async ValueTask<IReadOnlyList<ConceptUri>> All(RelationType type, Direction direction) =>
            (await GetNeighboursAsync(skill, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        return new SkillRelations(
            occupations.Count,
            [.. top.Select(t => t.Key)],
            [.. top.Select(t => t.Value)],
            await All(RelationType.EssentialRelatedSkill, Direction.Outgoing).ConfigureAwait(false),
            await All(RelationType.EssentialRelatedSkill, Direction.Incoming).ConfigureAwait(false),
            await All(RelationType.OptionalRelatedSkill, Direction.Outgoing).ConfigureAwait(false),
            await All(RelationType.OptionalRelatedSkill, Direction.Incoming).ConfigureAwait(false));
    }

    /// <summary>
    /// What occupation suggestions need of <paramref name="skills"/> in one read (see <see cref="SkillListings"/>); an
    /// unknown URI gets empty lists. The default is composed from the neighbour reads and <see cref="CountAsync"/>.
    /// </summary>
    async ValueTask<SkillListings> GetSkillListingsAsync(IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken = default)
    {
        var essentialFor = await GetAllNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = await GetAllNeighboursManyAsync(skills, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var occupationCount = (await CountAsync(cancellationToken).ConfigureAwait(false)).Occupations;
        var occupations = new SortedSet<ConceptUri>();
        foreach (var list in essentialFor.Concat(optionalFor))
        {
            occupations.UnionWith(list);
        }

        ConceptUri[] listed = [.. occupations];
        var essentialCounts = await CountNeighboursManyAsync(listed, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var optionalCounts = await CountNeighboursManyAsync(listed, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        return new SkillListings(occupationCount, essentialFor, optionalFor, listed, essentialCounts, optionalCounts);
    }

    /// <summary>
    /// What related occupations need of <paramref name="occupation"/> in one read (see <see cref="OccupationPeers"/>);
    /// empty for an unknown URI. The default is composed from the neighbour reads; an adapter that can walk in one request overrides it.
    /// </summary>
    ValueTask<OccupationPeers> GetOccupationPeersAsync(ConceptUri occupation, bool withOptional, CancellationToken cancellationToken = default) =>
        ComposedReads.OccupationPeersAsync(this, occupation, withOptional, cancellationToken);

    /// <summary>
    /// What career moves need in one read (see <see cref="CareerCandidates"/>): from the occupation <paramref name="from"/>
    /// (if any) and the <paramref name="held"/> skills. The default is composed from the neighbour reads.
    /// </summary>
    ValueTask<CareerCandidates> GetCareerCandidatesAsync(ConceptUri? from, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken = default) =>
        ComposedReads.CareerCandidatesAsync(this, from, held, cancellationToken);

    /// <summary>
    /// What a skill gap needs in one read (see <see cref="SkillGapGraph"/>): the occupation, its skills and the broader
    /// relations around the <paramref name="held"/> skills. The default is composed from the concept and neighbour reads.
    /// </summary>
    ValueTask<SkillGapGraph> GetSkillGapGraphAsync(ConceptUri occupation, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken = default) =>
        ComposedReads.SkillGapGraphAsync(this, occupation, held, cancellationToken);

    /// <summary>
    /// One hop over the skill–skill relations from <paramref name="skills"/> in one read (see <see cref="SkillLinks"/>).
    /// The default is composed from the neighbour reads and counts.
    /// </summary>
    ValueTask<SkillLinks> GetSkillLinksAsync(IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken = default) =>
        ComposedReads.SkillLinksAsync(this, skills, cancellationToken);
}
