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
    public const int MaxSkills = 200;
    public const double DefaultOptionalWeight = 0.5;
    public const double DefaultLengthExponent = 0.5;

    /// <summary>How many skills to take from a text's extraction before suggesting (tuned with <see cref="DefaultOptionalWeight"/>).</summary>
    public const int SkillsFromText = 12;

    /// <summary>
    /// The request for the skills an extractor found in a text, best first: the first <paramref name="skills"/> of
    /// them, each weighted by its score clamped to (0, 1] (scores at or below 0 are left out).
    /// </summary>
    public static SuggestOccupations FromExtraction(IEnumerable<(string Uri, double Score)> extracted, int first = 10, int skills = SkillsFromText) =>
        new([.. extracted.Where(e => e.Score > 0).Take(skills).Select(e => new WeightedSkill(ConceptUri.Parse(e.Uri), Math.Min(1.0, e.Score)))], first);

    public IEnumerable<string> Validate()
    {
        if (Skills is null || Skills.Count == 0)
        {
            yield return "skills: give at least one skill";
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
            }
        }

        foreach (var error in Check.Range("first", First, 1, MaxFirst)
            .Concat(Check.Range("optionalWeight", OptionalWeight, 0.0, 1.0))
            .Concat(Check.Range("lengthExponent", LengthExponent, 0.0, 1.0)))
        {
            yield return error;
        }
    }
}

/// <summary>A skill and how sure we are that it is there, in (0, 1].</summary>
public sealed record WeightedSkill(ConceptUri Skill, double Weight = 1.0);

/// <summary>A suggested occupation: its score, the skills it matched (by label) and why, in words.</summary>
public sealed record OccupationSuggestion(
    ConceptRef Occupation,
    double Score,
    int EssentialSkills,
    int OptionalSkills,
    IReadOnlyList<ConceptRef> MatchedEssential,
    IReadOnlyList<ConceptRef> MatchedOptional)
{
    /// <summary>
    /// Why, in words: "matches 6 of its 18 essential skills: a, b, c, d, e, …", then (when any) "matches 2 of its 40
    /// optional skills: f, g".
    /// </summary>
    public IReadOnlyList<string> Reasons
    {
        get
        {
            var essential = Matches(MatchedEssential, EssentialSkills, "essential");
            return MatchedOptional.Count == 0 ? [essential] : [essential, Matches(MatchedOptional, OptionalSkills, "optional")];
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
