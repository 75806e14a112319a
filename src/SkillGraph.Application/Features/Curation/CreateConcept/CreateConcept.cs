using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.CreateConcept;

/// <summary>
/// A steward adds an occupation, skill or skill group that ESCO lacks; its URI is minted in <see cref="CurationOptions.UriNamespace"/>.
/// With <paramref name="AllowDuplicateLabel"/> its preferred label may equal another concept's of the same kind.
/// </summary>
[Requires(Permission.Apply)]
public sealed record CreateConcept(
    ConceptKind Kind,
    string PreferredLabel,
    IReadOnlyList<string> AltLabels,
    string? Description,
    string Comment,
    bool AllowDuplicateLabel = false) : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        (Kind is ConceptKind.Occupation or ConceptKind.Skill or ConceptKind.SkillGroup ? [] : new[] { $"kind: stewards create occupations, skills and skill groups (got {Kind})" })
            .Concat(CurationChecks.Label("preferredLabel", PreferredLabel, true))
            .Concat(CurationChecks.AltLabels(AltLabels))
            .Concat(CurationChecks.Description(Description))
            .Concat(CurationChecks.Comment(Comment));
}
