using Mediator;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

namespace SkillGraph.Student.Evaluation;

/// <summary>
/// How often the true occupation is the first suggestion (Accuracy@1), among the first 5 or 10, and the mean reciprocal
/// rank (MRR, 0 when it is not among the first <see cref="SuggestOccupations.MaxFirst"/>), over <see cref="Count"/> texts;
/// <see cref="NoSkills"/> texts yielded no suggestion at all (no skill and no title; they count as misses).
/// </summary>
public sealed record SuggestionMetrics(int Count, double AccuracyAt1, double AccuracyAt5, double AccuracyAt10, double Mrr, int NoSkills)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"n={Count}  Acc@1={AccuracyAt1:0.000}  Acc@5={AccuracyAt5:0.000}  Acc@10={AccuracyAt10:0.000}  MRR={Mrr:0.000}  no-skills={NoSkills}");
}

/// <summary>
/// Scores <c>suggestOccupations</c> against texts whose occupation is known (e.g. teacher records: the job description or
/// the matching resume, and <c>occupationUri</c>; a hand-written job: the occupations it was mapped to by hand): each text is sent
/// as the same <see cref="SuggestOccupationsForText"/> request the API and the CLI send, and the rank of the first right occupation
/// is counted.
/// </summary>
public static class SuggestionEvaluation
{
    /// <param name="useTitles">whether the occupations a text names by title count (as the API does), or the skills alone.</param>
    public static async Task<SuggestionMetrics> RunAsync(
        IMediator mediator,
        IEnumerable<(string Text, IReadOnlyCollection<string> Right)> items,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default,
        bool useTitles = true)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        var list = items as IReadOnlyCollection<(string Text, IReadOnlyCollection<string> Right)> ?? [.. items];
        int count = 0, at1 = 0, at5 = 0, at10 = 0, noSkills = 0;
        var reciprocal = 0.0;
        foreach (var (text, right) in list)
        {
            count++;
            var answer = await mediator.Send(new SuggestOccupationsForText(text, SuggestOccupations.MaxFirst) { UseTitles = useTitles }, cancellationToken).ConfigureAwait(false);
            progress?.Report((count, list.Count));
            if (answer.Occupations.Count == 0)
            {
                noSkills++;
                continue;
            }

            var rank = 1 + answer.Occupations.ToList().FindIndex(s => right.Contains(s.Occupation.Uri.Value));
            if (rank == 0)
            {
                continue;
            }

            at1 += rank == 1 ? 1 : 0;
            at5 += rank <= 5 ? 1 : 0;
            at10 += rank <= 10 ? 1 : 0;
            reciprocal += 1.0 / rank;
        }

        double Share(double n) => count == 0 ? 0 : Math.Round(n / count, 4);
        return new SuggestionMetrics(count, Share(at1), Share(at5), Share(at10), Share(reciprocal), noSkills);
    }

    /// <summary>
    /// <paramref name="text"/> without its title line: the first non-empty line when it is one of <paramref name="titles"/> (the
    /// occupation's labels), compared as <see cref="SkillGraph.Graph.LabelText"/> normalises them; otherwise the text unchanged.
    /// The held-out job descriptions are measured this way: a title line would name the answer.
    /// </summary>
    public static string WithoutTitleLine(string text, IEnumerable<string> titles)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(titles);
        var lines = text.Split('\n');
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (first < 0)
        {
            return text;
        }

        var line = SkillGraph.Graph.LabelText.Normalize(lines[first]);
        return titles.Any(t => string.Equals(SkillGraph.Graph.LabelText.Normalize(t), line, StringComparison.Ordinal))
            ? string.Join('\n', lines.Where((_, i) => i != first))
            : text;
    }

    /// <summary>
    /// <paramref name="text"/> without its first line or sentence (<see cref="LineDiverseSkills.LineStarts"/>), where a job ad that runs
    /// on one line states its title ("Senior Backend Engineer. We are looking for …"); the text unchanged when it has only one.
    /// </summary>
    public static string WithoutFirstSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = LineDiverseSkills.LineStarts(text);
        return starts.Count > 1 ? text[starts[1]..].Trim() : text;
    }
}
