using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Skills.ExtractSkills;

/// <summary>The ESCO skills <paramref name="Text"/> expresses, best first (at most <paramref name="First"/>), with spans.</summary>
[Requires(Permission.UseStudent)]
public sealed record ExtractSkills(string Text, int First = 10) : IQuery<SkillExtraction>, IValidatable
{
    public const int MaxFirst = 100;

    public IEnumerable<string> Validate() => Check.Text("text", Text, mayBeBlank: true).Concat(Check.Range("first", First, 1, MaxFirst));
}
