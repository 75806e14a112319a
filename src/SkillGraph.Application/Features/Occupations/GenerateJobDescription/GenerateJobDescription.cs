using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.GenerateJobDescription;

/// <summary>A job description for <paramref name="Occupation"/>, written by the teacher from its graph context.</summary>
[Requires(Permission.SpendTeacher)]
public sealed record GenerateJobDescription(ConceptUri Occupation, int Seed = 0) : IQuery<GeneratedJobDescription>, IValidatable
{
    public IEnumerable<string> Validate() => Check.Range("seed", Seed, 0, int.MaxValue);
}
