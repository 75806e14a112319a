using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// What small writes changed in a <see cref="LabelIndex"/> since it was built. Every write that gives concepts new
/// labels has a stamp; a concept's labels are the ones carrying its latest stamp (<see cref="StampOf"/>; 0: its built
/// labels). The written labels sit in two sorted <see cref="LabelSegment"/>s: a young one rebuilt by every write (kept
/// small) and an old one it is merged into once it holds a given number of labels, so that a write costs about its own size. The built labels of
/// written concepts are dead: <see cref="Dead"/> says whose, <see cref="DeadPerTerm"/> how many per built term (for the
/// idf counts). Immutable; <see cref="GraphSnapshot.Compact"/> bounds its size.
/// </summary>
internal sealed class LabelDelta
{
    public LabelDelta(
        ulong[]? dead, ChunkedArray<int>? deadPerTerm, int deadLabels, ChunkedArray<(int Stamp, int Labels)>? stamps, int stamp, int liveLabels, int concepts, LabelSegment old, LabelSegment young)
    {
        Dead = dead;
        DeadPerTerm = deadPerTerm;
        DeadLabels = deadLabels;
        Stamps = stamps;
        Stamp = stamp;
        LiveLabels = liveLabels;
        Concepts = concepts;
        Old = old;
        Young = young;
    }

    public static LabelDelta Empty { get; } = new(null, null, 0, null, 0, 0, 0, LabelSegment.Empty, LabelSegment.Empty);

    /// <summary>A bit per built concept id: set when that concept's built labels no longer count.</summary>
    public ulong[]? Dead { get; }

    /// <summary>By built term index: how many of its postings belong to dead labels.</summary>
    public ChunkedArray<int>? DeadPerTerm { get; }

    public int DeadLabels { get; }

    /// <summary>By concept id: the stamp of the write that gave the concept its labels, and how many labels it has in the segments.</summary>
    public ChunkedArray<(int Stamp, int Labels)>? Stamps { get; }

    /// <summary>The last stamp given.</summary>
    public int Stamp { get; }

    /// <summary>How many labels of the segments are current.</summary>
    public int LiveLabels { get; }

    /// <summary>How many concepts have their labels in the segments.</summary>
    public int Concepts { get; }

    public LabelSegment Old { get; }

    public LabelSegment Young { get; }

    public bool IsDead(int conceptId) => Dead is { } dead && (uint)(conceptId >> 6) < (uint)dead.Length && (dead[conceptId >> 6] & (1UL << conceptId)) != 0;

    public int StampOf(int conceptId) => Stamps is { } stamps && conceptId < stamps.Count ? stamps[conceptId].Stamp : 0;

    public bool IsLive(IndexedLabel label) => label.Stamp == StampOf(label.Concept);

    /// <summary>How many current postings of both segments lie in the given ranges (their token matches a query token).</summary>
    public int LivePostings((int From, int To) old, (int From, int To) young)
    {
        var count = 0;
        for (var p = old.From; p < old.To; p++)
        {
            count += IsLive(Old.Labels[Old.Postings[p].Label]) ? 1 : 0;
        }

        for (var p = young.From; p < young.To; p++)
        {
            count += IsLive(Young.Labels[Young.Postings[p].Label]) ? 1 : 0;
        }

        return count;
    }
}

/// <summary>
/// Written labels with their postings: (token, label) for every distinct token of every label, by token (ordinal) then
/// label; a concept's labels of one write lie together and in order, so that a search meets them in the order a fresh
/// build would.
/// </summary>
internal sealed class LabelSegment(IndexedLabel[] labels, (string Token, int Label)[] postings)
{
    public static LabelSegment Empty { get; } = new([], []);

    public IndexedLabel[] Labels { get; } = labels;

    public (string Token, int Label)[] Postings { get; } = postings;

    /// <summary>The labels of <paramref name="segments"/> that <paramref name="keep"/> says are current, plus <paramref name="added"/>, in one segment.</summary>
    public static LabelSegment Of(IReadOnlyList<LabelSegment> segments, Func<IndexedLabel, bool> keep, IReadOnlyList<IndexedLabel> added)
    {
        var labels = new List<IndexedLabel>();
        var lists = new List<(string Token, int Label)[]>();
        foreach (var segment in segments)
        {
            // Kept labels close up in order, so each segment's postings stay sorted after renumbering.
            var renumbered = new int[segment.Labels.Length];
            for (var l = 0; l < segment.Labels.Length; l++)
            {
                renumbered[l] = keep(segment.Labels[l]) ? labels.Count : -1;
                if (renumbered[l] >= 0)
                {
                    labels.Add(segment.Labels[l]);
                }
            }

            var kept = new List<(string Token, int Label)>(segment.Postings.Length);
            foreach (var (token, label) in segment.Postings)
            {
                if (renumbered[label] >= 0)
                {
                    kept.Add((token, renumbered[label]));
                }
            }

            lists.Add([.. kept]);
        }

        var fresh = new List<(string Token, int Label)>();
        foreach (var label in added)
        {
            foreach (var token in label.Tokens.Distinct(StringComparer.Ordinal))
            {
                fresh.Add((token, labels.Count));
            }

            labels.Add(label);
        }

        fresh.Sort(ByTokenThenLabel);
        lists.Add([.. fresh]);
        var postings = lists[0];
        for (var i = 1; i < lists.Count; i++)
        {
            postings = Merge(postings, lists[i]);
        }

        return new LabelSegment([.. labels], postings);
    }

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

    private static int ByTokenThenLabel((string Token, int Label) a, (string Token, int Label) b)
    {
        var byToken = string.CompareOrdinal(a.Token, b.Token);
        return byToken != 0 ? byToken : a.Label.CompareTo(b.Label);
    }

    private static (string Token, int Label)[] Merge((string Token, int Label)[] left, (string Token, int Label)[] right)
    {
        if (right.Length == 0)
        {
            return left;
        }

        var merged = new (string Token, int Label)[left.Length + right.Length];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            merged[k++] = ByTokenThenLabel(left[i], right[j]) <= 0 ? left[i++] : right[j++];
        }

        Array.Copy(left, i, merged, k, left.Length - i);
        Array.Copy(right, j, merged, k + left.Length - i, right.Length - j);
        return merged;
    }
}

/// <summary>One searchable label of a concept: its text, kind, normalised text and tokens; <see cref="Stamp"/> names the write that gave it (0: built).</summary>
internal sealed record IndexedLabel(int Concept, ConceptKind ConceptKind, string Text, LabelKind Kind, string Normalized, string[] Tokens, int Stamp = 0)
{
    /// <summary>The labels search sees of <paramref name="concept"/>: the preferred label, then the alternative ones, each normalised text once.</summary>
    public static IEnumerable<IndexedLabel> Of(int id, Concept concept, int stamp = 0)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IndexedLabel? Label(string text, LabelKind kind)
        {
            var normalized = LabelText.Normalize(text);
            return normalized.Length == 0 || !seen.Add(normalized) ? null : new IndexedLabel(id, concept.Kind, text, kind, normalized, LabelText.Tokens(normalized), stamp);
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
