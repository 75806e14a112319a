using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// The graph as a draft will leave it: the store's graph with the draft's pending writes on top (concepts written,
/// relations added and removed), so that each command of a batch checks the graph its earlier commands made. A concept
/// written in the draft reads at the version it was read at (a new one at 1), so every command of a batch names the
/// version before the batch. Search answers what the rules ask of it: a pending concept is found by a label equal to the
/// query (after normalising), and the store's hits for a pending concept are dropped. Listing, counts and the change log
/// are the store's; the draft graph is never written (the writer writes the draft).
/// </summary>
internal sealed class DraftGraph(IGraphStore store, CurationDraft draft) : IGraphStore
{
    public async ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        if (draft.Writes.Count == 0)
        {
            return stored;
        }

        return [.. uris.Select((uri, i) => draft.Pending(uri) is { } write ? write.Concept with { Version = write.ExpectedVersion is null or 0 ? 1 : write.ExpectedVersion.Value } : stored[i])];
    }

    public async ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (!Touches(uri, type, direction))
        {
            return await store.GetNeighboursAsync(uri, type, direction, page, cancellationToken).ConfigureAwait(false);
        }

        var all = await store.GetNeighboursAsync(uri, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false);
        return Paged(Merge(uri, type, direction, all.Items), page);
    }

    public async ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (!uris.Any(u => Touches(u, type, direction)))
        {
            return await store.GetNeighboursManyAsync(uris, type, direction, page, cancellationToken).ConfigureAwait(false);
        }

        var all = await store.GetNeighboursManyAsync(uris, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false);
        return [.. uris.Select((u, i) => Paged(Merge(u, type, direction, all[i].Items), page))];
    }

    public async ValueTask<NeighbourLists> GetAllNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        uris.Any(u => Touches(u, type, direction))
            ? NeighbourLists.FromPages(await GetNeighboursManyAsync(uris, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false))
            : await store.GetAllNeighboursManyAsync(uris, type, direction, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var hits = await store.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        if (draft.Writes.Count == 0)
        {
            return hits;
        }

        var text = LabelText.Normalize(query.Text);
        var pending = draft.Writes.Select(w => w.Concept).Where(c => query.Kind is null || c.Kind == query.Kind).ToList();
        var found = pending.SelectMany(c => new[] { (c, Label: c.PreferredLabel, Kind: LabelKind.Preferred) }.Concat(c.AltLabels().Select(l => (c, Label: l, Kind: LabelKind.Alternative))))
            .Where(h => LabelText.Normalize(h.Label) == text)
            .Select(h => new SearchHit(h.c.Uri, h.c.Kind, h.c.PreferredLabel, h.Label, h.Kind, 1.0));
        return [.. found, .. hits.Where(h => draft.Pending(h.Uri) is null)];
    }

    public ValueTask<Page<ConceptUri>> ListConceptsAsync(ConceptFilter filter, PageRequest page, CancellationToken cancellationToken = default) =>
        store.ListConceptsAsync(filter, page, cancellationToken);

    public ValueTask<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => store.CountAsync(cancellationToken);

    public ValueTask<Page<ChangeSet>> GetChangeSetsAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default) =>
        store.GetChangeSetsAsync(filter, page, cancellationToken);

    public ValueTask<ChangeSet?> GetChangeSetAsync(string id, CancellationToken cancellationToken = default) => store.GetChangeSetAsync(id, cancellationToken);

    public ValueTask<WriteResult> WriteAsync(GraphBatch batch, IProgress<WriteProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("a draft's graph is read-only: the curation writer writes the draft.");

    public void Dispose()
    {
    }

    private bool Touches(ConceptUri uri, RelationType type, Direction direction) =>
        draft.Added.Concat(draft.Removed).Any(r => r.Type == type && (direction == Direction.Outgoing ? r.Source : r.Target) == uri);

    private List<ConceptUri> Merge(ConceptUri uri, RelationType type, Direction direction, IReadOnlyList<ConceptUri> stored)
    {
        ConceptUri? Other(Relation r) => r.Type != type ? null
            : direction == Direction.Outgoing ? (r.Source == uri ? r.Target : null)
            : (r.Target == uri ? r.Source : null);
        var set = new SortedSet<ConceptUri>(stored);
        set.ExceptWith(draft.Removed.Select(Other).OfType<ConceptUri>());
        set.UnionWith(draft.Added.Select(Other).OfType<ConceptUri>());
        return [.. set];
    }

    private static Page<ConceptUri> Paged(List<ConceptUri> all, PageRequest page)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var rest = after is null ? all : [.. all.Where(u => string.CompareOrdinal(u.Value, after) > 0)];
        var items = rest.Take(Math.Max(0, page.First)).ToList();
        return Page<ConceptUri>.WithEndKey(items, all.Count, items.Count > 0 ? items[^1].Value : null, page.After, rest.Count > items.Count);
    }
}
