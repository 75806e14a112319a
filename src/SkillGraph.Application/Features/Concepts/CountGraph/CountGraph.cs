using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.CountGraph;

/// <summary>How many of each kind of node and edge the graph holds, and what the last import skipped.</summary>
public sealed record CountGraph : IQuery<GraphCounts>;
