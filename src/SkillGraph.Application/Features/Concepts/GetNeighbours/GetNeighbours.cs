using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.GetNeighbours;

/// <summary>One page of the neighbours of each of <paramref name="Uris"/> over one relation type and direction, in the order asked (a to-many edge for many nodes at once).</summary>
public sealed record GetNeighbours(IReadOnlyList<ConceptUri> Uris, RelationType Type, Direction Direction, PageRequest Page)
    : IQuery<IReadOnlyList<Page<ConceptUri>>>, IValidatable
{
    public IEnumerable<string> Validate() =>
        Check.Range("uris", Uris?.Count ?? 0, 0, GetConcepts.GetConcepts.MaxUris).Concat(Check.Range("first", Page.First, 0, PageRequest.MaxPageSize));
}
