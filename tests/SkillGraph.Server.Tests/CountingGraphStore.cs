using System.Collections.Concurrent;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Server.Tests;

/// <summary>Counts every call to the store, by method, so tests can prove that DataLoaders batch.</summary>
public sealed class CountingGraphStore(IGraphStore inner) : IGraphStore
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int Total => _calls.Values.Sum();

    public IReadOnlyDictionary<string, int> ByMethod => new Dictionary<string, int>(_calls);

    public void Reset() => _calls.Clear();

    public ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default) =>
        Count(nameof(GetConceptsAsync), () => inner.GetConceptsAsync(uris, cancellationToken));

    public ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default) =>
        Count(nameof(GetNeighboursAsync), () => inner.GetNeighboursAsync(uri, type, direction, page, cancellationToken));

    public ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default) =>
        Count(nameof(GetNeighboursManyAsync), () => inner.GetNeighboursManyAsync(uris, type, direction, page, cancellationToken));

    public ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        Count(nameof(SearchAsync), () => inner.SearchAsync(query, cancellationToken));

    public ValueTask<Page<ConceptUri>> ListConceptsAsync(ConceptFilter filter, PageRequest page, CancellationToken cancellationToken = default) =>
        Count(nameof(ListConceptsAsync), () => inner.ListConceptsAsync(filter, page, cancellationToken));

    public ValueTask<Page<ChangeSet>> GetChangeSetsAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default) => inner.GetChangeSetsAsync(filter, page, cancellationToken);

    public ValueTask<ChangeSet?> GetChangeSetAsync(string id, CancellationToken cancellationToken = default) => inner.GetChangeSetAsync(id, cancellationToken);

    public ValueTask<GraphCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Count(nameof(CountAsync), () => inner.CountAsync(cancellationToken));

    public ValueTask<WriteResult> WriteAsync(GraphBatch batch, IProgress<WriteProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Count(nameof(WriteAsync), () => inner.WriteAsync(batch, progress, cancellationToken));

    public void Dispose()
    {
        // The inner store belongs to the server's container.
    }

    private T Count<T>(string method, Func<T> call)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        return call();
    }
}
