using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student;

/// <summary>What <see cref="SpanExtent.Tagged"/> does to an answer's spans: only the spans change, never the skills, scores or order.</summary>
public static class TaggedSpans
{

    /// <summary>
    /// Each mention's span joined with the tagged span that overlaps it most (of its own sentence chunk); unchanged when none
    /// overlaps. Only the chunks that hold a mention's span are tagged: from the chunk's own token states when the extractor kept
    /// them (<see cref="EncodedText.ChunkStates"/>; no second encoder pass), else in one encoder pass over those chunks.
    /// </summary>
    public static IReadOnlyList<SkillMention> Widen(SpanTagger tagger, MiniLmEncoder encoder, string text, EncodedText encoded, IReadOnlyList<SkillMention> mentions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(mentions);
        var chunks = encoded.Segments.Chunks;
        var holding = Enumerable.Range(0, chunks.Count)
            .Where(c => chunks[c].Chars.End <= text.Length && mentions.Any(m => m.Spans.Any(s => Within(s, chunks[c].Chars))))
            .ToList();
        if (holding.Count == 0) return mentions;
        var tagged = new IReadOnlyList<TextSpan>?[holding.Count];
        for (var h = 0; h < holding.Count && encoded.ChunkStates is { } states; h++)
        {
            var c = holding[h];
            tagged[h] = tagger.TagEncoded(encoder.Tokenizer, Text(chunks[c].Chars), chunks[c].TokenIds, states[c].States, states[c].Row);
        }

        var missing = Enumerable.Range(0, holding.Count).Where(h => tagged[h] is null).ToList();
        if (missing.Count > 0)
        {
            var read = tagger.Tag(encoder, [.. missing.Select(h => Text(chunks[holding[h]].Chars))], cancellationToken);
            for (var m = 0; m < missing.Count; m++) tagged[missing[m]] = read[m];
        }

        var found = new List<(TextSpan Chunk, TextSpan Span)>();
        for (var h = 0; h < holding.Count; h++)
        {
            var chunk = chunks[holding[h]].Chars;
            found.AddRange(tagged[h]!.Select(s => (chunk, new TextSpan(chunk.Start + s.Start, chunk.Start + s.End))));
        }

        return [.. mentions.Select(m => m with { Spans = [.. m.Spans.Select(s => Tidy(text, Widen(s, found), s))] })];

        string Text(TextSpan chunk) => text[chunk.Start..chunk.End];
    }

    /// <summary>
    /// <paramref name="joined"/> without the punctuation, white space and stop words at its edges ("unit testing, and" →
    /// "unit testing"; "experience in Java" → "Java"), never cut into <paramref name="best"/> (the span that scored the skill).
    /// </summary>
    public static TextSpan Tidy(string text, TextSpan joined, TextSpan best)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (start, end) = (joined.Start, joined.End);
        while (start < best.Start)
        {
            var next = EdgeEnd(text, start, best.Start);
            if (next < 0) break;
            start = next;
        }

        while (end > best.End)
        {
            var next = EdgeStart(text, best.End, end);
            if (next < 0) break;
            end = next;
        }

        return new TextSpan(start, end);
    }

    /// <summary>Where the leading edge token of text[from..limit) ends when it may go (white space, punctuation or a stop word); -1 when it must stay.</summary>
    static int EdgeEnd(string text, int from, int limit)
    {
        if (!char.IsLetterOrDigit(text[from])) return from + 1;
        var end = from;
        while (end < limit && char.IsLetterOrDigit(text[end])) end++;
        return end < limit && StopWords.Contains(text.AsSpan(from, end - from)) ? end : -1;
    }

    /// <summary>Where the trailing edge token of text[limit..to) starts when it may go (white space, punctuation or a stop word); -1 when it must stay.</summary>
    static int EdgeStart(string text, int limit, int to)
    {
        if (!char.IsLetterOrDigit(text[to - 1])) return to - 1;
        var start = to;
        while (start > limit && char.IsLetterOrDigit(text[start - 1])) start--;
        return start > limit && StopWords.Contains(text.AsSpan(start, to - start)) ? start : -1;
    }

    /// <summary><paramref name="span"/> joined with the tagged span of its chunk that overlaps it most (the first of equals), else itself.</summary>
    public static TextSpan Widen(TextSpan span, IReadOnlyList<(TextSpan Chunk, TextSpan Span)> tagged)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        var best = span;
        var most = 0;
        foreach (var (chunk, t) in tagged)
        {
            var overlap = Math.Min(span.End, t.End) - Math.Max(span.Start, t.Start);
            if (overlap > most && Within(span, chunk))
            {
                (most, best) = (overlap, new TextSpan(Math.Min(span.Start, t.Start), Math.Max(span.End, t.End)));
            }
        }

        return best;
    }

    static bool Within(TextSpan span, TextSpan chunk) => span.Start >= chunk.Start && span.End <= chunk.End;
}
