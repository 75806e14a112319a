using System.Globalization;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student;

/// <summary>Runtime options of <see cref="SkillExtractor.Load"/>.</summary>
public sealed record ExtractorOptions
{
    /// <summary>ORT intra-op threads per session (encoder and scorer). 1 suits many concurrent callers; 2 the lowest latency on 2 cores.</summary>
    public int IntraOpThreads { get; init; } = 1;
    /// <summary>How candidate spans are encoded; must match what the scorer was trained with (its metadata says).</summary>
    public SpanContext? SpanContext { get; init; }
    /// <summary>An alternative encoder .onnx; null = the embedded all-MiniLM-L6-v2.</summary>
    public string? EncoderModelPath { get; init; }
    /// <summary>Quantise the embedded encoder to int8 at load time (what the shipped scorer was trained with).</summary>
    public bool QuantizeEncoder { get; init; } = true;
    /// <summary>Skills scoring below this are not returned.</summary>
    public float MinScore { get; init; }
    /// <summary>In Standalone span mode, texts with more candidate spans than this are encoded in Phrase mode (bounds latency on long texts).</summary>
    public int StandaloneSpanLimit { get; init; } = 96;
    /// <summary>Diversity: a skill's score is lowered by this much for every already chosen skill whose span overlaps its span.</summary>
    public float SpanOverlapPenalty { get; init; }
}

/// <summary>Defaults of the extractor's answers that hosts share (chosen on held-out data; docs/decisions/0019, 0027).</summary>
public static class SkillExtractorDefaults
{
    /// <summary>
    /// The <see cref="SkillExtractor.SpanExtent"/> hosts set: tagged spans, drawn closer to annotators' (SkillSpan dev exact F1
    /// 10.6 → 13.4) from the word states the extractor's own encoder pass already holds, so at no measurable cost (decision
    /// 0027); <c>Student:SpanExtent=Best</c> gives the candidate span that scored the skill.
    /// </summary>
    public const SpanExtent SpanExtent = Student.SpanExtent.Tagged;
}

/// <summary>How much text an answer's span covers.</summary>
public enum SpanExtent
{
    /// <summary>The candidate span (1–4 words) that scored the skill best.</summary>
    Best,
    /// <summary>The whole phrase (a run of content words, up to 8) that the best candidate span lies in.</summary>
    Phrase,
    /// <summary>
    /// The span the <see cref="SpanTagger"/> proposes (as SkillSpan's annotators draw spans) that best overlaps the best candidate
    /// span, joined with it; the best candidate span when no tagged span overlaps it or no tagger is loaded (docs/decisions/0027).
    /// </summary>
    Tagged,
}

/// <summary>
/// The student's skill extractor: one encoder pass over sentence chunks, one over short phrases, and one scorer pass
/// (projection heads + cosine against every skill + fusion + TopK), all run by ONNX Runtime. Thread-safe; share one instance.
/// </summary>
public sealed class SkillExtractor : IDisposable
{
    readonly IDisposable[] _owned;
    ExtractorLabels _labels;
    GraphReranking? _reranking;

    public SkillExtractor(TextEncoder encoder, SkillScorer scorer, SkillCatalog catalog)
        : this(encoder, scorer, catalog, []) { }

    internal SkillExtractor(TextEncoder encoder, SkillScorer scorer, SkillCatalog catalog, IDisposable[] owned)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(catalog);
        EnsureScorerFits(scorer, catalog);
        Encoder = encoder;
        _labels = new ExtractorLabels(catalog, scorer, owned.Contains(scorer));
        _owned = [.. owned.Where(o => !ReferenceEquals(o, scorer))];
    }

    static void EnsureScorerFits(SkillScorer scorer, SkillCatalog catalog)
    {
        if (scorer.Metadata.TryGetValue("catalog_fingerprint", out var fp)
            && !string.Equals(fp, catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture), StringComparison.Ordinal))
            throw new InvalidOperationException("the scorer model was trained for a different skill catalog; retrain it (train) for this catalog");
    }

    /// <summary>Loads the encoder and a scorer model file (written by <see cref="ScorerModel.Save"/>) for <paramref name="catalog"/>.</summary>
    public static SkillExtractor Load(SkillCatalog catalog, string scorerModelPath, ExtractorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var o = options ?? new ExtractorOptions();
        var scorer = SkillScorer.Load(scorerModelPath, o.IntraOpThreads);
        MiniLmEncoder? encoder = null;
        try
        {
            encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = o.IntraOpThreads, ModelPath = o.EncoderModelPath, Quantize = o.QuantizeEncoder });
            var context = o.SpanContext
                ?? (scorer.Metadata.TryGetValue("span_context", out var sc) ? Enum.Parse<SpanContext>(sc, true) : SpanContext.Phrase);
            return new SkillExtractor(new TextEncoder(encoder, null, context) { StandaloneSpanLimit = o.StandaloneSpanLimit }, scorer, catalog, [scorer, encoder])
            {
                MinScore = o.MinScore,
                SpanOverlapPenalty = o.SpanOverlapPenalty,
                Tagger = SpanTagger.LoadDefault(),
            };
        }
        catch
        {
            scorer.Dispose();
            encoder?.Dispose();
            throw;
        }
    }

    public TextEncoder Encoder { get; }
    /// <summary>The scorer of the current catalog (see <see cref="Follow"/>); to rank, use <see cref="Mentions"/>, which holds it for the call.</summary>
    public SkillScorer Scorer => Volatile.Read(ref _labels).Scorer;
    /// <summary>The skills the extractor answers with now.</summary>
    public SkillCatalog Catalog => Volatile.Read(ref _labels).Catalog;

    /// <summary>
    /// Answers from <paramref name="catalog"/> and its <paramref name="scorer"/> from now on (the graph changed): one reference
    /// swapped, so a ranking sees the old pair or the new one, never a mix. The extractor owns <paramref name="scorer"/>; the
    /// previous scorer is disposed (when owned) once the rankings using it finish.
    /// </summary>
    internal void Follow(SkillCatalog catalog, SkillScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(scorer);
        EnsureScorerFits(scorer, catalog);
        Interlocked.Exchange(ref _labels, new ExtractorLabels(catalog, scorer, ownsScorer: true)).Release();
    }

    ExtractorLabels Lease()
    {
        while (true)
        {
            var labels = Volatile.Read(ref _labels);
            if (labels.TryAcquire()) return labels;
        }
    }

    /// <summary>Minimum score for a skill to be returned (0 = return <c>top</c> skills always).</summary>
    public float MinScore { get; init; }

    /// <summary>See <see cref="ExtractorOptions.SpanOverlapPenalty"/>; 0 = plain score order.</summary>
    public float SpanOverlapPenalty { get; init; }

    /// <summary>
    /// How much text <see cref="Extract"/>'s spans cover (default <see cref="SpanExtent.Tagged"/>; docs/decisions/0019 and 0027
    /// have the SkillSpan figures). Only the spans change, never the ranking; <see cref="Mentions"/> always gives the best candidate span.
    /// </summary>
    public SpanExtent SpanExtent
    {
        get => (SpanExtent)Volatile.Read(ref _spanExtent);
        set => Volatile.Write(ref _spanExtent, (int)value);
    }

    int _spanExtent = (int)SkillExtractorDefaults.SpanExtent;

    /// <summary>The span tagger <see cref="SpanExtent.Tagged"/> reads (null: tagged spans are the best candidate spans).</summary>
    public SpanTagger? Tagger { get; init; }

    /// <summary>The graph re-ranking <see cref="Extract"/> applies (null or inactive: the scorer's order); see <see cref="UseGraph"/>.</summary>
    public GraphReranking? Reranking => Volatile.Read(ref _reranking);

    /// <summary>
    /// Re-ranks <see cref="Extract"/>'s answers over this graph snapshot from now on (null: stop). One reference swapped, so a host
    /// that follows curation hands in a new snapshot after a change. <see cref="Mentions"/> is never re-ranked.
    /// </summary>
    public void UseGraph(GraphReranking? reranking) => Volatile.Write(ref _reranking, reranking);

    /// <summary>The <paramref name="top"/> skills of <paramref name="text"/>, best first, each with the span that best supports it.</summary>
    public IReadOnlyList<SkillMention> Extract(string text, int top = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ExtractMany([text], top, cancellationToken)[0];
    }

    /// <summary>
    /// <see cref="Extract"/> for several texts with shared encoder runs (<see cref="TextEncoder.EncodeMany"/>); the
    /// server's opt-in batching across requests (<see cref="ExtractionBatcher"/>) calls it. Each text is read up to the encoder's
    /// reading budget (<see cref="SegmenterOptions.MaxTokens"/>, <see cref="SegmenterOptions.MaxSpans"/>); <paramref name="cancellationToken"/>
    /// stops the ONNX runs, the one in progress included.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<SkillMention>> ExtractMany(IReadOnlyList<string> texts, int top = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var live = Enumerable.Range(0, texts.Count).Where(i => !string.IsNullOrWhiteSpace(texts[i])).ToList();
        var encoded = Encoder.EncodeMany([.. live.Select(i => texts[i])], cancellationToken, keepChunkStates: SpanExtent == SpanExtent.Tagged && Tagger is not null);
        var result = new IReadOnlyList<SkillMention>[texts.Count];
        Array.Fill(result, []);
        for (var j = 0; j < live.Count; j++) result[live[j]] = Extend(texts[live[j]], encoded[j], Rank(encoded[j], top, cancellationToken), cancellationToken);
        return result;
    }

    /// <summary>The answers' spans widened to their phrases or tagged spans when <see cref="SpanExtent"/> says so.</summary>
    IReadOnlyList<SkillMention> Extend(string text, EncodedText encoded, IReadOnlyList<SkillMention> mentions, CancellationToken cancellationToken)
    {
        if (SpanExtent == SpanExtent.Best || encoded.SpanCount == 0 || mentions.Count == 0) return mentions;
        if (SpanExtent == SpanExtent.Tagged)
        {
            return Tagger is { } tagger ? TaggedSpans.Widen(tagger, Encoder.Encoder, text, encoded, mentions, cancellationToken) : mentions;
        }

        var spans = encoded.Segments.Spans;
        var phraseOf = new Dictionary<TextSpan, int>(spans.Count);
        var extent = new Dictionary<int, TextSpan>();
        foreach (var span in spans)
        {
            phraseOf.TryAdd(span.Chars, span.Phrase);
            extent[span.Phrase] = extent.TryGetValue(span.Phrase, out var e)
                ? new TextSpan(Math.Min(e.Start, span.Chars.Start), Math.Max(e.End, span.Chars.End))
                : span.Chars;
        }

        return [.. mentions.Select(m => m with
        {
            Spans = [.. m.Spans.Select(s => phraseOf.TryGetValue(s, out var p) ? extent[p] : s)],
        })];
    }

    IReadOnlyList<SkillMention> Rank(EncodedText encoded, int top, CancellationToken cancellationToken)
    {
        if (encoded.ChunkCount == 0) return [];
        var reranking = Reranking;
        if (reranking is not { Options.Active: true })
        {
            if (SpanOverlapPenalty <= 0) return Mentions(encoded, top, cancellationToken);
            return Diversify(Mentions(encoded, Math.Max(top * 3, 50), cancellationToken), top, SpanOverlapPenalty);
        }

        var pool = reranking.Rerank(Mentions(encoded, GraphReranking.PoolSize(top), cancellationToken));
        return SpanOverlapPenalty > 0 ? Diversify(pool, top, SpanOverlapPenalty) : [.. pool.Take(top)];
    }

    /// <summary>
    /// Until disposed, calls run in the server's setting (two ONNX threads alone, one while another call runs) take the
    /// one-thread sessions, as if another call were running: for a caller that runs two calls side by side on purpose.
    /// </summary>
    internal IDisposable SideBySide()
    {
        var scorer = Scorer;
        Encoder.Encoder.Join();
        scorer.Join();
        return new SideBySideScope(Encoder.Encoder, scorer);
    }

    sealed class SideBySideScope(MiniLmEncoder encoder, SkillScorer scorer) : IDisposable
    {
        int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                encoder.Leave();
                scorer.Leave();
            }
        }
    }

    /// <summary>The scorer's top <paramref name="k"/> skills of an encoded text as mentions, best first, all from one catalog.</summary>
    public IReadOnlyList<SkillMention> Mentions(EncodedText encoded, int k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var labels = Lease();
        try
        {
            return ToMentions(encoded, labels.Scorer.Score(encoded, Math.Min(k, labels.Catalog.Count), cancellationToken: cancellationToken), labels.Catalog);
        }
        finally
        {
            labels.Release();
        }
    }

    /// <summary>Greedy re-ranking: each pick lowers the adjusted score of candidates whose span overlaps the pick's span.</summary>
    static List<SkillMention> Diversify(IReadOnlyList<SkillMention> pool, int top, float penalty)
    {
        var chosen = new List<SkillMention>(top);
        var taken = new bool[pool.Count];
        while (chosen.Count < top && chosen.Count < pool.Count)
        {
            var best = -1;
            var bestScore = float.NegativeInfinity;
            for (var i = 0; i < pool.Count; i++)
            {
                if (taken[i]) continue;
                // scores are sorted: once the raw score cannot beat the best adjusted score, stop looking
                if (pool[i].Score <= bestScore) break;
                var overlaps = 0;
                var sp = pool[i].Spans[0];
                foreach (var c in chosen)
                    if (c.Spans[0].Start < sp.End && sp.Start < c.Spans[0].End) overlaps++;
                var adjusted = pool[i].Score - penalty * overlaps;
                if (adjusted > bestScore) { bestScore = adjusted; best = i; }
            }
            taken[best] = true;
            chosen.Add(pool[best] with { Score = bestScore });
        }
        return chosen;
    }

    /// <summary>Turns scorer output into mentions (spans resolved to character offsets).</summary>
    public IReadOnlyList<SkillMention> ToMentions(EncodedText encoded, ScoredSkills scored) => ToMentions(encoded, scored, Catalog);

    IReadOnlyList<SkillMention> ToMentions(EncodedText encoded, ScoredSkills scored, SkillCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(scored);
        var result = new List<SkillMention>(scored.Skills.Length);
        for (var i = 0; i < scored.Skills.Length; i++)
        {
            if (scored.Scores[i] < MinScore) break;
            var skill = catalog[(int)scored.Skills[i]];
            var b = (int)scored.BestSpan[i];
            var span = encoded.SpanCount > 0 ? encoded.Segments.Spans[b].Chars : encoded.Segments.Chunks[b].Chars;
            result.Add(new SkillMention(skill.Uri, skill.PreferredLabel, scored.Scores[i], [span]));
        }
        return result;
    }

    public void Dispose()
    {
        Volatile.Read(ref _labels).Release();
        foreach (var d in _owned) d.Dispose();
    }
}
