using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Skills.GetRelatedSkills;

/// <summary>
/// Skills related to <paramref name="Skill"/>: the skills most often co-required with it (essential for the same
/// occupations; two hops: skill → occupations → skills) and the skills ESCO links to it directly.
/// </summary>
public sealed record GetRelatedSkills(ConceptUri Skill, int First = 20) : IQuery<RelatedSkills>, IValidatable
{
    public const int MaxFirst = 200;

    public IEnumerable<string> Validate() => Check.Range("first", First, 1, MaxFirst);
}

public sealed record RelatedSkills(ConceptRef Skill, int OccupationsRequiring, IReadOnlyList<CoRequiredSkill> CoRequired, IReadOnlyList<LinkedSkill> Linked);

/// <summary>A skill essential for <paramref name="Occupations"/> of the occupations that require the asked skill.</summary>
public sealed record CoRequiredSkill(ConceptRef Skill, int Occupations, string Reason);

/// <summary>An ESCO skill–skill relation: <paramref name="Relation"/> essential or optional; <paramref name="Outgoing"/> when the asked skill is the one that needs it.</summary>
public sealed record LinkedSkill(ConceptRef Skill, string Relation, bool Outgoing, string Reason);
