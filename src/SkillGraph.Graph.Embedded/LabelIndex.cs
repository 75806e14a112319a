using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// An in-memory inverted index over preferred and alternative labels. A query token matches a label token
/// exactly or as a prefix (tokens of two characters or more); every query token must match. Scores favour
/// exact words, labels the query covers completely, rare words (idf) and preferred labels.
/// The index is built over every concept at once; a small write derives a new index (<see cref="With"/>) that shares
/// the built arrays and keeps the written concepts' labels in a <see cref="LabelDelta"/>, so that search and idf answer
/// exactly as a fresh build over the same concepts would.
/// </summary>
internal sealed class LabelIndex
{
    [ThreadStatic]
    private static SearchScratch? t_scratch;

    private readonly Built _built;
    private readonly LabelDelta _delta;
    private readonly UriOrder _order;
    private readonly int _conceptCount;

    /// <param name="concepts">Every concept, by id.</param>
    /// <param name="order">The URI order of the ids (ties in score go to the first by URI).</param>
    public LabelIndex(IReadOnlyList<Concept> concepts, UriOrder order)
        : this(new Built(concepts), LabelDelta.Empty, order, concepts.Count)
    {
    }

    private LabelIndex(Built built, LabelDelta delta, UriOrder order, int conceptCount)
    {
        _built = built;
        _delta = delta;
        _order = order;
        _conceptCount = conceptCount;
    }

    /// <summary>How many concepts' labels are kept beside the built index.</summary>
    public int DeltaConcepts => _delta.Concepts;

    /// <summary>
    /// The index after the concepts <paramref name="changed"/> (id, new content; an id at or beyond the built count is a
    /// new concept) were written: only their labels are tokenised; the built index is shared.
    /// </summary>
    public LabelIndex With(IReadOnlyList<(int Id, Concept Concept)> changed, UriOrder order, int conceptCount)
    {
        bool InDelta(int id) => id < _built.ConceptCount ? _delta.IsDead(id) : id < _conceptCount;
        var changedIds = changed.Select(c => c.Id).ToHashSet();
        var dead = _delta.Dead is { } d ? (ulong[])d.Clone() : new ulong[(_built.ConceptCount + 63) >> 6];
        var newlyDeadTerms = new List<int>();
        var deadLabels = _delta.DeadLabels;
        foreach (var id in changedIds)
        {
            if (id < _built.ConceptCount && !_delta.IsDead(id))
            {
                dead[id >> 6] |= 1UL << id;
                for (var label = _built.ConceptLabels[id]; label < _built.ConceptLabels[id + 1]; label++)
                {
                    deadLabels++;
                    foreach (var token in _built.LabelTokens[label].Distinct(StringComparer.Ordinal))
                    {
                        newlyDeadTerms.Add(Array.BinarySearch(_built.Terms, token, StringComparer.Ordinal));
                    }
                }
            }
        }

        newlyDeadTerms.Sort();
        var deadTerms = Merge(_delta.DeadTerms, [.. newlyDeadTerms], static (a, b) => a.CompareTo(b));

        // Labels of concepts written again leave the delta; their places close up (order is kept, so the postings stay sorted).
        var labels = new List<IndexedLabel>(_delta.Labels.Length + (changed.Count * 4));
        var renumbered = new int[_delta.Labels.Length];
        for (var label = 0; label < _delta.Labels.Length; label++)
        {
            renumbered[label] = changedIds.Contains(_delta.Labels[label].Concept) ? -1 : labels.Count;
            if (renumbered[label] >= 0)
            {
                labels.Add(_delta.Labels[label]);
            }
        }

        var kept = new List<(string Token, int Label)>(_delta.Postings.Length);
        foreach (var (token, label) in _delta.Postings)
        {
            if (renumbered[label] >= 0)
            {
                kept.Add((token, renumbered[label]));
            }
        }

        var added = new List<(string Token, int Label)>();
        var concepts = _delta.Concepts;
        foreach (var (id, concept) in changed)
        {
            if (!InDelta(id))
            {
                concepts++;
            }

            foreach (var label in IndexedLabel.Of(id, concept))
            {
                foreach (var token in label.Tokens.Distinct(StringComparer.Ordinal))
                {
                    added.Add((token, labels.Count));
                }

                labels.Add(label);
            }
        }

        static int ByTokenThenLabel((string Token, int Label) a, (string Token, int Label) b)
        {
            var byToken = string.CompareOrdinal(a.Token, b.Token);
            return byToken != 0 ? byToken : a.Label.CompareTo(b.Label);
        }

        added.Sort(ByTokenThenLabel);
        var postings = Merge([.. kept], [.. added], ByTokenThenLabel);
        return new LabelIndex(_built, new LabelDelta(dead, deadTerms, deadLabels, [.. labels], postings, concepts), order, conceptCount);
    }

    public IReadOnlyList<SearchHit> Search(string text, ConceptKind? kind, int first, Func<int, Concept> concept)
    {
        var normalizedQuery = LabelText.Normalize(text);
        var queryTokens = LabelText.Tokens(normalizedQuery);
        if (queryTokens.Length == 0 || first <= 0)
        {
            return [];
        }

        var built = _built;
        var delta = _delta;
        var labelCount = built.LabelCount - delta.DeadLabels + delta.Labels.Length;

        // Term ranges per query token: exact match first, then every term it is a prefix of.
        var ranges = new (int From, int To)[queryTokens.Length];
        var deltaRanges = new (int From, int To)[queryTokens.Length];
        var weights = new double[queryTokens.Length];
        var driver = -1;
        long driverSize = long.MaxValue;
        for (var i = 0; i < queryTokens.Length; i++)
        {
            var allowPrefix = queryTokens[i].Length >= 2;
            ranges[i] = built.TermRange(queryTokens[i], allowPrefix);
            deltaRanges[i] = delta.Postings.Length == 0 ? (0, 0) : delta.Range(queryTokens[i], allowPrefix);
            long size = deltaRanges[i].To - deltaRanges[i].From - delta.DeadPostingsIn(ranges[i].From, ranges[i].To);
            for (var t = ranges[i].From; t < ranges[i].To; t++)
            {
                size += built.Postings[t].Length;
            }

            if (size == 0)
            {
                return [];
            }

            weights[i] = Math.Log(1 + (labelCount / (double)size));
            if (size < driverSize)
            {
                driverSize = size;
                driver = i;
            }
        }

        var weightSum = weights.Sum();

        // Best label per concept in pooled arrays (no dictionary), then a bounded heap for the top results.
        // Labels are numbered: built ones first, then the delta's.
        var scratch = t_scratch is { } kept && kept.BestLabel.Length >= _conceptCount ? kept : t_scratch = new SearchScratch(_conceptCount);
        var bestScore = scratch.BestScore;
        var bestLabel = scratch.BestLabel;
        var touched = scratch.Touched;
        touched.Clear();
        void Consider(int labelId, int conceptId, ConceptKind conceptKind, string[] tokens, string normalized, bool preferred)
        {
            if (kind is { } k && conceptKind != k)
            {
                return;
            }

            var score = LabelMatch.Score(tokens, normalized, preferred, queryTokens, weights, weightSum, normalizedQuery);
            if (score <= 0)
            {
                return;
            }

            if (bestLabel[conceptId] < 0)
            {
                touched.Add(conceptId);
                bestScore[conceptId] = score;
                bestLabel[conceptId] = labelId;
            }
            else if (score > bestScore[conceptId] || (score == bestScore[conceptId] && preferred))
            {
                bestScore[conceptId] = score;
                bestLabel[conceptId] = labelId;
            }
        }

        try
        {
            for (var t = ranges[driver].From; t < ranges[driver].To; t++)
            {
                foreach (var labelId in built.Postings[t])
                {
                    var conceptId = built.LabelConcept[labelId];
                    if (delta.Dead is null || !delta.IsDead(conceptId))
                    {
                        Consider(labelId, conceptId, built.LabelConceptKind[labelId], built.LabelTokens[labelId], built.LabelNormalized[labelId], built.LabelKind[labelId] == LabelKind.Preferred);
                    }
                }
            }

            for (var p = deltaRanges[driver].From; p < deltaRanges[driver].To; p++)
            {
                var label = delta.Labels[delta.Postings[p].Label];
                Consider(built.LabelCount + delta.Postings[p].Label, label.Concept, label.ConceptKind, label.Tokens, label.Normalized, label.Kind == LabelKind.Preferred);
            }

            // Keep the best `first` by (score desc, preferred label length asc, URI asc): a min-heap on that order.
            var heap = new PriorityQueue<int, (double Score, int Length, int Rank)>(first + 1, WorstFirst.Instance);
            foreach (var conceptId in touched)
            {
                heap.Enqueue(conceptId, (bestScore[conceptId], concept(conceptId).PreferredLabel.Length, _order.Rank(conceptId)));
                if (heap.Count > first)
                {
                    heap.Dequeue();
                }
            }

            var hits = new SearchHit[heap.Count];
            for (var i = hits.Length - 1; i >= 0; i--)
            {
                var conceptId = heap.Dequeue();
                var c = concept(conceptId);
                var labelId = bestLabel[conceptId];
                var (matchedText, matchedKind) = labelId < built.LabelCount
                    ? (built.LabelText[labelId], built.LabelKind[labelId])
                    : (delta.Labels[labelId - built.LabelCount].Text, delta.Labels[labelId - built.LabelCount].Kind);
                hits[i] = new SearchHit(c.Uri, c.Kind, c.PreferredLabel, matchedText, matchedKind, Math.Round(bestScore[conceptId], 4));
            }

            return hits;
        }
        finally
        {
            foreach (var conceptId in touched)
            {
                bestLabel[conceptId] = -1;
            }

            touched.Clear();
        }
    }

    private static T[] Merge<T>(T[] left, T[] right, Comparison<T> compare)
    {
        if (right.Length == 0)
        {
            return left;
        }

        var merged = new T[left.Length + right.Length];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            merged[k++] = compare(left[i], right[j]) <= 0 ? left[i++] : right[j++];
        }

        while (i < left.Length)
        {
            merged[k++] = left[i++];
        }

        while (j < right.Length)
        {
            merged[k++] = right[j++];
        }

        return merged;
    }

    /// <summary>The index as built over every concept at once: parallel arrays by label id, sorted terms, postings.</summary>
    private sealed class Built
    {
        public Built(IReadOnlyList<Concept> concepts)
        {
            var conceptIds = new List<int>();
            var conceptKinds = new List<ConceptKind>();
            var texts = new List<string>();
            var kinds = new List<LabelKind>();
            var normalized = new List<string>();
            var tokens = new List<string[]>();
            var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            ConceptLabels = new int[concepts.Count + 1];
            for (var id = 0; id < concepts.Count; id++)
            {
                foreach (var label in IndexedLabel.Of(id, concepts[id]))
                {
                    var labelId = texts.Count;
                    conceptIds.Add(id);
                    conceptKinds.Add(label.ConceptKind);
                    texts.Add(label.Text);
                    kinds.Add(label.Kind);
                    normalized.Add(label.Normalized);
                    tokens.Add(label.Tokens);
                    foreach (var token in label.Tokens.Distinct(StringComparer.Ordinal))
                    {
                        if (!postings.TryGetValue(token, out var list))
                        {
                            postings[token] = list = [];
                        }

                        list.Add(labelId);
                    }
                }

                ConceptLabels[id + 1] = texts.Count;
            }

            ConceptCount = concepts.Count;
            LabelConcept = [.. conceptIds];
            LabelConceptKind = [.. conceptKinds];
            LabelText = [.. texts];
            LabelKind = [.. kinds];
            LabelNormalized = [.. normalized];
            LabelTokens = [.. tokens];
            LabelCount = LabelText.Length;
            Terms = [.. postings.Keys.Order(StringComparer.Ordinal)];
            Postings = new int[Terms.Length][];
            for (var t = 0; t < Terms.Length; t++)
            {
                Postings[t] = [.. postings[Terms[t]]];
            }
        }

        public int ConceptCount { get; }

        /// <summary>The labels of concept c are [ConceptLabels[c], ConceptLabels[c + 1]).</summary>
        public int[] ConceptLabels { get; }

        public int[] LabelConcept { get; }

        public ConceptKind[] LabelConceptKind { get; }

        public string[] LabelText { get; }

        public LabelKind[] LabelKind { get; }

        public string[] LabelNormalized { get; }

        public string[][] LabelTokens { get; }

        public int LabelCount { get; }

        public string[] Terms { get; }

        public int[][] Postings { get; }

        public (int From, int To) TermRange(string token, bool allowPrefix)
        {
            var from = Array.BinarySearch(Terms, token, StringComparer.Ordinal);
            if (!allowPrefix)
            {
                return from >= 0 ? (from, from + 1) : (0, 0);
            }

            if (from < 0)
            {
                from = ~from;
            }

            var to = from;
            while (to < Terms.Length && Terms[to].StartsWith(token, StringComparison.Ordinal))
            {
                to++;
            }

            return (from, to);
        }
    }

    /// <summary>Orders search candidates worst first: lower score, then longer label, then later URI.</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Length, int Rank)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Length, int Rank) x, (double Score, int Length, int Rank) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = y.Length.CompareTo(x.Length);
            return byLength != 0 ? byLength : y.Rank.CompareTo(x.Rank);
        }
    }

    /// <summary>Per-thread work arrays of a search; every entry of <see cref="BestLabel"/> is -1 between searches.</summary>
    private sealed class SearchScratch
    {
        public SearchScratch(int concepts)
        {
            BestScore = new double[concepts];
            BestLabel = new int[concepts];
            Array.Fill(BestLabel, -1);
        }

        public double[] BestScore { get; }

        public int[] BestLabel { get; }

        public List<int> Touched { get; } = [];
    }
}
