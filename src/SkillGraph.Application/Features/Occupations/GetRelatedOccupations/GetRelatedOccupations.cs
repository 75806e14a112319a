using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.GetRelatedOccupations;

/// <summary>
/// Occupations ranked by the skills they share with <paramref name="Occupation"/>: score = shared essential skills
/// (essential for both) + <paramref name="OptionalWeight"/> × other shared skills (optional for either).
/// Ties: more shared essential skills first, then URI. With weight 0 only shared essential skills count.
/// </summary>
public sealed record GetRelatedOccupations(ConceptUri Occupation, int First = 10, double OptionalWeight = 0.5)
    : IQuery<IReadOnlyList<RelatedOccupation>>, IValidatable
{
    public const int MaxFirst = 100;

    public IEnumerable<string> Validate() =>
        Check.Range("first", First, 1, MaxFirst).Concat(Check.Range("optionalWeight", OptionalWeight, 0.0, 1.0));
}

/// <summary>A related occupation with the shared skills that make it so, and the reason in words.</summary>
public sealed record RelatedOccupation(
    ConceptRef Occupation,
    double Score,
    IReadOnlyList<ConceptRef> SharedEssential,
    IReadOnlyList<ConceptRef> SharedOther,
    string RelatedTo)
{
    /// <summary>Why, in words (built when asked).</summary>
    public string Reason
    {
        get
        {
            var examples = string.Join(", ", SharedEssential.Take(3).Select(s => s.Label));
            var essentialPart = SharedEssential.Count switch
            {
                0 => "shares no essential skill",
                1 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"shares 1 essential skill with {RelatedTo} ({examples})"),
                _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"shares {SharedEssential.Count} essential skills with {RelatedTo} (e.g. {examples})"),
            };
            return SharedOther.Count > 0
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{essentialPart} and {SharedOther.Count} more skills that are optional for one of them")
                : essentialPart;
        }
    }
}
