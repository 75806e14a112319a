using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.SearchConcepts;

public sealed class SearchConceptsHandler(IGraphStore graph) : IQueryHandler<SearchConcepts, IReadOnlyList<SearchHit>>
{
    public ValueTask<IReadOnlyList<SearchHit>> Handle(SearchConcepts query, CancellationToken cancellationToken) =>
        graph.SearchAsync(query.Query, cancellationToken);
}
