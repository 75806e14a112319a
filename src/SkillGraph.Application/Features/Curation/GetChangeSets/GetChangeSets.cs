using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetChangeSets;

/// <summary>The change log, oldest first: every change set, or those touching <paramref name="Concept"/>, made at or after <paramref name="Since"/>.</summary>
public sealed record GetChangeSets(ConceptUri? Concept, DateTimeOffset? Since, PageRequest Page) : IQuery<Page<ChangeSet>>, IValidatable
{
    public IEnumerable<string> Validate() => Check.Range("first", Page.First, 0, PageRequest.MaxPageSize);
}
