using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetChangeSet;

public sealed class GetChangeSetHandler(IGraphStore graph) : IQueryHandler<GetChangeSet, ChangeSet?>
{
    public ValueTask<ChangeSet?> Handle(GetChangeSet query, CancellationToken cancellationToken) => graph.GetChangeSetAsync(query.Id, cancellationToken);
}
