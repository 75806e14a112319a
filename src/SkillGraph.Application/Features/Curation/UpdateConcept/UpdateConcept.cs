using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.UpdateConcept;

/// <summary>
/// A steward fixes a concept's labels or description. A field left null keeps its value; <paramref name="AltLabels"/>
/// replaces the whole list of alternative labels. <paramref name="ExpectedVersion"/> is the version the steward read: a
/// concept changed since answers <c>CONFLICT</c> with the current version.
/// </summary>
[Requires(Permission.Apply)]
public sealed record UpdateConcept(
    ConceptUri Uri,
    long ExpectedVersion,
    string? PreferredLabel,
    IReadOnlyList<string>? AltLabels,
    string? Description,
    string Comment,
    bool AllowDuplicateLabel = false) : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        CurationChecks.Version(ExpectedVersion)
            .Concat(CurationChecks.Label("preferredLabel", PreferredLabel, false))
            .Concat(CurationChecks.AltLabels(AltLabels))
            .Concat(CurationChecks.Description(Description))
            .Concat(CurationChecks.Comment(Comment))
            .Concat(PreferredLabel is null && AltLabels is null && Description is null ? ["give preferredLabel, altLabels or description to change"] : []);
}
