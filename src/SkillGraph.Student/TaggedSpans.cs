using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student;

/// <summary>What <see cref="SpanExtent.Tagged"/> does to an answer's spans: only the spans change, never the skills, scores or order.</summary>
public static class TaggedSpans
{
    /// <summary>
    /// Each mention's span joined with the tagged span that overlaps it most (of its own sentence chunk); unchanged when none
    /// overlaps. Only the chunks that hold a mention's span are tagged (one encoder pass over them).
    /// </summary>
    public static IReadOnlyList<SkillMention> Widen(SpanTagger tagger, MiniLmEncoder encoder, string text, SegmentedText segments, IReadOnlyList<SkillMention> mentions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(mentions);
        var chunks = segments.Chunks
            .Select(c => c.Chars)
            .Where(c => c.End <= text.Length && mentions.Any(m => m.Spans.Any(s => Within(s, c))))
            .Distinct()
            .ToList();
        if (chunks.Count == 0) return mentions;
        var tagged = tagger.Tag(encoder, [.. chunks.Select(c => text[c.Start..c.End])], cancellationToken);
        var found = new List<(TextSpan Chunk, TextSpan Span)>();
        for (var c = 0; c < chunks.Count; c++)
        {
            found.AddRange(tagged[c].Select(s => (chunks[c], new TextSpan(chunks[c].Start + s.Start, chunks[c].Start + s.End))));
        }

        return [.. mentions.Select(m => m with { Spans = [.. m.Spans.Select(s => Widen(s, found))] })];
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
