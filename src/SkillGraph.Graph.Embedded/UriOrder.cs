using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// The URI order of a <see cref="GraphSnapshot"/>'s node ids, the order every page and list is in. A full build
/// numbers nodes in URI order (rank = id); concepts added by small writes get the next ids and are ranked among the
/// others here, so no existing id changes and no adjacency list is renumbered.
/// </summary>
internal sealed class UriOrder
{
    private readonly int[] _rank;
    private readonly int[] _ids;

    private UriOrder(int[] rank, int[] ids)
    {
        _rank = rank;
        _ids = ids;
    }

    /// <summary>The order of a full build: id = rank.</summary>
    public static UriOrder Identity(int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = i;
        }

        return new UriOrder(ids, ids);
    }

    public int Count => _ids.Length;

    /// <summary>The ids in URI order.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>The position of <paramref name="id"/> in URI order.</summary>
    public int Rank(int id) => _rank[id];

    /// <summary>Sorts ids into URI order.</summary>
    public void Sort(Span<int> ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _rank[ids[i]];
        }

        ids.Sort();
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _ids[ids[i]];
        }
    }

    /// <summary>This order with the new ids <paramref name="added"/> (the next ids after <see cref="Count"/>) ranked by their URIs.</summary>
    public UriOrder With(IReadOnlyList<int> added, ChunkedArray<Concept> concepts)
    {
        if (added.Count == 0)
        {
            return this;
        }

        var sortedAdded = added.OrderBy(id => concepts[id].Uri).ToArray();
        var ids = new int[_ids.Length + sortedAdded.Length];
        var at = 0;
        var from = 0;
        foreach (var id in sortedAdded)
        {
            // The first old position whose URI sorts after the new one.
            int lo = from, hi = _ids.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (concepts[_ids[mid]].Uri.CompareTo(concepts[id].Uri) < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            Array.Copy(_ids, from, ids, at, lo - from);
            at += lo - from;
            from = lo;
            ids[at++] = id;
        }

        Array.Copy(_ids, from, ids, at, _ids.Length - from);
        var rank = new int[ids.Length];
        for (var r = 0; r < ids.Length; r++)
        {
            rank[ids[r]] = r;
        }

        return new UriOrder(rank, ids);
    }
}
