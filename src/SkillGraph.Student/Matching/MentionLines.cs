using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The Explainer's evidence: the line of a text that holds a skill mention's span (the lines are those
/// <see cref="TextEvidence.Lines"/> cut when the matcher read the text), and the words under the span.
/// </summary>
public static class MentionLines
{
    /// <summary>A longer line is cut to a window of about this many characters around the mention, on word boundaries, marked with "…".</summary>
    public const int MaxLength = 200;

    /// <summary>The line of <paramref name="text"/> that holds <paramref name="mention"/>'s first span, bounded; null when the mention has no span.</summary>
    public static string? Line(TextSkills text, SkillMention? mention)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (index, from, to) = Locate(text, mention);
        return index < 0 ? null : Excerpt(text.Lines[index], from, to);
    }

    /// <summary>
    /// The text's words for <paramref name="mention"/>: the phrase (run of content words) holding its first span — "mentor junior
    /// developers" where the span is "mentor" — else the span's own words; null when the mention has no span. A phrase that stops
    /// mid-sentence on one word after "and", "or" or a preposition leaves that dangling word out with its link word ("lead a team of
    /// three marketers and external" of "… and external agencies" is "lead a team of three marketers").
    /// </summary>
    public static string? Words(TextSkills text, SkillMention? mention)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (index, from, to) = Locate(text, mention);
        if (index < 0)
        {
            return null;
        }

        var (span, start) = (mention!.Spans[0], text.LineStarts[index]);
        foreach (var phrase in text.PhraseExtents)
        {
            if (phrase.Start <= span.Start && span.End <= phrase.End && phrase.Start >= start && phrase.End - start <= text.Lines[index].Length)
            {
                (from, to) = (phrase.Start - start, phrase.End - start);
                break;
            }
        }

        return Finished(text.Lines[index], from, to);
    }

    // Words that link a phrase to what follows: a phrase cut one word after one of them stops inside a noun phrase.
    private static readonly HashSet<string> Links = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "in", "on", "of", "for", "with", "to", "at", "by", "from", "into", "as", "across", "within", "via",
    };

    /// <summary><paramref name="line"/>[from..to], less a last word cut from what follows it (see <see cref="Words"/>).</summary>
    internal static string Finished(string line, int from, int to)
    {
        var phrase = line[from..to];
        var next = to;
        while (next < line.Length && line[next] == ' ')
        {
            next++;
        }

        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (next == to || next >= line.Length || !char.IsLetterOrDigit(line[next]) || words.Length < 4 || !Links.Contains(words[^2]))
        {
            return phrase;
        }

        return string.Join(' ', words[..^2]);
    }

    /// <summary>The index in <see cref="TextSkills.Lines"/> of the line that holds <paramref name="mention"/>'s first span; -1 when the mention has no span.</summary>
    public static int IndexOf(TextSkills text, SkillMention? mention)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Locate(text, mention).Index;
    }

    /// <summary>The line holding the span's start, and the span's offsets in that line; index -1 when none holds it.</summary>
    private static (int Index, int From, int To) Locate(TextSkills text, SkillMention? mention)
    {
        if (mention is not { Spans.Count: > 0 })
        {
            return (-1, 0, 0);
        }

        return Locate(text, mention.Spans[0]);
    }

    /// <summary>The line holding <paramref name="span"/>'s start, and the span's offsets in that line (cut at its end); index -1 when none holds it.</summary>
    internal static (int Index, int From, int To) Locate(TextSkills text, TextSpan span)
    {
        var i = LineAt(text, span.Start);
        if (i < 0)
        {
            return (-1, 0, 0);
        }

        var (from, to) = (span.Start - text.LineStarts[i], Math.Min(span.End - text.LineStarts[i], text.Lines[i].Length));
        return from < to ? (i, from, to) : (-1, 0, 0);
    }

    /// <summary>The index of the last line of <paramref name="text"/> starting at or before character <paramref name="at"/>; -1 for none.</summary>
    internal static int LineAt(TextSkills text, int at)
    {
        for (var i = Math.Min(text.LineStarts.Count, text.Lines.Count) - 1; i >= 0; i--)
        {
            if (at >= text.LineStarts[i])
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// <paramref name="line"/> when it is at most <paramref name="max"/> characters; else a window of about that many holding
    /// [<paramref name="from"/>, <paramref name="to"/>), cut on spaces, with "…" where the line goes on.
    /// </summary>
    internal static string Excerpt(string line, int from, int to, int max = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length <= max)
        {
            return line;
        }

        to = Math.Min(to, from + max);
        // From the line's start when the mention fits there, else with the mention about a third of the way in.
        var start = to <= max ? 0 : Math.Clamp(from - ((max - (to - from)) / 3), 0, line.Length - max);
        var end = Math.Min(line.Length, start + max);
        if (start > 0 && line.IndexOf(' ', start) is var s and >= 0 && s < from)
        {
            start = s + 1;
        }

        if (end < line.Length && line.LastIndexOf(' ', end) is var e && e >= to)
        {
            end = e;
        }

        (start, end) = (TextEvidence.Boundary(line, start), TextEvidence.Boundary(line, end));
        return (start > 0 ? "…" : "") + line[start..end].Trim().TrimEnd(',', ';', ':') + (end < line.Length ? "…" : "");
    }
}
