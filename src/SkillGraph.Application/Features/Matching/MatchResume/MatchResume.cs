using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Matching.MatchResume;

/// <summary>How well <paramref name="Resume"/> matches <paramref name="JobDescription"/>: score, covered and missing skills, explanation, edits.</summary>
[Requires(Permission.UseStudent)]
public sealed record MatchResume(string JobDescription, string Resume) : IQuery<ResumeMatch>, IValidatable
{
    public IEnumerable<string> Validate() => Check.Text("jobDescription", JobDescription, mayBeBlank: true).Concat(Check.Text("resume", Resume, mayBeBlank: true));
}
