using Mediator;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.ListConcepts;

public sealed class ListConceptsHandler(IGraphStore graph) : IQueryHandler<ListConcepts, Page<ConceptUri>>
{
    public ValueTask<Page<ConceptUri>> Handle(ListConcepts query, CancellationToken cancellationToken) =>
        graph.ListConceptsAsync(query.Filter, query.Page, cancellationToken);
}
