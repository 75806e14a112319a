using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// The occupations a text (a job ad, a resume) fits, best first: <see cref="SuggestOccupations.SuggestOccupations.SkillsFromText"/>
/// skills of the text, taken line by line from the extractor's best (<see cref="LineDiverseSkills"/>), and the occupations it names by title
/// (<see cref="OccupationTitles"/>), then <see cref="SuggestOccupations.SuggestOccupations"/>.
/// </summary>
[Requires(Permission.UseStudent)]
public sealed record SuggestOccupationsForText(string Text, int First = 10) : IQuery<OccupationSuggestions>, IValidatable
{
    /// <summary>Whether occupations the text names by title count (default); false ranks by the skills alone.</summary>
    public bool UseTitles { get; init; } = true;

    public IEnumerable<string> Validate() =>
        Check.Text("text", Text).Concat(Check.Range("first", First, 1, SuggestOccupations.SuggestOccupations.MaxFirst));
}

/// <summary>The model that read the text, the skills it found that weigh in the ranking, and the ranked occupations (empty when it found no skill and names no occupation).</summary>
public sealed record OccupationSuggestions(string Model, IReadOnlyList<SkillMention> Skills, IReadOnlyList<OccupationSuggestion> Occupations);
