using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>Where a walk of <see cref="IGraphStore.GetNeighbourhoodAsync"/> starts and how far it goes: the neighbours of every concept fewer than <paramref name="Depth"/> steps away are fetched (1 to <see cref="Neighbourhood.MaxDepth"/>).</summary>
public readonly record struct WalkStart(ConceptUri Uri, int Depth);

/// <summary>
/// What a multi-step walk reads, in one answer: the starts (in the order asked, each once per time asked), then every
/// other concept reached, in URI order; each with all its neighbours over the relation walked (sorted by URI, flat as
/// in <see cref="NeighbourLists"/>). A start the graph does not hold has no neighbours.
/// </summary>
public sealed class Neighbourhood
{
    /// <summary>The deepest walk a store must answer in one request (the Neo4j statement's fixed upper bound).</summary>
    public const int MaxDepth = 8;

    private readonly ConceptUri[] _concepts;
    private readonly int _starts;

    /// <param name="concepts">The starts as asked, then the other concepts reached (none of them a start), in URI order.</param>
    /// <param name="neighbours">The neighbours of each of <paramref name="concepts"/>.</param>
    /// <param name="starts">How many of <paramref name="concepts"/> are the starts.</param>
    public Neighbourhood(ConceptUri[] concepts, NeighbourLists neighbours, int starts)
    {
        if (neighbours.Count != concepts.Length || starts > concepts.Length)
        {
            throw new ArgumentException("one neighbour list per concept, the starts among them", nameof(neighbours));
        }

        _concepts = concepts;
        _starts = starts;
        Neighbours = neighbours;
    }

    /// <summary>The starts, then the other concepts reached in URI order.</summary>
    public IReadOnlyList<ConceptUri> Concepts => _concepts;

    /// <summary>How many of <see cref="Concepts"/> are the starts.</summary>
    public int StartCount => _starts;

    /// <summary>The neighbours of <see cref="Concepts"/>[i], sorted by URI.</summary>
    public NeighbourLists Neighbours { get; }

    /// <summary>The neighbours of the <paramref name="start"/>-th start asked.</summary>
    public ArraySegment<ConceptUri> OfStart(int start) => Neighbours[start];

    /// <summary>The neighbours of <paramref name="uri"/>; empty when the walk did not reach it.</summary>
    public ArraySegment<ConceptUri> Of(ConceptUri uri)
    {
        var index = Array.BinarySearch(_concepts, _starts, _concepts.Length - _starts, uri);
        if (index >= 0)
        {
            return Neighbours[index];
        }

        for (var i = 0; i < _starts; i++)
        {
            if (_concepts[i].Equals(uri))
            {
                return Neighbours[i];
            }
        }

        return ArraySegment<ConceptUri>.Empty;
    }

    /// <summary>Builds the answer from each concept's neighbours: the starts first, then the others by URI.</summary>
    public static Neighbourhood From(IReadOnlyList<WalkStart> starts, IReadOnlyDictionary<ConceptUri, ConceptUri[]> lists)
    {
        var isStart = new HashSet<ConceptUri>(starts.Select(s => s.Uri));
        ConceptUri[] concepts = [.. starts.Select(s => s.Uri), .. lists.Keys.Where(u => !isStart.Contains(u)).Order()];
        var offsets = new int[concepts.Length + 1];
        for (var i = 0; i < concepts.Length; i++)
        {
            offsets[i + 1] = offsets[i] + (lists.TryGetValue(concepts[i], out var list) ? list.Length : 0);
        }

        var targets = new ConceptUri[offsets[^1]];
        for (var i = 0; i < concepts.Length; i++)
        {
            if (lists.TryGetValue(concepts[i], out var list))
            {
                list.CopyTo(targets, offsets[i]);
            }
        }

        return new Neighbourhood(concepts, new NeighbourLists(targets, offsets), starts.Count);
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
        var lists = new Dictionary<ConceptUri, ConceptUri[]>();
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
                lists[unread[i]] = [.. read[i]];
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

        return From(starts, lists);
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
