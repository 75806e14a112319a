using System.Numerics.Tensors;

namespace SkillGraph.Student;

/// <summary>
/// A text after one encoder pass: the mean-pooled vector of each chunk (the "sentence" view) and of each
/// candidate phrase (mean of its contextual token states). Vectors are raw means, row-major, 384 wide.
/// </summary>
public sealed record EncodedText(SegmentedText Segments, float[] ChunkVectors, float[] SpanVectors)
{
    public int ChunkCount => Segments.Chunks.Count;
    public int SpanCount => Segments.Spans.Count;
}

/// <summary>What a candidate span's vector is pooled from.</summary>
public enum SpanContext
{
    /// <summary>The span's tokens in the full chunk (one encoder pass; cheapest, weakest).</summary>
    Chunk,
    /// <summary>The span's tokens in its short phrase, encoded on its own (one extra short pass per text).</summary>
    Phrase,
    /// <summary>Each span encoded on its own (one sequence per span; most expensive).</summary>
    Standalone,
}

/// <summary>Segments a text, runs the encoder once over its chunks and pools chunk and phrase vectors.</summary>
public sealed class TextEncoder(MiniLmEncoder encoder, SegmenterOptions? options = null, SpanContext spanContext = SpanContext.Phrase)
{
    /// <summary>What a candidate span's vector is pooled from.</summary>
    public SpanContext SpanContext { get; } = spanContext;

    /// <summary>
    /// In <see cref="SpanContext.Standalone"/> mode, a text with more candidate spans than this (a long document) is encoded
    /// in <see cref="SpanContext.Phrase"/> mode instead, to bound latency (a whole phrase gets the same vector either way).
    /// </summary>
    public int StandaloneSpanLimit { get; init; } = int.MaxValue;

    const int D = MiniLmEncoder.Dimension;

    public MiniLmEncoder Encoder { get; } = encoder;
    public TextSegmenter Segmenter { get; } = new(encoder.Tokenizer, options);

    public EncodedText Encode(string text)
    {
        var seg = Segmenter.Segment(text);
        var chunkVecs = new float[seg.Chunks.Count * D];
        var spanVecs = new float[seg.Spans.Count * D];
        if (seg.Chunks.Count == 0) return new EncodedText(seg, chunkVecs, spanVecs);
        // sort chunks by length so that padding stays small; batch up to 16 rows
        var order = Enumerable.Range(0, seg.Chunks.Count).OrderBy(i => seg.Chunks[i].TokenIds.Length).ToArray();
        var rowOf = new (TokenStates States, int Row)[seg.Chunks.Count];
        for (var s = 0; s < order.Length; s += 16)
        {
            var n = Math.Min(16, order.Length - s);
            var batch = new int[n][];
            for (var j = 0; j < n; j++) batch[j] = seg.Chunks[order[s + j]].TokenIds;
            var states = Encoder.Run(batch);
            for (var j = 0; j < n; j++) rowOf[order[s + j]] = (states, j);
        }
        for (var c = 0; c < seg.Chunks.Count; c++)
        {
            var (states, row) = rowOf[c];
            var len = seg.Chunks[c].TokenIds.Length;
            var dst = chunkVecs.AsSpan(c * D, D);
            for (var t = 0; t < len; t++) TensorPrimitives.Add(dst, states.Token(row, t), dst);
            TensorPrimitives.Divide(dst, len, dst);
        }
        var context = SpanContext == SpanContext.Standalone && seg.Spans.Count > StandaloneSpanLimit ? SpanContext.Phrase : SpanContext;
        if (context == SpanContext.Phrase && seg.Spans.Count > 0)
        {
            var seqs = new int[seg.Phrases.Count][];
            for (var p = 0; p < seqs.Length; p++)
            {
                var ph = seg.Phrases[p];
                var ids = seg.Chunks[ph.Chunk].TokenIds;
                var seq = new int[ph.TokenEnd - ph.TokenStart + 2];
                seq[0] = WordPieceTokenizer.ClsId;
                Array.Copy(ids, ph.TokenStart, seq, 1, ph.TokenEnd - ph.TokenStart);
                seq[^1] = WordPieceTokenizer.SepId;
                seqs[p] = seq;
            }
            var states = Encoder.Run(seqs);
            for (var p = 0; p < seg.Spans.Count; p++)
            {
                var sp = seg.Spans[p];
                var ph = seg.Phrases[sp.Phrase];
                var dst = spanVecs.AsSpan(p * D, D);
                if (sp.TokenStart == ph.TokenStart && sp.TokenEnd == ph.TokenEnd)
                {
                    // the whole phrase: pool like a sentence ([CLS] and [SEP] included), i.e. its standalone embedding
                    var len = ph.TokenEnd - ph.TokenStart + 2;
                    for (var t = 0; t < len; t++) TensorPrimitives.Add(dst, states.Token(sp.Phrase, t), dst);
                    TensorPrimitives.Divide(dst, len, dst);
                }
                else
                {
                    for (var t = sp.TokenStart; t < sp.TokenEnd; t++) TensorPrimitives.Add(dst, states.Token(sp.Phrase, t - ph.TokenStart + 1), dst);
                    TensorPrimitives.Divide(dst, sp.TokenEnd - sp.TokenStart, dst);
                }
            }
            return new EncodedText(seg, chunkVecs, spanVecs);
        }
        if (context == SpanContext.Standalone && seg.Spans.Count > 0)
        {
            var seqs = new int[seg.Spans.Count][];
            for (var p = 0; p < seg.Spans.Count; p++)
            {
                var sp = seg.Spans[p];
                var ids = seg.Chunks[sp.Chunk].TokenIds;
                var seq = new int[sp.TokenEnd - sp.TokenStart + 2];
                seq[0] = WordPieceTokenizer.ClsId;
                Array.Copy(ids, sp.TokenStart, seq, 1, sp.TokenEnd - sp.TokenStart);
                seq[^1] = WordPieceTokenizer.SepId;
                seqs[p] = seq;
            }
            var vecs = Encoder.EmbedTokenized(seqs, 64);
            for (var p = 0; p < vecs.Length; p++) vecs[p].CopyTo(spanVecs.AsSpan(p * D, D));
            return new EncodedText(seg, chunkVecs, spanVecs);
        }
        for (var p = 0; p < seg.Spans.Count; p++)
        {
            var sp = seg.Spans[p];
            var (states, row) = rowOf[sp.Chunk];
            var dst = spanVecs.AsSpan(p * D, D);
            for (var t = sp.TokenStart; t < sp.TokenEnd; t++) TensorPrimitives.Add(dst, states.Token(row, t), dst);
            TensorPrimitives.Divide(dst, sp.TokenEnd - sp.TokenStart, dst);
        }
        return new EncodedText(seg, chunkVecs, spanVecs);
    }
}
