using System.Collections.Immutable;
using System.Numerics;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// URI → node id for a <see cref="GraphSnapshot"/>: open addressing (linear probing, at most half full) over the
/// URIs' cached hash codes, each slot holding the URI beside its id. A look-up is one or two reads of one array and
/// no virtual call, where a <see cref="Dictionary{TKey,TValue}"/> keyed by a class calls its comparer twice; graph
/// walks make thousands of these look-ups a request. Concepts added by small writes after the table was built go to
/// an immutable dictionary beside it (<see cref="With"/>: a write adds to it without copying it), looked into only
/// when the table misses.
/// </summary>
internal sealed class ConceptIdTable
{
    private readonly Entry[] _entries;
    private readonly int _mask;
    private readonly ImmutableDictionary<ConceptUri, int>? _added;

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

    private ConceptIdTable(Entry[] entries, int mask, ImmutableDictionary<ConceptUri, int> added)
    {
        _entries = entries;
        _mask = mask;
        _added = added;
    }

    /// <summary>How many URIs were added after the table was built.</summary>
    public int AddedCount => _added?.Count ?? 0;

    /// <summary>This table plus <paramref name="added"/> (URIs it lacks, with their ids), sharing this one's slots.</summary>
    public ConceptIdTable With(IReadOnlyList<(ConceptUri Uri, int Id)> added)
    {
        if (added.Count == 0)
        {
            return this;
        }

        var overlay = (_added ?? ImmutableDictionary<ConceptUri, int>.Empty).AddRange(added.Select(a => KeyValuePair.Create(a.Uri, a.Id)));
        return new ConceptIdTable(_entries, _mask, overlay);
    }

    public bool TryGetId(ConceptUri uri, out int id)
    {
        var slot = uri.GetHashCode() & _mask;
        while (true)
        {
            var entry = _entries[slot];
            if (entry.Uri is null)
            {
                if (_added is not null && _added.TryGetValue(uri, out id))
                {
                    return true;
                }

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
