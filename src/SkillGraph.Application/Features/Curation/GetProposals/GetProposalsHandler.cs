using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetProposals;

public sealed class GetProposalsHandler(IProposalStore proposals) : IQueryHandler<GetProposals, Page<Proposal>>
{
    public ValueTask<Page<Proposal>> Handle(GetProposals query, CancellationToken cancellationToken) => proposals.GetProposalsAsync(query.Status, query.Page, cancellationToken);
}
