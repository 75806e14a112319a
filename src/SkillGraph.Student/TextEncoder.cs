using System.Numerics.Tensors;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student;

/// <summary>
/// A text after one encoder pass: the mean-pooled vector of each chunk (the "sentence" view) and of each
/// candidate phrase (mean of its contextual token states). Vectors are raw means, row-major, 384 wide.
/// </summary>
public sealed record EncodedText(SegmentedText Segments, float[] ChunkVectors, float[] SpanVectors)
{
    /// <summary>
    /// Each chunk's token states (the encoder run and its row), kept only when <see cref="TextEncoder.EncodeMany"/> is asked to
    /// (the span tagger reads its words from them instead of running the encoder again); null otherwise.
    /// </summary>
    public IReadOnlyList<(TokenStates States, int Row)>? ChunkStates { get; init; }

    public int ChunkCount => Segments.Chunks.Count;
    public int SpanCount => Segments.Spans.Count;

    /// <summary>The whole text as one unit vector: the normalised sum of its chunk vectors (zero for an empty text).</summary>
    public float[] TextVector()
    {
        const int d = MiniLmEncoder.Dimension;
        var v = new float[d];
        for (var c = 0; c < ChunkCount; c++) TensorPrimitives.Add(v, ChunkVectors.AsSpan(c * d, d), v);
        MiniLmEncoder.Normalize(v);
        return v;
    }
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

    /// <summary>
    /// Whether the texts one <see cref="EncodeMany"/> call encodes are the lines of one document: <see cref="StandaloneSpanLimit"/>
    /// counts all their spans (all in one context), and they share one reading budget (<see cref="SegmenterOptions.MaxTokens"/>,
    /// <see cref="SegmenterOptions.MaxSpans"/>: the lines after it runs out are not read). Otherwise each text has its own.
    /// </summary>
    public bool OneDocument { get; init; }

    /// <summary>
    /// Whether the chunks and the phrases go to the encoder in runs cut where their padding costs more than another run
    /// (<see cref="MiniLmEncoder.RunSorted"/>, decision 0034): the matcher's reading, whose head is fitted on vectors read so; not when
    /// a text is read in <see cref="SpanContext.Standalone"/> context (a short job, read as the extractor reads it). Otherwise
    /// in the runs the extractor's heads were chosen on (chunks sorted by length, 16 a run; a text's phrases in one run): the int8
    /// encoder quantises activations per run, so the runs move the vectors slightly.
    /// </summary>
    public bool PackRuns { get; init; }

    /// <summary>
    /// In <see cref="SpanContext.Phrase"/> and <see cref="SpanContext.Chunk"/> context, a span whose tokens are exactly a skill
    /// label's gets that label's standalone vector instead of one pooled from its phrase (null: every span is pooled).
    /// </summary>
    public LabelSpanVectors? LabelSpans { get; init; }

    const int D = MiniLmEncoder.Dimension;

    public MiniLmEncoder Encoder { get; } = encoder;
    public TextSegmenter Segmenter { get; } = new(encoder.Tokenizer, options);

    public EncodedText Encode(string text, CancellationToken cancellationToken = default) => EncodeMany([text], cancellationToken)[0];

    /// <summary>
    /// Encodes several texts with shared encoder runs: their sentence chunks batched together, and (in
    /// <see cref="SpanContext.Standalone"/> mode) their candidate spans batched together — what the server's opt-in
    /// batching does with the texts of concurrent requests. The int8 encoder quantises activations per run, so a text's
    /// vectors differ slightly with what it is batched with (bench/RESULTS.md). Each text is read up to its reading budget (see
    /// <see cref="OneDocument"/>); <paramref name="cancellationToken"/> stops the encoder runs, the one in progress included.
    /// </summary>
    /// <param name="keepChunkStates">keep each chunk's token states on the answer (<see cref="EncodedText.ChunkStates"/>).</param>
    public IReadOnlyList<EncodedText> EncodeMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default, bool keepChunkStates = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var shared = OneDocument ? new ReadingBudget(Segmenter.Options) : null;
        var segs = texts.Select(t => Segmenter.Segment(t, shared ?? new ReadingBudget(Segmenter.Options))).ToArray();
        var chunkVecs = segs.Select(g => new float[g.Chunks.Count * D]).ToArray();
        var spanVecs = segs.Select(g => new float[g.Spans.Count * D]).ToArray();

        // Each text's span context: a long text (or document) in Standalone mode is read in Phrase mode.
        var allSpans = OneDocument ? segs.Sum(g => g.Spans.Count) : 0;
        var contexts = segs.Select(g => SpanContext == SpanContext.Standalone && (OneDocument ? allSpans : g.Spans.Count) > StandaloneSpanLimit ? SpanContext.Phrase : SpanContext).ToArray();

        // Every text's chunks, sorted by length so that padding stays small, up to 16 rows a run; with PackRuns cut where padding costs
        // more than a run, unless a text is read in Standalone context (a short text, read as the extractor reads it).
        var pack = PackRuns && !contexts.Contains(SpanContext.Standalone);
        var chunks = new List<(int Text, int Chunk)>();
        for (var t = 0; t < segs.Length; t++)
            for (var c = 0; c < segs[t].Chunks.Count; c++) chunks.Add((t, c));
        var chunkRows = Encoder.RunSorted([.. chunks.Select(c => segs[c.Text].Chunks[c.Chunk].TokenIds)], 16, pack, cancellationToken);
        var rowOf = segs.Select(g => new (TokenStates States, int Row)[g.Chunks.Count]).ToArray();
        for (var i = 0; i < chunks.Count; i++) rowOf[chunks[i].Text][chunks[i].Chunk] = chunkRows[i];
        for (var t = 0; t < segs.Length; t++)
            for (var c = 0; c < segs[t].Chunks.Count; c++)
            {
                var (states, row) = rowOf[t][c];
                var len = segs[t].Chunks[c].TokenIds.Length;
                var dst = chunkVecs[t].AsSpan(c * D, D);
                for (var k = 0; k < len; k++) TensorPrimitives.Add(dst, states.Token(row, k), dst);
                TensorPrimitives.Divide(dst, len, dst);
            }

        // Standalone spans of every text in one embedding call; the phrases of the Phrase-context texts in shared runs of up to
        // 128 phrases (whole texts; a single text is always one run, cut by length with PackRuns); the Chunk context text by text.
        var standalone = new List<int>();
        var phrased = new List<int>();
        for (var t = 0; t < segs.Length; t++)
        {
            if (segs[t].Chunks.Count == 0 || segs[t].Spans.Count == 0) continue;
            var context = contexts[t];
            if (context == SpanContext.Standalone) standalone.Add(t);
            else if (context == SpanContext.Phrase) phrased.Add(t);
            else PoolSpans(segs[t], context, rowOf[t], spanVecs[t], default);
        }
        for (var first = 0; first < phrased.Count;)
        {
            var last = first;
            var count = segs[phrased[first]].Phrases.Count;
            while (last + 1 < phrased.Count && count + segs[phrased[last + 1]].Phrases.Count <= 128) count += segs[phrased[++last]].Phrases.Count;
            var seqs = new List<int[]>(count);
            for (var j = first; j <= last; j++) seqs.AddRange(PhraseSequences(segs[phrased[j]]));
            var phraseRows = Encoder.RunSorted(seqs, pack ? 128 : seqs.Count, pack, cancellationToken);
            for (int j = first, row = 0; j <= last; row += segs[phrased[j]].Phrases.Count, j++)
                PoolSpans(segs[phrased[j]], SpanContext.Phrase, rowOf[phrased[j]], spanVecs[phrased[j]], new ArraySegment<(TokenStates, int)>(phraseRows, row, segs[phrased[j]].Phrases.Count));
            first = last + 1;
        }
        if (standalone.Count > 0)
        {
            var seqs = new List<int[]>();
            foreach (var t in standalone)
                foreach (var sp in segs[t].Spans)
                {
                    var ids = segs[t].Chunks[sp.Chunk].TokenIds;
                    var seq = new int[sp.TokenEnd - sp.TokenStart + 2];
                    seq[0] = WordPieceTokenizer.ClsId;
                    Array.Copy(ids, sp.TokenStart, seq, 1, sp.TokenEnd - sp.TokenStart);
                    seq[^1] = WordPieceTokenizer.SepId;
                    seqs.Add(seq);
                }
            var vecs = Encoder.EmbedTokenized(seqs, 64, cancellationToken);
            var at = 0;
            foreach (var t in standalone)
                for (var p = 0; p < segs[t].Spans.Count; p++) vecs[at++].CopyTo(spanVecs[t].AsSpan(p * D, D));
        }
        return [.. segs.Select((g, t) => new EncodedText(g, chunkVecs[t], spanVecs[t]) { ChunkStates = keepChunkStates ? rowOf[t] : null })];
    }

    /// <summary>Each phrase of a text as a [CLS] … [SEP] sequence.</summary>
    static IEnumerable<int[]> PhraseSequences(SegmentedText seg)
    {
        foreach (var ph in seg.Phrases)
        {
            var ids = seg.Chunks[ph.Chunk].TokenIds;
            var seq = new int[ph.TokenEnd - ph.TokenStart + 2];
            seq[0] = WordPieceTokenizer.ClsId;
            Array.Copy(ids, ph.TokenStart, seq, 1, ph.TokenEnd - ph.TokenStart);
            seq[^1] = WordPieceTokenizer.SepId;
            yield return seq;
        }
    }

    /// <summary>
    /// Span vectors pooled from token states: the phrase pass (<see cref="SpanContext.Phrase"/>; the run and row of each of the
    /// text's phrases) or the chunk pass.
    /// </summary>
    void PoolSpans(SegmentedText seg, SpanContext context, (TokenStates States, int Row)[] rowOf, float[] spanVecs, ArraySegment<(TokenStates States, int Row)> phraseRows)
    {
        if (context == SpanContext.Phrase)
        {
            for (var p = 0; p < seg.Spans.Count; p++)
            {
                var sp = seg.Spans[p];
                var ph = seg.Phrases[sp.Phrase];
                var (states, row) = phraseRows[sp.Phrase];
                var dst = spanVecs.AsSpan(p * D, D);
                if (IsLabel(seg, sp, dst)) continue;
                if (sp.TokenStart == ph.TokenStart && sp.TokenEnd == ph.TokenEnd)
                {
                    // the whole phrase: pool like a sentence ([CLS] and [SEP] included), i.e. its standalone embedding
                    var len = ph.TokenEnd - ph.TokenStart + 2;
                    for (var t = 0; t < len; t++) TensorPrimitives.Add(dst, states.Token(row, t), dst);
                    TensorPrimitives.Divide(dst, len, dst);
                }
                else
                {
                    for (var t = sp.TokenStart; t < sp.TokenEnd; t++) TensorPrimitives.Add(dst, states.Token(row, t - ph.TokenStart + 1), dst);
                    TensorPrimitives.Divide(dst, sp.TokenEnd - sp.TokenStart, dst);
                }
            }
            return;
        }
        for (var p = 0; p < seg.Spans.Count; p++)
        {
            var sp = seg.Spans[p];
            var (states, row) = rowOf[sp.Chunk];
            var dst = spanVecs.AsSpan(p * D, D);
            if (IsLabel(seg, sp, dst)) continue;
            for (var t = sp.TokenStart; t < sp.TokenEnd; t++) TensorPrimitives.Add(dst, states.Token(row, t), dst);
            TensorPrimitives.Divide(dst, sp.TokenEnd - sp.TokenStart, dst);
        }
    }

    /// <summary>Whether the span's tokens are exactly a label's (<see cref="LabelSpans"/>): then its standalone vector is in <paramref name="dst"/> and nothing is pooled.</summary>
    bool IsLabel(SegmentedText seg, CandidateSpan sp, Span<float> dst) =>
        LabelSpans?.TryCopyTo(seg.Chunks[sp.Chunk].TokenIds.AsSpan(sp.TokenStart, sp.TokenEnd - sp.TokenStart), dst) == true;
}
