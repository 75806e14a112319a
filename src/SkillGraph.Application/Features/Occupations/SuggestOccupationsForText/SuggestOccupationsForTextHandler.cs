using Mediator;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// Read the text line by line (each line's <see cref="SuggestOccupationsForText.SkillsPerLine"/> best skills) and find the titles it names,
/// then suggest: the one place where a text becomes occupation suggestions (GraphQL, CLI and evaluation all send this).
/// Every line's readings weigh in, but readings whose spans overlap are alternatives for one place of the text, and an occupation
/// counts one skill of a place, the one that says most for it (<see cref="OccupationScore"/>, decision 0033): a phrase written about
/// one skill is read as several near readings, and the occupation that lists one of them is the one it points to; a line that lists
/// several skills still counts each.
/// </summary>
public sealed class SuggestOccupationsForTextHandler(ISkillExtractor extractor, OccupationTitles titles, IMediator mediator) : IQueryHandler<SuggestOccupationsForText, OccupationSuggestions>
{
    public async ValueTask<OccupationSuggestions> Handle(SuggestOccupationsForText query, CancellationToken cancellationToken)
    {
        var lines = Lines(query.Text);
        var each = await extractor.ExtractEachAsync([.. lines.Select(l => query.Text[l.Start..l.End])], SuggestOccupationsForText.SkillsPerLine, cancellationToken).ConfigureAwait(false);
        var model = each.Count > 0 ? each[0].Model : (await extractor.ExtractAsync(query.Text, 1, cancellationToken).ConfigureAwait(false)).Model;

        // Each line's readings, their spans moved from the line into the text.
        var read = new List<IReadOnlyList<SkillMention>>(lines.Count);
        var weighed = new List<WeightedSkill>();
        var places = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var offset = lines[i].Start;
            read.Add([.. each[i].Skills.Where(m => m.Score > 0).Select(m => m with { Spans = [.. m.Spans.Select(s => new TextSpan(s.Start + offset, s.End + offset))] })]);
            var (placed, count) = SkillPlaces.Of(read[i], places);
            places += count;
            weighed.AddRange(placed.Select(p => new WeightedSkill(ConceptUri.Parse(p.Mention.Uri), Math.Pow(Math.Min(1.0, p.Mention.Score), SuggestOccupationsForText.ScorePower)) { Place = p.Place }));
        }

        var shown = LineDiverseSkills.Pick(read);
        var named = query.UseTitles ? await titles.FindAsync(query.Text, cancellationToken).ConfigureAwait(false) : [];
        if (weighed.Count == 0 && named.Count == 0)
        {
            return new OccupationSuggestions(model, shown, []);
        }

        // Through the pipeline again, so the ranking step is validated and timed like any request.
        var request = new SuggestOccupations.SuggestOccupations(weighed, query.First, SuggestOccupationsForText.OptionalWeight, SuggestOccupationsForText.LengthExponent) { Named = named };
        var occupations = await mediator.Send(request, cancellationToken).ConfigureAwait(false);
        return new OccupationSuggestions(model, shown, occupations);
    }

    /// <summary>
    /// The text's lines and sentences (<see cref="LineDiverseSkills.LineStarts"/>) without the white space around them, those with
    /// something besides layout; at most <see cref="SuggestOccupationsForText.MaxLines"/>, the last running to the text's end (the
    /// extractor's reading budget bounds it).
    /// </summary>
    internal static List<TextSpan> Lines(string text)
    {
        var starts = LineDiverseSkills.LineStarts(text);
        int End(int i) => i + 1 < starts.Count ? starts[i + 1] : text.Length;
        var worded = Enumerable.Range(0, starts.Count).Where(i => text.AsSpan(starts[i], End(i) - starts[i]).ContainsAnyExcept(NotWords)).ToList();
        var lines = new List<TextSpan>(Math.Min(worded.Count, SuggestOccupationsForText.MaxLines));
        for (var k = 0; k < worded.Count && k < SuggestOccupationsForText.MaxLines; k++)
        {
            var (start, end) = (starts[worded[k]], k == SuggestOccupationsForText.MaxLines - 1 ? text.Length : End(worded[k]));
            while (char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            lines.Add(new TextSpan(start, end));
        }

        return lines;
    }

    // What a line of nothing but layout holds: no word to read.
    private static readonly System.Buffers.SearchValues<char> NotWords = System.Buffers.SearchValues.Create(" \t\r\n.,;:!?-–—•*·()[]\"'/|#=_");
}
