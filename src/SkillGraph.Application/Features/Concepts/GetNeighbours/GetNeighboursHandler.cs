using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.GetNeighbours;

public sealed class GetNeighboursHandler(IGraphStore graph) : IQueryHandler<GetNeighbours, IReadOnlyList<Page<Domain.ConceptUri>>>
{
    public ValueTask<IReadOnlyList<Page<Domain.ConceptUri>>> Handle(GetNeighbours query, CancellationToken cancellationToken) =>
        graph.GetNeighboursManyAsync(query.Uris, query.Type, query.Direction, query.Page, cancellationToken);
}
