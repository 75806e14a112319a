using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// A text's skills taken line by line: every line's (or sentence's) best skill first, then every line's second best, and so
/// on, each round best first, until enough are taken. A long line that names many skills then no longer crowds out what the
/// other lines say (decision 0026). The skills an occupation suggestion shows; the extractor's knob selection weighs them
/// (<c>SuggestionStyle</c>, from the whole text's <see cref="Candidates"/>). Mentions without a span count as one line.
/// </summary>
public static class LineDiverseSkills
{
    /// <summary>How many of the extractor's best skills over a whole text are read before the line-by-line pick (3 × the skills taken).</summary>
    public const int Candidates = 3 * SuggestOccupations.SuggestOccupations.SkillsFromText;

    /// <summary>At most <paramref name="take"/> of <paramref name="mentions"/> (best first) with a positive score, picked round by round over the lines of <paramref name="text"/>, then ordered best first.</summary>
    public static IReadOnlyList<SkillMention> Pick(string text, IReadOnlyList<SkillMention> mentions, int take = SuggestOccupations.SuggestOccupations.SkillsFromText)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        var starts = LineStarts(text);
        return Pick([.. mentions.Where(m => m.Score > 0)
            .GroupBy(m => m.Spans.Count == 0 ? 0 : LineOf(starts, m.Spans[0].Start))
            .Select(g => (IReadOnlyList<SkillMention>)[.. g.OrderByDescending(m => m.Score)])], take);
    }

    /// <summary>At most <paramref name="take"/> skills of a text read line by line (each line's mentions best first), each skill once, picked round by round, then ordered best first.</summary>
    public static IReadOnlyList<SkillMention> Pick(IReadOnlyList<IReadOnlyList<SkillMention>> lines, int take = SuggestOccupations.SuggestOccupations.SkillsFromText)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var picked = new List<SkillMention>(take);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; picked.Count < take && lines.Any(l => l.Count > round); round++)
        {
            foreach (var line in lines.Where(l => l.Count > round).OrderByDescending(l => l[round].Score))
            {
                if (picked.Count == take)
                {
                    break;
                }

                if (line[round].Score > 0 && seen.Add(line[round].Uri))
                {
                    picked.Add(line[round]);
                }
            }
        }

        return [.. picked.OrderByDescending(m => m.Score)];
    }

    /// <summary>Where each line starts: at the text's start, after a line break, and after '.', '!', '?' or ';' followed by white space (other than a line break, which starts the next line itself).</summary>
    public static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c is '.' or '!' or '?' or ';' && i + 1 < text.Length && text[i + 1] != '\n' && char.IsWhiteSpace(text[i + 1])))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<int> starts, int offset)
    {
        var at = starts.BinarySearch(offset);
        return at >= 0 ? at : ~at - 1;
    }
}
