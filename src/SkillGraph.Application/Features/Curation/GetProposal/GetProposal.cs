using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetProposal;

/// <summary>One proposal by id; null when there is none.</summary>
public sealed record GetProposal(string Id) : IQuery<Proposal?>;
