using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// The neighbours of every node by relation type and direction, each list in URI order. A full build lays them out
/// as compressed sparse rows (a one-hop walk is two array reads and a slice); a small write does not touch those
/// arrays but puts the changed nodes' whole new lists beside them (<see cref="With"/>), by node id in a
/// <see cref="ChunkedArray{T}"/> per relation type and direction (a write copies only the chunks of the nodes it
/// changes), looked into first. <see cref="GraphSnapshot.Compact"/> folds them back in.
/// </summary>
internal sealed class Adjacency
{
    private const int Slots = 12; // RelationType values 1..5 (0 unused) × 2 directions
    private readonly int[][] _offsets;
    private readonly int[][] _targets;
    private readonly ChunkedArray<int[]?>?[] _overrides;

    private Adjacency(int[][] offsets, int[][] targets, ChunkedArray<int[]?>?[] overrides, int overridden)
    {
        _offsets = offsets;
        _targets = targets;
        _overrides = overrides;
        Overridden = overridden;
    }

    /// <summary>How many node lists are kept beside the compressed rows.</summary>
    public int Overridden { get; }

    /// <summary>Lays out <paramref name="edges"/> (by type) over <paramref name="nodes"/> ids numbered in URI order.</summary>
    public static Adjacency Build(int nodes, List<(int Source, int Target)>[] edges)
    {
        var offsets = new int[Slots][];
        var targets = new int[Slots][];
        for (var slot = 0; slot < Slots; slot++)
        {
            var type = slot >> 1;
            (offsets[slot], targets[slot]) = type == 0 || type >= edges.Length
                ? (new int[nodes + 1], [])
                : BuildCsr(nodes, edges[type], reverse: (slot & 1) == 1);
        }

        return new Adjacency(offsets, targets, new ChunkedArray<int[]?>?[Slots], 0);
    }

    /// <summary>The neighbour ids of <paramref name="id"/>, in URI order.</summary>
    public ReadOnlySpan<int> Neighbours(int id, RelationType type, Direction direction)
    {
        var slot = Slot(type, direction);
        if (_overrides[slot] is { } changed && changed.ItemOrDefault(id) is { } list)
        {
            return list;
        }

        var offsets = _offsets[slot];
        return (uint)id < (uint)(offsets.Length - 1) ? _targets[slot].AsSpan(offsets[id], offsets[id + 1] - offsets[id]) : default;
    }

    /// <summary>
    /// These lists after <paramref name="removed"/> (relations that exist) and then <paramref name="added"/> (relations
    /// that do not yet exist): only the lists of their ends are copied and changed; everything else is shared.
    /// </summary>
    public Adjacency With(IReadOnlyList<(int Source, RelationType Type, int Target)> removed, IReadOnlyList<(int Source, RelationType Type, int Target)> added, UriOrder order)
    {
        if (removed.Count == 0 && added.Count == 0)
        {
            return this;
        }

        var lists = new Dictionary<(int Slot, int Node), List<int>>();
        List<int> ListOf(int node, RelationType type, Direction direction)
        {
            var key = (Slot(type, direction), node);
            if (!lists.TryGetValue(key, out var list))
            {
                lists[key] = list = [.. Neighbours(node, type, direction)];
            }

            return list;
        }

        foreach (var (source, type, target) in removed)
        {
            ListOf(source, type, Direction.Outgoing).Remove(target);
            ListOf(target, type, Direction.Incoming).Remove(source);
        }

        foreach (var (source, type, target) in added)
        {
            ListOf(source, type, Direction.Outgoing).Add(target);
            ListOf(target, type, Direction.Incoming).Add(source);
        }

        var overrides = (ChunkedArray<int[]?>?[])_overrides.Clone();
        var overridden = Overridden;
        foreach (var slotLists in lists.GroupBy(l => l.Key.Slot))
        {
            var slot = slotLists.Key;
            var changes = new List<(int Index, int[]? Item)>();
            foreach (var ((_, node), list) in slotLists)
            {
                int[] sorted = [.. list];
                order.Sort(sorted);
                overridden += _overrides[slot]?.ItemOrDefault(node) is null ? 1 : 0;
                changes.Add((node, sorted));
            }

            overrides[slot] = (overrides[slot] ?? ChunkedArray<int[]?>.From([])).With(changes);
        }

        return new Adjacency(_offsets, _targets, overrides, overridden);
    }

    private static int Slot(RelationType type, Direction direction) => ((int)type << 1) | (direction == Direction.Outgoing ? 0 : 1);

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
}
