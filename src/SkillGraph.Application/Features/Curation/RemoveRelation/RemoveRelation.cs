using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.RemoveRelation;

/// <summary>A steward removes a relation (the ends as for <see cref="AddRelation.AddRelation"/>); the source concept gets a new version.</summary>
[Requires(Permission.Apply)]
public sealed record RemoveRelation(CurationRelation Type, ConceptUri From, ConceptUri To, string Comment) : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() => CurationChecks.Comment(Comment);
}
