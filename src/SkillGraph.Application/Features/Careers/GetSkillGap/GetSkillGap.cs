using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Careers.GetSkillGap;

/// <summary>
/// What someone holding <paramref name="HeldSkills"/> (URIs) and/or <paramref name="HeldSkillsText"/> (skill names
/// separated by commas, semicolons or lines, resolved through label search) lacks for <paramref name="Occupation"/>.
/// </summary>
public sealed record GetSkillGap(ConceptUri Occupation, IReadOnlyList<ConceptUri> HeldSkills, string? HeldSkillsText = null)
    : IQuery<SkillGap>, IValidatable
{
    public const int MaxHeldSkills = 1000;
    public const int MaxTextLength = 20_000;

    public IEnumerable<string> Validate()
    {
        if (HeldSkills.Count == 0 && string.IsNullOrWhiteSpace(HeldSkillsText))
        {
            yield return "give the held skills as heldSkillUris or heldSkillsText (both are empty)";
        }

        if (HeldSkills.Count > MaxHeldSkills)
        {
            yield return $"heldSkillUris may hold at most {MaxHeldSkills} skills (got {HeldSkills.Count})";
        }

        if (HeldSkillsText?.Length > MaxTextLength)
        {
            yield return $"heldSkillsText may be at most {MaxTextLength} characters (got {HeldSkillsText.Length})";
        }
    }
}

/// <summary>A held skill, with the text it was resolved from when it came from text.</summary>
public sealed record HeldSkill(ConceptRef Skill, string? FromText, double? MatchScore);

/// <summary>A held skill that partly covers a missing one: <paramref name="How"/> is "narrower" (the held skill is a more specific one) or "broader".</summary>
public sealed record PartialCover(ConceptRef HeldSkill, string How, double Credit);

/// <summary>A required skill the person lacks; <see cref="Reason"/> says why it is listed and what covers it.</summary>
public sealed record MissingSkill(ConceptRef Skill, bool Essential, double Priority, PartialCover? Cover, string OccupationLabel)
{
    public string Reason =>
        $"{Skill.Label} is {(Essential ? "essential" : "optional")} for {OccupationLabel}"
        + (Cover is null ? string.Empty : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; partly covered ({Cover.Credit:0.##}) by {Cover.HeldSkill.Label}, a {Cover.How} skill you hold"));
}

public sealed record SkillGap(
    ConceptRef Occupation,
    IReadOnlyList<HeldSkill> Held,
    IReadOnlyList<string> Unresolved,
    IReadOnlyList<ConceptRef> CoveredEssential,
    IReadOnlyList<ConceptRef> CoveredOptional,
    IReadOnlyList<MissingSkill> MissingEssential,
    IReadOnlyList<MissingSkill> MissingOptional,
    double EssentialCoverage)
{
    /// <summary>The gap in one sentence.</summary>
    public string Summary
    {
        get
        {
            var essential = CoveredEssential.Count + MissingEssential.Count;
            var optional = CoveredOptional.Count + MissingOptional.Count;
            var partlyCovered = MissingEssential.Count(m => m.Cover is not null);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"You hold {CoveredEssential.Count} of the {essential} essential skills of {Occupation.Label} ({EssentialCoverage:P0}) and {CoveredOptional.Count} of its {optional} optional skills; "
                + $"{MissingEssential.Count} essential skills are missing, {partlyCovered} of them partly covered by skills you hold.");
        }
    }
}
