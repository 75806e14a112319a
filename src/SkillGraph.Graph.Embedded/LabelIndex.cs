using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// An in-memory inverted index over preferred and alternative labels. A query token matches a label token
/// exactly or as a prefix (tokens of two characters or more); every query token must match. Scores favour
/// exact words, labels the query covers completely, rare words (idf) and preferred labels.
/// </summary>
internal sealed class LabelIndex
{
    private readonly int[] _labelConcept;
    private readonly ConceptKind[] _labelConceptKind;
    private readonly int _conceptCount;
    private readonly ThreadLocal<SearchScratch> _scratch;
    private readonly string[] _labelText;
    private readonly LabelKind[] _labelKind;
    private readonly string[] _labelNormalized;
    private readonly string[][] _labelTokens;
    private readonly string[] _terms;
    private readonly int[][] _postings;
    private readonly int _labelCount;

    public LabelIndex(IReadOnlyList<Concept> concepts)
    {
        var conceptIds = new List<int>();
        var texts = new List<string>();
        var kinds = new List<LabelKind>();
        var normalized = new List<string>();
        var tokens = new List<string[]>();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var id = 0; id < concepts.Count; id++)
        {
            var concept = concepts[id];
            seen.Clear();
            Add(id, concept.PreferredLabel, LabelKind.Preferred);
            foreach (var label in concept.Labels)
            {
                if (label.Kind == LabelKind.Alternative)
                {
                    Add(id, label.Text, LabelKind.Alternative);
                }
            }
        }

        _labelConcept = [.. conceptIds];
        _labelConceptKind = [.. conceptIds.Select(id => concepts[id].Kind)];
        _conceptCount = concepts.Count;
        _scratch = new ThreadLocal<SearchScratch>(() => new SearchScratch(_conceptCount));
        _labelText = [.. texts];
        _labelKind = [.. kinds];
        _labelNormalized = [.. normalized];
        _labelTokens = [.. tokens];
        _labelCount = _labelText.Length;
        _terms = [.. postings.Keys.Order(StringComparer.Ordinal)];
        _postings = new int[_terms.Length][];
        for (var t = 0; t < _terms.Length; t++)
        {
            _postings[t] = [.. postings[_terms[t]]];
        }

        void Add(int conceptId, string text, LabelKind kind)
        {
            var norm = LabelText.Normalize(text);
            if (norm.Length == 0 || !seen.Add(norm))
            {
                return;
            }

            var labelId = texts.Count;
            conceptIds.Add(conceptId);
            texts.Add(text);
            kinds.Add(kind);
            normalized.Add(norm);
            var labelTokens = LabelText.Tokens(norm);
            tokens.Add(labelTokens);
            foreach (var token in labelTokens.Distinct(StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(token, out var list))
                {
                    postings[token] = list = [];
                }

                list.Add(labelId);
            }
        }
    }

    public IReadOnlyList<SearchHit> Search(string text, ConceptKind? kind, int first, Func<int, Concept> concept)
    {
        var normalizedQuery = LabelText.Normalize(text);
        var queryTokens = LabelText.Tokens(normalizedQuery);
        if (queryTokens.Length == 0 || first <= 0)
        {
            return [];
        }

        // Term ranges per query token: exact match first, then every term it is a prefix of.
        var ranges = new (int From, int To)[queryTokens.Length];
        var weights = new double[queryTokens.Length];
        var driver = -1;
        long driverSize = long.MaxValue;
        for (var i = 0; i < queryTokens.Length; i++)
        {
            ranges[i] = TermRange(queryTokens[i], allowPrefix: queryTokens[i].Length >= 2);
            long size = 0;
            for (var t = ranges[i].From; t < ranges[i].To; t++)
            {
                size += _postings[t].Length;
            }

            if (size == 0)
            {
                return [];
            }

            weights[i] = Math.Log(1 + (_labelCount / (double)size));
            if (size < driverSize)
            {
                driverSize = size;
                driver = i;
            }
        }

        var weightSum = weights.Sum();

        // Best label per concept in pooled arrays (no dictionary), then a bounded heap for the top results.
        var scratch = _scratch.Value!;
        var bestScore = scratch.BestScore;
        var bestLabel = scratch.BestLabel;
        var touched = scratch.Touched;
        touched.Clear();
        try
        {
            for (var t = ranges[driver].From; t < ranges[driver].To; t++)
            {
                foreach (var labelId in _postings[t])
                {
                    if (kind is { } k && _labelConceptKind[labelId] != k)
                    {
                        continue;
                    }

                    var score = LabelMatch.Score(_labelTokens[labelId], _labelNormalized[labelId], _labelKind[labelId] == LabelKind.Preferred, queryTokens, weights, weightSum, normalizedQuery);
                    if (score <= 0)
                    {
                        continue;
                    }

                    var conceptId = _labelConcept[labelId];
                    if (bestLabel[conceptId] < 0)
                    {
                        touched.Add(conceptId);
                        bestScore[conceptId] = score;
                        bestLabel[conceptId] = labelId;
                    }
                    else if (score > bestScore[conceptId] || (score == bestScore[conceptId] && _labelKind[labelId] == LabelKind.Preferred))
                    {
                        bestScore[conceptId] = score;
                        bestLabel[conceptId] = labelId;
                    }
                }
            }

            // Keep the best `first` by (score desc, preferred label length asc, id asc): a min-heap on that order.
            var heap = new PriorityQueue<int, (double Score, int Length, int Id)>(first + 1, WorstFirst.Instance);
            foreach (var conceptId in touched)
            {
                heap.Enqueue(conceptId, (bestScore[conceptId], concept(conceptId).PreferredLabel.Length, conceptId));
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
                hits[i] = new SearchHit(c.Uri, c.Kind, c.PreferredLabel, _labelText[labelId], _labelKind[labelId], Math.Round(bestScore[conceptId], 4));
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

    private (int From, int To) TermRange(string token, bool allowPrefix)
    {
        var from = Array.BinarySearch(_terms, token, StringComparer.Ordinal);
        if (!allowPrefix)
        {
            return from >= 0 ? (from, from + 1) : (0, 0);
        }

        if (from < 0)
        {
            from = ~from;
        }

        var to = from;
        while (to < _terms.Length && _terms[to].StartsWith(token, StringComparison.Ordinal))
        {
            to++;
        }

        return (from, to);
    }

    /// <summary>Orders search candidates worst first: lower score, then longer label, then higher id.</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Length, int Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Length, int Id) x, (double Score, int Length, int Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = y.Length.CompareTo(x.Length);
            return byLength != 0 ? byLength : y.Id.CompareTo(x.Id);
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
