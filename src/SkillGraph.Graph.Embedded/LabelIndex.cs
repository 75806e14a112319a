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
    /// new concept) were written: only their labels are tokenised; the built index is shared. The written labels go to the
    /// young segment, and with it into the old one once it would hold more than <paramref name="youngLabels"/>.
    /// </summary>
    public LabelIndex With(IReadOnlyList<(int Id, Concept Concept)> changed, UriOrder order, int conceptCount, int youngLabels)
    {
        var delta = _delta;
        var stamp = delta.Stamp + 1;
        var stamps = delta.Stamps ?? ChunkedArray<(int Stamp, int Labels)>.From(new (int, int)[conceptCount]);
        var dead = delta.Dead;
        var deadLabels = delta.DeadLabels;
        var liveLabels = delta.LiveLabels;
        var concepts = delta.Concepts;
        var deadCopied = false;
        var deadTerms = new Dictionary<int, int>();
        var stampChanges = new List<(int Index, (int Stamp, int Labels) Item)>(changed.Count);
        var added = new List<IndexedLabel>();
        foreach (var (id, concept) in changed)
        {
            var (previous, labels) = id < stamps.Count ? stamps[id] : (0, 0);
            if (previous != 0)
            {
                liveLabels -= labels;
            }
            else
            {
                concepts++;
                if (id < _built.ConceptCount)
                {
                    if (!deadCopied)
                    {
                        dead = dead is null ? new ulong[(_built.ConceptCount + 63) >> 6] : (ulong[])dead.Clone();
                        deadCopied = true;
                    }

                    dead![id >> 6] |= 1UL << id;
                    for (var label = _built.ConceptLabels[id]; label < _built.ConceptLabels[id + 1]; label++)
                    {
                        deadLabels++;
                        foreach (var token in _built.LabelTokens[label].Distinct(StringComparer.Ordinal))
                        {
                            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(deadTerms, Array.BinarySearch(_built.Terms, token, StringComparer.Ordinal), out _)++;
                        }
                    }
                }
            }

            var before = added.Count;
            added.AddRange(IndexedLabel.Of(id, concept, stamp));
            liveLabels += added.Count - before;
            stampChanges.Add((id, (stamp, added.Count - before)));
        }

        var deadPerTerm = delta.DeadPerTerm;
        if (deadTerms.Count > 0)
        {
            deadPerTerm ??= ChunkedArray<int>.From(new int[_built.Terms.Length]);
            deadPerTerm = deadPerTerm.With([.. deadTerms.Select(t => (t.Key, deadPerTerm[t.Key] + t.Value))]);
        }

        stamps = stamps.With(stampChanges);
        bool Current(IndexedLabel label) => stamps[label.Concept].Stamp == label.Stamp;
        var (old, young) = delta.Young.Labels.Length + added.Count <= youngLabels
            ? (delta.Old, LabelSegment.Of([delta.Young], Current, added))
            : (LabelSegment.Of([delta.Old, delta.Young], Current, added), LabelSegment.Empty);
        return new LabelIndex(_built, new LabelDelta(dead, deadPerTerm, deadLabels, stamps, stamp, liveLabels, concepts, old, young), order, conceptCount);
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
        var (old, young) = (delta.Old, delta.Young);
        var labelCount = built.LabelCount - delta.DeadLabels + delta.LiveLabels;

        // Term ranges per query token: exact match first, then every term it is a prefix of.
        var ranges = new (int From, int To)[queryTokens.Length];
        var oldRanges = new (int From, int To)[queryTokens.Length];
        var youngRanges = new (int From, int To)[queryTokens.Length];
        var weights = new double[queryTokens.Length];
        var driver = -1;
        long driverSize = long.MaxValue;
        for (var i = 0; i < queryTokens.Length; i++)
        {
            var allowPrefix = queryTokens[i].Length >= 2;
            ranges[i] = built.TermRange(queryTokens[i], allowPrefix);
            oldRanges[i] = old.Postings.Length == 0 ? (0, 0) : old.Range(queryTokens[i], allowPrefix);
            youngRanges[i] = young.Postings.Length == 0 ? (0, 0) : young.Range(queryTokens[i], allowPrefix);
            long size = delta.LivePostings(oldRanges[i], youngRanges[i]);
            var deadPerTerm = delta.DeadPerTerm;
            for (var t = ranges[i].From; t < ranges[i].To; t++)
            {
                size += built.Postings[t].Length - (deadPerTerm is null ? 0 : deadPerTerm[t]);
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
        // Labels are numbered: built ones first, then the old segment's, then the young one's.
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

        void ConsiderSegment(LabelSegment segment, (int From, int To) range, int firstId)
        {
            for (var p = range.From; p < range.To; p++)
            {
                var label = segment.Labels[segment.Postings[p].Label];
                if (delta.IsLive(label))
                {
                    Consider(firstId + segment.Postings[p].Label, label.Concept, label.ConceptKind, label.Tokens, label.Normalized, label.Kind == LabelKind.Preferred);
                }
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

            ConsiderSegment(old, oldRanges[driver], built.LabelCount);
            ConsiderSegment(young, youngRanges[driver], built.LabelCount + old.Labels.Length);

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
                var (matchedText, matchedKind) = labelId < built.LabelCount ? (built.LabelText[labelId], built.LabelKind[labelId])
                    : labelId < built.LabelCount + old.Labels.Length ? (old.Labels[labelId - built.LabelCount].Text, old.Labels[labelId - built.LabelCount].Kind)
                    : (young.Labels[labelId - built.LabelCount - old.Labels.Length].Text, young.Labels[labelId - built.LabelCount - old.Labels.Length].Kind);
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
