using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetProposal;

public sealed class GetProposalHandler(IProposalStore proposals) : IQueryHandler<GetProposal, Proposal?>
{
    public ValueTask<Proposal?> Handle(GetProposal query, CancellationToken cancellationToken) => proposals.GetProposalAsync(query.Id, cancellationToken);
}
