using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// What small writes changed in a <see cref="LabelIndex"/> since it was built: the concepts whose built labels no
/// longer count (<see cref="Dead"/>, with the built terms those labels held, for the idf counts), and the current
/// labels of every concept written since, with their own sorted (token, label) postings. Immutable; a write makes a
/// new one in time proportional to its own size, which <see cref="GraphSnapshot.Compact"/> bounds.
/// </summary>
internal sealed class LabelDelta
{
    public LabelDelta(ulong[]? dead, int[] deadTerms, int deadLabels, IndexedLabel[] labels, (string Token, int Label)[] postings, int concepts)
    {
        Dead = dead;
        DeadTerms = deadTerms;
        DeadLabels = deadLabels;
        Labels = labels;
        Postings = postings;
        Concepts = concepts;
    }

    public static LabelDelta Empty { get; } = new(null, [], 0, [], [], 0);

    /// <summary>A bit per built concept id: set when the built labels of that concept are superseded by <see cref="Labels"/>.</summary>
    public ulong[]? Dead { get; }

    /// <summary>The built term index of every (dead label, distinct token) pair, sorted: what the built postings over-count.</summary>
    public int[] DeadTerms { get; }

    public int DeadLabels { get; }

    /// <summary>The current labels of the concepts written since the build, each concept's labels together and in order.</summary>
    public IndexedLabel[] Labels { get; }

    /// <summary>(token, label) for every distinct token of every label in <see cref="Labels"/>, by token (ordinal) then label.</summary>
    public (string Token, int Label)[] Postings { get; }

    /// <summary>How many concepts have their labels here.</summary>
    public int Concepts { get; }

    public bool IsDead(int conceptId) => Dead is { } dead && (uint)(conceptId >> 6) < (uint)dead.Length && (dead[conceptId >> 6] & (1UL << conceptId)) != 0;

    /// <summary>How many dead (label, token) pairs have their term in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int DeadPostingsIn(int from, int to) =>
        DeadTerms.Length == 0 ? 0 : LowerBound(DeadTerms, to) - LowerBound(DeadTerms, from);

    /// <summary>The postings whose token is <paramref name="token"/> or, when <paramref name="allowPrefix"/>, starts with it.</summary>
    public (int From, int To) Range(string token, bool allowPrefix)
    {
        int lo = 0, hi = Postings.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(Postings[mid].Token, token) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var to = lo;
        while (to < Postings.Length && (allowPrefix ? Postings[to].Token.StartsWith(token, StringComparison.Ordinal) : string.Equals(Postings[to].Token, token, StringComparison.Ordinal)))
        {
            to++;
        }

        return (lo, to);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

/// <summary>One searchable label of a concept: its text, kind, normalised text and tokens.</summary>
internal sealed record IndexedLabel(int Concept, ConceptKind ConceptKind, string Text, LabelKind Kind, string Normalized, string[] Tokens)
{
    /// <summary>The labels search sees of <paramref name="concept"/>: the preferred label, then the alternative ones, each normalised text once.</summary>
    public static IEnumerable<IndexedLabel> Of(int id, Concept concept)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IndexedLabel? Label(string text, LabelKind kind)
        {
            var normalized = LabelText.Normalize(text);
            return normalized.Length == 0 || !seen.Add(normalized) ? null : new IndexedLabel(id, concept.Kind, text, kind, normalized, LabelText.Tokens(normalized));
        }

        if (Label(concept.PreferredLabel, LabelKind.Preferred) is { } preferred)
        {
            yield return preferred;
        }

        foreach (var label in concept.Labels)
        {
            if (label.Kind == LabelKind.Alternative && Label(label.Text, LabelKind.Alternative) is { } alternative)
            {
                yield return alternative;
            }
        }
    }
}
