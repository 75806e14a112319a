namespace SkillGraph.Student;

/// <summary>
/// The standalone embeddings of the catalog's short labels, found by their tokens. In a long text (read in
/// <see cref="SpanContext.Phrase"/> or <see cref="SpanContext.Chunk"/> context) a candidate span's vector is pooled from the tokens
/// of its phrase or sentence, and a skill the text names by its very label drowns in its neighbours: "Python" in "forecasting
/// models in Python with pandas" scored 0.39 in a resume and 0.53 on its own. A span whose words are exactly one of these labels
/// gets the vector <see cref="SpanContext.Standalone"/> context would give it — the label's embedding from the
/// <see cref="SkillIndex"/> — at the cost of a lookup. The vectors are kept at the index's stored precision (half floats, one
/// array: 59 MB for ESCO's 77,549 short labels), so the index itself can be let go. Which skill owns the label does not matter
/// (the vector is the text's), so a table built when the student opens stays right when the graph changes; a label added since
/// is pooled as before. Thread-safe (read-only).
/// </summary>
public sealed class LabelSpanVectors
{
    private const int D = MiniLmEncoder.Dimension;
    private readonly Dictionary<ulong, (int[] Tokens, int Row)> _byTokens;
    private readonly Half[] _vectors;

    private LabelSpanVectors(Dictionary<ulong, (int[] Tokens, int Row)> byTokens, Half[] vectors) => (_byTokens, _vectors) = (byTokens, vectors);

    /// <summary>How many distinct label token sequences the table holds.</summary>
    public int Count => _byTokens.Count;

    /// <summary>
    /// The preferred and alternative labels of <paramref name="catalog"/> of at most <paramref name="maxWords"/> words (longer ones
    /// are never a candidate span), with their vectors from <paramref name="index"/>.
    /// </summary>
    public static LabelSpanVectors Build(SkillCatalog catalog, SkillIndex index, WordPieceTokenizer tokenizer, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var table = new Dictionary<ulong, (int[], int)>();
        var rows = new List<float[]>();
        void Add(string label, float[] vector)
        {
            if (WordPieceTokenizer.SplitWords(label).Count(w => !w.IsPunctuation) > maxWords)
            {
                return;
            }

            var ids = tokenizer.Encode(label);
            int[] tokens = [.. ids.Skip(1).Take(ids.Count - 2)]; // without [CLS] and [SEP]
            if (tokens.Length > 0 && !tokens.Contains(WordPieceTokenizer.UnkId) && table.TryAdd(Hash(tokens), (tokens, rows.Count)))
            {
                rows.Add(vector);
            }
        }

        var alt = 0;
        for (var i = 0; i < catalog.Count && i < index.Preferred.Length; i++)
        {
            Add(catalog[i].PreferredLabel, index.Preferred[i]);
            foreach (var label in SkillCatalog.DistinctAltLabels(catalog[i]))
            {
                // the index's alternative rows come skill by skill in this order (SkillIndex.Build, SkillIndex.Follow)
                if (alt < index.Alt.Length && index.AltOwner[alt] == i)
                {
                    Add(label, index.Alt[alt]);
                }

                alt++;
            }
        }

        var vectors = new Half[rows.Count * D];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var j = 0; j < D; j++)
            {
                vectors[(r * D) + j] = (Half)rows[r][j];
            }
        }

        return new LabelSpanVectors(table, vectors);
    }

    /// <summary>Writes the standalone vector of a span whose tokens (no [CLS]/[SEP]) are exactly a label's into <paramref name="destination"/>; false (nothing written) otherwise.</summary>
    public bool TryCopyTo(ReadOnlySpan<int> tokens, Span<float> destination)
    {
        if (!_byTokens.TryGetValue(Hash(tokens), out var entry) || !tokens.SequenceEqual(entry.Tokens))
        {
            return false;
        }

        var row = _vectors.AsSpan(entry.Row * D, D);
        for (var j = 0; j < D; j++)
        {
            destination[j] = (float)row[j];
        }

        return true;
    }

    private static ulong Hash(ReadOnlySpan<int> tokens)
    {
        var h = 14695981039346656037UL;
        foreach (var t in tokens)
        {
            h = (h ^ (uint)t) * 1099511628211UL;
        }

        return h ^ (ulong)tokens.Length;
    }
}
