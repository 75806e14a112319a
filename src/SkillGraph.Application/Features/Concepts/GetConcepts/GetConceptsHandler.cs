using Mediator;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.GetConcepts;

public sealed class GetConceptsHandler(IGraphStore graph) : IQueryHandler<GetConcepts, IReadOnlyList<Concept?>>
{
    public ValueTask<IReadOnlyList<Concept?>> Handle(GetConcepts query, CancellationToken cancellationToken) =>
        graph.GetConceptsAsync(query.Uris, cancellationToken);
}
