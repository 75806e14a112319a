using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.MergeConcepts;

/// <summary>
/// A steward merges a duplicate into a survivor of the same kind: every relation of the duplicate moves to the survivor
/// (those the survivor has already, or that would relate it to itself, are dropped), the duplicate's labels become the
/// survivor's alternative labels, and the duplicate is deprecated with <c>replacedBy</c> = the survivor, so that its URI
/// keeps answering with the survivor. Both versions must be the ones read.
/// </summary>
[Requires(Permission.Apply)]
public sealed record MergeConcepts(ConceptUri Survivor, long SurvivorVersion, ConceptUri Duplicate, long DuplicateVersion, string Comment)
    : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        CurationChecks.Version(SurvivorVersion, "survivorVersion")
            .Concat(CurationChecks.Version(DuplicateVersion, "duplicateVersion"))
            .Concat(CurationChecks.Comment(Comment))
            .Concat(Survivor == Duplicate ? ["duplicate: a concept cannot be merged into itself"] : []);
}
