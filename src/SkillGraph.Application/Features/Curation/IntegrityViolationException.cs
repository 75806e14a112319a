using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// A change would break a rule of the graph; nothing was written. <see cref="Rule"/> names the rule (the code a steward
/// sees, e.g. <c>BROADER_CYCLE</c>), <see cref="Concepts"/> the concepts involved, <see cref="Field"/> the input field.
/// </summary>
public sealed class IntegrityViolationException(string rule, string field, IReadOnlyList<ConceptUri> concepts, string message)
    : SkillGraphException(ErrorCode.IntegrityViolation, message)
{
    public string Rule { get; } = rule;

    public string Field { get; } = field;

    public IReadOnlyList<ConceptUri> Concepts { get; } = concepts;
}

/// <summary>The rules every curation write is checked against, by name.</summary>
public static class IntegrityRules
{
    /// <summary>A relation must join two concepts that exist.</summary>
    public const string MissingConcept = "MISSING_CONCEPT";

    /// <summary>No new relation to or from a deprecated concept.</summary>
    public const string DeprecatedConcept = "DEPRECATED_CONCEPT";

    /// <summary>A relation joins concepts of the kinds its type allows (an occupation's skill is a skill, …).</summary>
    public const string WrongKind = "WRONG_KIND";

    /// <summary>No cycle in a broader hierarchy.</summary>
    public const string BroaderCycle = "BROADER_CYCLE";

    /// <summary>Exactly one preferred label per concept and language.</summary>
    public const string PreferredLabel = "PREFERRED_LABEL";

    /// <summary>No two concepts of one kind share a preferred label, unless the write says so (<c>allowDuplicateLabel</c>).</summary>
    public const string DuplicateLabel = "DUPLICATE_LABEL";

    /// <summary>An occupation keeps at least one essential skill.</summary>
    public const string LastEssentialSkill = "LAST_ESSENTIAL_SKILL";

    /// <summary>The relation to add is there already, or the one to remove is not.</summary>
    public const string Relation = "RELATION";
}
