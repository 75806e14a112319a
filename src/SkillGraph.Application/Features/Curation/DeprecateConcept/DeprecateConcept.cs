using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.DeprecateConcept;

/// <summary>
/// A steward marks a concept deprecated (status <c>deprecated</c>), optionally naming the concept that replaces it (recorded
/// in the change log as <c>replacedBy</c>). Its relations stay; no new relation may name it.
/// </summary>
[Requires(Permission.Apply)]
public sealed record DeprecateConcept(ConceptUri Uri, long ExpectedVersion, ConceptUri? ReplacedBy, string Comment) : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        CurationChecks.Version(ExpectedVersion)
            .Concat(CurationChecks.Comment(Comment))
            .Concat(ReplacedBy == Uri ? ["replacedBy: a concept cannot replace itself"] : []);
}
