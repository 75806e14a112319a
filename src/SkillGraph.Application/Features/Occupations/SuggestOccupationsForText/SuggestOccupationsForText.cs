using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// The occupations a text (a job ad, a resume) fits, best first: the skills of each of its lines, read alone (of a line's
/// <see cref="SkillsPerLine"/> best, an occupation counts the one that says most for it; decision 0033), and the occupations it names
/// by title (<see cref="OccupationTitles"/>), then <see cref="SuggestOccupations.SuggestOccupations"/>.
/// </summary>
[Requires(Permission.UseStudent)]
public sealed record SuggestOccupationsForText(string Text, int First = 10) : IQuery<OccupationSuggestions>, IValidatable
{
    /// <summary>How many skills of each line weigh in (the extractor's best for the line alone; decision 0033).</summary>
    public const int SkillsPerLine = 10;

    /// <summary>A line's reading weighs its score to this power: a near reading counts far less than a sure one (decision 0033).</summary>
    public const double ScorePower = 3;

    /// <summary>What an optional skill counts for beside an essential one, for a text read line by line (decision 0033; a skill list's default is <see cref="SuggestOccupations.SuggestOccupations.DefaultOptionalWeight"/>).</summary>
    public const double OptionalWeight = 0.8;

    /// <summary>How hard long skill lists are discounted, for a text read line by line (decision 0033).</summary>
    public const double LengthExponent = 0.2;

    /// <summary>At most this many lines are read one by one; the last runs to the text's end.</summary>
    public const int MaxLines = 80;

    /// <summary>Whether occupations the text names by title count (default); false ranks by the skills alone.</summary>
    public bool UseTitles { get; init; } = true;

    public IEnumerable<string> Validate() =>
        Check.Text("text", Text).Concat(Check.Range("first", First, 1, SuggestOccupations.SuggestOccupations.MaxFirst));
}

/// <summary>
/// The model that read the text, the skills it found (<see cref="SuggestOccupations.SuggestOccupations.SkillsFromText"/> of those that weigh
/// in, taken line by line: <see cref="LineDiverseSkills"/>), and the ranked occupations (empty when it found no skill and names no occupation).
/// </summary>
public sealed record OccupationSuggestions(string Model, IReadOnlyList<SkillMention> Skills, IReadOnlyList<OccupationSuggestion> Occupations);
