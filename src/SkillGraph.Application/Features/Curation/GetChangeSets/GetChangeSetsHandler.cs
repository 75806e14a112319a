using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetChangeSets;

public sealed class GetChangeSetsHandler(IGraphStore graph) : IQueryHandler<GetChangeSets, Page<ChangeSet>>
{
    public ValueTask<Page<ChangeSet>> Handle(GetChangeSets query, CancellationToken cancellationToken) =>
        graph.GetChangeSetsAsync(new ChangeFilter(query.Concept, query.Since), query.Page, cancellationToken);
}
