namespace SkillGraph.Graph.Embedded;

/// <summary>
/// An immutable array kept in chunks of <see cref="ChunkSize"/> items. A copy with some items changed or appended
/// copies only the chunks those items are in (and the small array of chunks), sharing every other chunk: what lets a
/// <see cref="GraphSnapshot"/> change a few concepts in microseconds without a large-object copy of the whole array.
/// </summary>
internal sealed class ChunkedArray<T>
{
    private const int Shift = 8;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;
    private readonly T[][] _chunks;

    private ChunkedArray(T[][] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    public int Count { get; }

    public T this[int index] => _chunks[index >> Shift][index & Mask];

    /// <summary>The item at <paramref name="index"/>, or the default beyond the end.</summary>
    public T? ItemOrDefault(int index) => (uint)index < (uint)Count ? _chunks[index >> Shift][index & Mask] : default;

    public static ChunkedArray<T> From(IReadOnlyList<T> items)
    {
        var chunks = new T[(items.Count + Mask) >> Shift][];
        for (var c = 0; c < chunks.Length; c++)
        {
            var chunk = chunks[c] = new T[ChunkSize];
            var from = c << Shift;
            for (var i = 0; i < ChunkSize && from + i < items.Count; i++)
            {
                chunk[i] = items[from + i];
            }
        }

        return new ChunkedArray<T>(chunks, items.Count);
    }

    public T[] ToArray()
    {
        var items = new T[Count];
        for (var c = 0; c < _chunks.Length; c++)
        {
            Array.Copy(_chunks[c], 0, items, c << Shift, Math.Min(ChunkSize, Count - (c << Shift)));
        }

        return items;
    }

    /// <summary>A copy where each (index, item) of <paramref name="changes"/> is set; an index at <see cref="Count"/> or beyond grows the array (the gaps stay default).</summary>
    public ChunkedArray<T> With(IReadOnlyList<(int Index, T Item)> changes)
    {
        var count = Count;
        foreach (var (index, _) in changes)
        {
            count = Math.Max(count, index + 1);
        }

        var chunks = new T[(count + Mask) >> Shift][];
        Array.Copy(_chunks, chunks, _chunks.Length);
        if (chunks.Length > _chunks.Length)
        {
            // Chunks that only fill a gap share one empty chunk; like every shared chunk, it is copied before it is written.
            var empty = new T[ChunkSize];
            Array.Fill(chunks, empty, _chunks.Length, chunks.Length - _chunks.Length);
        }

        var copied = new bool[chunks.Length];
        foreach (var (index, item) in changes)
        {
            var c = index >> Shift;
            if (!copied[c])
            {
                chunks[c] = (T[])chunks[c].Clone();
                copied[c] = true;
            }

            chunks[c][index & Mask] = item;
        }

        return new ChunkedArray<T>(chunks, count);
    }
}
