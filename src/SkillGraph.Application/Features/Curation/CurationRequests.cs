using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation;

/// <summary>The relation types stewards edit, as the API names them.</summary>
public enum CurationRelation
{
    /// <summary>occupation → skill it requires.</summary>
    Essential,

    /// <summary>occupation → skill that is optional for it.</summary>
    Optional,

    /// <summary>narrower → broader concept (skill → skill or group, group → group, occupation → occupation or ISCO group).</summary>
    Broader,

    /// <summary>skill → skill it essentially needs.</summary>
    Related,

    /// <summary>skill → skill optionally related.</summary>
    OptionalRelated,
}

/// <summary>Checks shared by the curation commands.</summary>
public static class CurationChecks
{
    public const int MaxLabelLength = 200;
    public const int MaxAltLabels = 100;
    public const int MaxCommentLength = 2_000;

    public static RelationType ToRelationType(this CurationRelation relation) => relation switch
    {
        CurationRelation.Essential => RelationType.EssentialSkill,
        CurationRelation.Optional => RelationType.OptionalSkill,
        CurationRelation.Broader => RelationType.Broader,
        CurationRelation.Related => RelationType.EssentialRelatedSkill,
        CurationRelation.OptionalRelated => RelationType.OptionalRelatedSkill,
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };

    /// <summary>Every change says why: a comment of 1–2,000 characters.</summary>
    public static IEnumerable<string> Comment(string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? ["comment: say why (a comment is required)"]
        : comment.Length > MaxCommentLength ? [$"comment: at most {MaxCommentLength} characters (got {comment.Length})"]
        : [];

    public static IEnumerable<string> Label(string field, string? label, bool required)
    {
        if (label is null)
        {
            return required ? [$"{field}: give a label"] : [];
        }

        return string.IsNullOrWhiteSpace(label) ? [$"{field}: a label cannot be blank"]
            : label.Length > MaxLabelLength ? [$"{field}: at most {MaxLabelLength} characters (got {label.Length})"]
            : label.Trim() != label || label.Contains('\n', StringComparison.Ordinal) ? [$"{field}: '{label}' has spaces at an end or a line break"]
            : [];
    }

    public static IEnumerable<string> AltLabels(IReadOnlyList<string>? labels)
    {
        if (labels is null)
        {
            return [];
        }

        if (labels.Count > MaxAltLabels)
        {
            return [$"altLabels: at most {MaxAltLabels} (got {labels.Count})"];
        }

        var errors = labels.SelectMany((l, i) => Label($"altLabels[{i}]", l, true)).ToList();
        var duplicate = labels.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add($"altLabels: '{duplicate.Key}' is given twice");
        }

        return errors;
    }

    public static IEnumerable<string> Description(string? description) =>
        description?.Length > Check.MaxTextLength ? [$"description: at most {Check.MaxTextLength} characters (got {description.Length})"] : [];

    public static IEnumerable<string> Version(long? expectedVersion, string field = "expectedVersion") =>
        expectedVersion is < 1 ? [$"{field} must be 1 or more (got {expectedVersion})"] : [];
}
