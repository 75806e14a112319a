using System.Globalization;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupations;

/// <summary>
/// The occupations that the given skills fit best (e.g. the skills the student extracted from a job ad or a resume),
/// each with the matched essential and optional skills and the reason in words. See
/// <see cref="SuggestOccupationsHandler"/> for the score.
/// </summary>
/// <param name="Skills">Skill URIs with a weight in (0, 1] (the extractor's score; 1 when every skill counts fully).</param>
/// <param name="First">How many occupations, best first.</param>
/// <param name="OptionalWeight">What a match on an optional skill counts for, relative to an essential one.</param>
/// <param name="LengthExponent">How hard long skill lists are discounted: the score is divided by the occupation's skill-list size to this power.</param>
public sealed record SuggestOccupations(
    IReadOnlyList<WeightedSkill> Skills,
    int First = 10,
    double OptionalWeight = SuggestOccupations.DefaultOptionalWeight,
    double LengthExponent = SuggestOccupations.DefaultLengthExponent)
    : IQuery<IReadOnlyList<OccupationSuggestion>>, IValidatable
{
    public const int MaxFirst = 100;
    /// <summary>At most this many skills (a text read line by line gives up to <c>SuggestOccupationsForText.MaxLines</c> × <c>SkillsPerLine</c>).</summary>
    public const int MaxSkills = 1000;
    /// <summary>At most this many named occupations.</summary>
    public const int MaxNamed = 200;
    public const double DefaultOptionalWeight = 0.5;
    public const double DefaultLengthExponent = 0.5;

    /// <summary>What an occupation the text names by title adds to its score (times the mention's weight); see <see cref="Named"/>.</summary>
    public const double DefaultNamedWeight = 1.0;

    /// <summary>
    /// Occupations the text names by title (e.g. found by <c>OccupationTitles</c>): each adds <see cref="NamedWeight"/> × its weight to
    /// its score, and is suggested even when it matches none of <see cref="Skills"/>. The skills then order the named ones.
    /// </summary>
    public IReadOnlyList<NamedOccupation> Named { get; init; } = [];

    /// <summary>See <see cref="Named"/>; 0 ignores the names.</summary>
    public double NamedWeight { get; init; } = DefaultNamedWeight;

    /// <summary>How many of a text's skills an answer shows (<c>LineDiverseSkills</c>); all of each line's best weigh in (decision 0033).</summary>
    public const int SkillsFromText = 12;

    public IEnumerable<string> Validate()
    {
        if ((Skills is null || Skills.Count == 0) && (Named is null || Named.Count == 0))
        {
            yield return "skills: give at least one skill";
        }
        else if (Skills is null)
        {
            yield return "skills: give a list (it may be empty when occupations are named)";
        }
        else if (Skills.Count > MaxSkills)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"skills: at most {MaxSkills} (got {Skills.Count})");
        }
        else
        {
            for (var i = 0; i < Skills.Count; i++)
            {
                var skill = Skills[i];
                if (skill?.Skill is null)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"skills[{i}]: needs a skill URI");
                }
                else if (double.IsNaN(skill.Weight) || skill.Weight <= 0 || skill.Weight > 1)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"skills[{i}] ({skill.Skill}): weight must be in (0, 1] (got {skill.Weight})");
                }
                else if (skill.Place < 0)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"skills[{i}] ({skill.Skill}): place must be 0 or more (got {skill.Place})");
                }
            }
        }

        if (Named is { Count: > MaxNamed })
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"named: at most {MaxNamed} occupations (got {Named.Count})");
        }

        for (var i = 0; i < (Named?.Count ?? 0); i++)
        {
            if (Named![i] is not { Occupation: not null } named || double.IsNaN(named.Weight) || named.Weight <= 0 || named.Weight > 1)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"named[{i}]: needs an occupation URI and a weight in (0, 1]");
            }
        }

        foreach (var error in Check.Range("first", First, 1, MaxFirst)
            .Concat(Check.Range("namedWeight", NamedWeight, 0.0, 10.0))
            .Concat(Check.Range("optionalWeight", OptionalWeight, 0.0, 1.0))
            .Concat(Check.Range("lengthExponent", LengthExponent, 0.0, 1.0)))
        {
            yield return error;
        }
    }
}

/// <summary>An occupation a text names by title: the words as the text writes them (normalised), and how much the mention counts.</summary>
/// <param name="Weight">1 in a title line (a short line: the text's heading, a resume's name-and-title line), less in running text; in (0, 1].</param>
public sealed record NamedOccupation(ConceptUri Occupation, string Words, double Weight);

/// <summary>A skill and how sure we are that it is there, in (0, 1].</summary>
public sealed record WeightedSkill(ConceptUri Skill, double Weight = 1.0)
{
    /// <summary>
    /// The place of the text the skill was read at (≥ 0), when the skills are a text's readings: of the skills read at one place
    /// (alternative readings of one phrase) an occupation counts only the one that says most for it (<see cref="OccupationScore"/>).
    /// Null (the default): the skill counts on its own.
    /// </summary>
    public int? Place { get; init; }
}

/// <summary>A suggested occupation: its score, the skills it matched (by label) and why, in words.</summary>
public sealed record OccupationSuggestion(
    ConceptRef Occupation,
    double Score,
    int EssentialSkills,
    int OptionalSkills,
    IReadOnlyList<ConceptRef> MatchedEssential,
    IReadOnlyList<ConceptRef> MatchedOptional)
{
    /// <summary>The words by which the text names this occupation (<see cref="SuggestOccupations.Named"/>), if it does.</summary>
    public string? NamedAs { get; init; }

    /// <summary>
    /// Why, in words: (when the text names it) 'the text names it: "…"', then "matches 6 of its 18 essential skills: a, b, c,
    /// d, e, …", then (when any) "matches 2 of its 40 optional skills: f, g".
    /// </summary>
    public IReadOnlyList<string> Reasons
    {
        get
        {
            var essential = Matches(MatchedEssential, EssentialSkills, "essential");
            List<string> reasons = NamedAs is null ? [] : [$"the text names it: \"{NamedAs}\""];
            reasons.Add(essential);
            if (MatchedOptional.Count > 0)
            {
                reasons.Add(Matches(MatchedOptional, OptionalSkills, "optional"));
            }

            return reasons;
        }
    }

    private static string Matches(IReadOnlyList<ConceptRef> matched, int of, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"matches {matched.Count} of its {of} {kind} skill{(of == 1 ? string.Empty : "s")}") + Names(matched);

    private static string Names(IReadOnlyList<ConceptRef> matched)
    {
        const int Shown = 5;
        return matched.Count == 0
            ? string.Empty
            : ": " + string.Join(", ", matched.Take(Shown).Select(s => s.Label)) + (matched.Count > Shown ? ", …" : string.Empty);
    }
}
