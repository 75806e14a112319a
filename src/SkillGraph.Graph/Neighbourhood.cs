using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>Where a walk of <see cref="IGraphStore.GetNeighbourhoodAsync"/> starts and how far it goes: the neighbours of every concept fewer than <paramref name="Depth"/> steps away are fetched (1 to <see cref="Neighbourhood.MaxDepth"/>).</summary>
public readonly record struct WalkStart(ConceptUri Uri, int Depth);

/// <summary>
/// What a multi-step walk reads, in one answer: every concept reached (the starts included), in URI order, each with
/// all its neighbours over the relation walked (sorted by URI, flat as in <see cref="NeighbourLists"/>), and where each
/// start is among them. A start the graph does not hold is there with no neighbours.
/// </summary>
public sealed class Neighbourhood
{
    /// <summary>The deepest walk a store must answer in one request (the Neo4j statement's fixed upper bound).</summary>
    public const int MaxDepth = 8;

    private readonly ConceptUri[] _concepts;
    private readonly int[] _starts;

    /// <param name="concepts">Every concept reached, distinct, in URI order.</param>
    /// <param name="neighbours">The neighbours of each of <paramref name="concepts"/>.</param>
    /// <param name="starts">The index in <paramref name="concepts"/> of each start, in the order asked.</param>
    public Neighbourhood(ConceptUri[] concepts, NeighbourLists neighbours, int[] starts)
    {
        if (neighbours.Count != concepts.Length)
        {
            throw new ArgumentException("one neighbour list per concept", nameof(neighbours));
        }

        _concepts = concepts;
        _starts = starts;
        Neighbours = neighbours;
    }

    /// <summary>Every concept reached, in URI order.</summary>
    public IReadOnlyList<ConceptUri> Concepts => _concepts;

    /// <summary>The neighbours of <see cref="Concepts"/>[i], sorted by URI.</summary>
    public NeighbourLists Neighbours { get; }

    /// <summary>The neighbours of the <paramref name="start"/>-th start asked.</summary>
    public ArraySegment<ConceptUri> OfStart(int start) => Neighbours[_starts[start]];

    /// <summary>The neighbours of <paramref name="uri"/>; empty when the walk did not reach it.</summary>
    public ArraySegment<ConceptUri> Of(ConceptUri uri)
    {
        var index = Array.BinarySearch(_concepts, uri);
        return index >= 0 ? Neighbours[index] : ArraySegment<ConceptUri>.Empty;
    }

    /// <summary>
    /// The chain from <paramref name="uri"/> (not included) through the first neighbour, by URI, at each step, nearest
    /// first, cut to <paramref name="maxDepth"/>; a concept already in the chain ends it (a cycle).
    /// </summary>
    public List<ConceptUri> FirstNeighbourPath(ConceptUri uri, int maxDepth)
    {
        var path = new List<ConceptUri>(Math.Min(maxDepth, 8));
        var current = uri;
        while (path.Count < maxDepth)
        {
            var next = Of(current);
            if (next.Count == 0 || next[0] == uri || path.Contains(next[0]))
            {
                break;
            }

            current = next[0];
            path.Add(current);
        }

        return path;
    }

    /// <summary>
    /// The walk level by level over <see cref="IGraphStore.GetAllNeighboursManyAsync"/>: one request per level (what a
    /// store without a walk of its own does).
    /// </summary>
    public static async ValueTask<Neighbourhood> WalkAsync(IGraphStore store, IReadOnlyList<WalkStart> starts, RelationType type, Direction direction, CancellationToken cancellationToken)
    {
        CheckDepths(starts);
        var lists = new Dictionary<ConceptUri, ArraySegment<ConceptUri>>();
        var budget = new Dictionary<ConceptUri, int>(); // the most steps still allowed below each concept met
        var frontier = new List<ConceptUri>();
        foreach (var start in starts)
        {
            if (budget.TryGetValue(start.Uri, out var known) && known >= start.Depth)
            {
                continue;
            }

            budget[start.Uri] = start.Depth;
            frontier.Add(start.Uri);
        }

        while (frontier.Count > 0)
        {
            var unread = frontier.Where(u => !lists.ContainsKey(u)).Distinct().ToList();
            var read = await store.GetAllNeighboursManyAsync(unread, type, direction, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < unread.Count; i++)
            {
                lists[unread[i]] = read[i];
            }

            var next = new List<ConceptUri>();
            foreach (var uri in frontier.Distinct())
            {
                var below = budget[uri] - 1;
                foreach (var neighbour in lists[uri])
                {
                    if (below > 0 && (!budget.TryGetValue(neighbour, out var had) || had < below))
                    {
                        budget[neighbour] = below;
                        next.Add(neighbour);
                    }
                }
            }

            frontier = next;
        }

        var concepts = lists.Keys.Order().ToArray();
        var offsets = new int[concepts.Length + 1];
        for (var i = 0; i < concepts.Length; i++)
        {
            offsets[i + 1] = offsets[i] + lists[concepts[i]].Count;
        }

        var targets = new ConceptUri[offsets[^1]];
        for (var i = 0; i < concepts.Length; i++)
        {
            lists[concepts[i]].CopyTo(targets, offsets[i]);
        }

        var startIndexes = starts.Select(s => Array.BinarySearch(concepts, s.Uri)).ToArray();
        return new Neighbourhood(concepts, new NeighbourLists(targets, offsets), startIndexes);
    }

    /// <summary>Throws unless every depth is within 1 to <see cref="MaxDepth"/>.</summary>
    public static void CheckDepths(IReadOnlyList<WalkStart> starts)
    {
        foreach (var start in starts)
        {
            if (start.Depth is < 1 or > MaxDepth)
            {
                throw new ArgumentOutOfRangeException(nameof(starts), start.Depth, $"a walk goes 1 to {MaxDepth} steps deep");
            }
        }
    }
}
