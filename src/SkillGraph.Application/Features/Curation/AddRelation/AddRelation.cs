using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.AddRelation;

/// <summary>
/// A steward adds a relation: for <see cref="CurationRelation.Essential"/> and <see cref="CurationRelation.Optional"/>
/// <paramref name="From"/> is the occupation and <paramref name="To"/> the skill; for <see cref="CurationRelation.Broader"/>
/// <paramref name="From"/> is the narrower concept. The source concept gets a new version.
/// </summary>
[Requires(Permission.Apply)]
public sealed record AddRelation(CurationRelation Type, ConceptUri From, ConceptUri To, string Comment) : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() => CurationChecks.Comment(Comment);
}
