using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.CountGraph;

public sealed class CountGraphHandler(IGraphStore graph) : IQueryHandler<CountGraph, GraphCounts>
{
    public ValueTask<GraphCounts> Handle(CountGraph query, CancellationToken cancellationToken) => graph.CountAsync(cancellationToken);
}
