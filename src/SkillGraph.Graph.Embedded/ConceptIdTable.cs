using System.Numerics;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// URI → node id for a <see cref="GraphSnapshot"/>: open addressing (linear probing, at most half full) over the
/// URIs' cached hash codes, each slot holding the URI beside its id. A look-up is one or two reads of one array and
/// no virtual call, where a <see cref="Dictionary{TKey,TValue}"/> keyed by a class calls its comparer twice; graph
/// walks make thousands of these look-ups a request.
/// </summary>
internal sealed class ConceptIdTable
{
    private readonly Entry[] _entries;
    private readonly int _mask;

    /// <param name="uris">The URIs in id order (distinct).</param>
    public ConceptIdTable(IReadOnlyList<ConceptUri> uris)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, uris.Count * 2));
        _entries = new Entry[size];
        _mask = size - 1;
        for (var id = 0; id < uris.Count; id++)
        {
            var slot = uris[id].GetHashCode() & _mask;
            while (_entries[slot].Uri is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _entries[slot] = new Entry(uris[id], id);
        }
    }

    public bool TryGetId(ConceptUri uri, out int id)
    {
        var slot = uri.GetHashCode() & _mask;
        while (true)
        {
            var entry = _entries[slot];
            if (entry.Uri is null)
            {
                id = -1;
                return false;
            }

            // The URIs a walk passes back are mostly the snapshot's own instances: equal by reference.
            if (ReferenceEquals(entry.Uri, uri) || entry.Uri.Equals(uri))
            {
                id = entry.Id;
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private readonly record struct Entry(ConceptUri? Uri, int Id);
}
