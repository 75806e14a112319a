using System.Runtime.InteropServices;
using SkillGraph.Domain;

namespace SkillGraph.Application.Common;

/// <summary>
/// Numbers concepts 0, 1, 2… in the order they are first met, so that a walk hashes each URI once and keeps
/// everything else it knows about a concept (in the answer yet, its resolved reference) in arrays by number.
/// </summary>
internal sealed class ConceptNumbering(int capacity)
{
    private readonly Dictionary<ConceptUri, int> _numbers = new(capacity);
    private readonly List<ConceptUri> _uris = new(capacity);

    /// <summary>How many concepts have a number.</summary>
    public int Count => _uris.Count;

    /// <summary>The concepts by number.</summary>
    public IReadOnlyList<ConceptUri> Uris => _uris;

    /// <summary>The number of <paramref name="uri"/>, given now if it has none yet.</summary>
    public int Of(ConceptUri uri)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_numbers, uri, out var known);
        if (!known)
        {
            number = _uris.Count;
            _uris.Add(uri);
        }

        return number;
    }

    /// <summary>The numbers of <paramref name="uris"/>, in order.</summary>
    public int[] Of<TList>(TList uris)
        where TList : IReadOnlyList<ConceptUri>
    {
        var numbers = new int[uris.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = Of(uris[i]);
        }

        return numbers;
    }
}
