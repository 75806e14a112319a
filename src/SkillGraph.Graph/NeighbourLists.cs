using System.Collections;
using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>
/// All neighbours of many concepts in one flat array (the CSR layout): the neighbours of the <c>i</c>-th concept
/// asked are <c>Targets[Offsets[i]..Offsets[i + 1]]</c>, sorted by URI. Two allocations however many concepts.
/// </summary>
public sealed class NeighbourLists : IReadOnlyList<ArraySegment<ConceptUri>>
{
    private readonly ConceptUri[] _targets;
    private readonly int[] _offsets;

    /// <param name="targets">The neighbours, list after list.</param>
    /// <param name="offsets">One more than the number of lists: where each list starts, then the end.</param>
    public NeighbourLists(ConceptUri[] targets, int[] offsets)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != targets.Length)
        {
            throw new ArgumentException("offsets must start at 0 and end at the number of targets", nameof(offsets));
        }

        _targets = targets;
        _offsets = offsets;
    }

    /// <summary>How many lists (concepts asked).</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>All neighbours of all lists together.</summary>
    public int TotalCount => _targets.Length;

    /// <summary>The neighbours of the <paramref name="index"/>-th concept asked.</summary>
    public ArraySegment<ConceptUri> this[int index] => new(_targets, _offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Flattens pages (each already complete) into lists.</summary>
    public static NeighbourLists FromPages(IReadOnlyList<Page<ConceptUri>> pages)
    {
        var offsets = new int[pages.Count + 1];
        for (var i = 0; i < pages.Count; i++)
        {
            offsets[i + 1] = offsets[i] + pages[i].Items.Count;
        }

        var targets = new ConceptUri[offsets[^1]];
        for (var i = 0; i < pages.Count; i++)
        {
            var items = pages[i].Items;
            for (var j = 0; j < items.Count; j++)
            {
                targets[offsets[i] + j] = items[j];
            }
        }

        return new NeighbourLists(targets, offsets);
    }

    public IEnumerator<ArraySegment<ConceptUri>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
