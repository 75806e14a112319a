using System.Globalization;
using System.Text;

namespace SkillGraph.Teacher.Chat;

/// <summary>A piece of a resume line (a skill phrase, a recorded sentence, a duty) and the context skills it names.</summary>
internal sealed record ResumePiece(string Text, IReadOnlyList<string> Skills);

/// <summary>One experience entry: a company, a role and its pieces, rendered as one line.</summary>
internal sealed record ResumeEntry(string Company, string Role, IReadOnlyList<ResumePiece> Pieces);

/// <summary>A resume as rendered: its text, the context skills its pieces name, and the experience lines it left out.</summary>
internal sealed record RenderedResume(string Text, IReadOnlyList<string> Skills, IReadOnlyList<string> RemovedExperiences);

/// <summary>
/// A resume as structured parts — header, summary line (with or without years), experience entries, skills line,
/// education — rendered whole (the matched resume) or filtered (the unmatched one, the RJDB recipe): pieces left
/// out, one entry left out, years changed. Every line of a filtered rendering is a line of the whole one, or that
/// line with pieces left out and its years changed; nothing is added or reworded.
/// </summary>
internal sealed class ResumeDraft
{
    public required string Header { get; init; }

    /// <summary>The summary line's pattern: <c>{years}</c> stands for the years of experience; without it the resume states none.</summary>
    public required string SummaryPattern { get; init; }

    public required IReadOnlyList<ResumeEntry> Experience { get; init; }

    /// <summary>The skills line's items; null: the resume has no skills line.</summary>
    public IReadOnlyList<ResumePiece>? SkillList { get; init; }

    public string? Education { get; init; }

    /// <summary>Between the pieces of an entry: "; " for phrases (the line ends with a full stop), " " for whole sentences.</summary>
    public bool PiecesAreSentences { get; init; }

    /// <summary>
    /// The resume with the pieces <paramref name="keep"/> accepts and without entry <paramref name="droppedEntry"/>.
    /// With <paramref name="years"/> equal to <paramref name="draftYears"/> every entry keeps its span; otherwise the
    /// spans of the entries left are spread over <paramref name="years"/>. No years (null) means no spans.
    /// </summary>
    public RenderedResume Render(int? draftYears, int? years, Func<ResumePiece, bool> keep, int? droppedEntry)
    {
        var text = new StringBuilder();
        var skills = new List<string>();
        text.Append(Header).Append('\n');
        text.Append(SummaryPattern.Replace("{years}", years is { } y ? Years(y) : string.Empty, StringComparison.Ordinal)).Append('\n');

        var kept = Enumerable.Range(0, Experience.Count).Where(i => i != droppedEntry).ToList();
        int?[]? spans = years is null ? null
            : years == draftYears ? [.. Spans(years.Value, Experience.Count).Select(s => (int?)s)]
            : Spread(Spans(years.Value, kept.Count), kept, Experience.Count);
        var removed = new List<string>();
        text.Append("\nExperience:\n");
        for (var i = 0; i < Experience.Count; i++)
        {
            if (i == droppedEntry)
            {
                var whole = Spans(draftYears ?? 0, Experience.Count);
                removed.Add(EntryLine(Experience[i], draftYears is null ? null : whole[i], _ => true, []));
                continue;
            }

            text.Append(EntryLine(Experience[i], spans?[i], keep, skills)).Append('\n');
        }

        if (SkillList is not null && SkillList.Where(keep).ToList() is { Count: > 0 } listed)
        {
            text.Append("\nSkills: ").AppendJoin(", ", listed.Select(p => p.Text)).Append('\n');
            AddSkills(listed, skills);
        }

        if (Education is not null)
        {
            text.Append("Education: ").Append(Education).Append('.');
        }

        return new RenderedResume(text.ToString().TrimEnd(), skills, removed);
    }

    private string EntryLine(ResumeEntry entry, int? span, Func<ResumePiece, bool> keep, List<string> skills)
    {
        var line = new StringBuilder();
        line.Append("- ").Append(entry.Company).Append(", ").Append(entry.Role);
        if (span is { } s)
        {
            line.Append(" (").Append(Years(s)).Append(')');
        }

        var pieces = entry.Pieces.Where(keep).ToList();
        AddSkills(pieces, skills);
        if (pieces.Count == 0)
        {
            return line.Append('.').ToString();
        }

        line.Append(": ");
        return PiecesAreSentences
            ? line.AppendJoin(" ", pieces.Select(p => p.Text)).ToString()
            : line.AppendJoin("; ", pieces.Select(p => p.Text)).Append('.').ToString();
    }

    private static void AddSkills(IEnumerable<ResumePiece> pieces, List<string> skills)
    {
        foreach (var uri in pieces.SelectMany(p => p.Skills))
        {
            if (!skills.Contains(uri))
            {
                skills.Add(uri);
            }
        }
    }

    /// <summary>Years over <paramref name="count"/> entries, the most recent (first) the longest: weights count, …, 1.</summary>
    internal static int[] Spans(int years, int count)
    {
        var spans = new int[count];
        if (count == 0)
        {
            return spans;
        }

        var total = count * (count + 1) / 2;
        for (var i = 0; i < count; i++)
        {
            spans[i] = years * (count - i) / total;
        }

        spans[0] += years - spans.Sum();
        return spans;
    }

    private static int?[] Spread(int[] spans, List<int> entries, int count)
    {
        var all = new int?[count];
        for (var k = 0; k < entries.Count; k++)
        {
            all[entries[k]] = spans[k];
        }

        return all;
    }

    internal static string Years(int years) => years switch
    {
        0 => "less than a year",
        1 => "1 year",
        _ => years.ToString(CultureInfo.InvariantCulture) + " years",
    };
}
