using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// The proposals of the host's graph store when it keeps them (both adapters do), else every call says it keeps none (a
/// verb that opens no graph). A forwarder, not the store itself: the container must not dispose a store it did not make.
/// </summary>
internal sealed class GraphStoreProposals(IGraphStore graph) : IProposalStore
{
    private IProposalStore Store => graph as IProposalStore ?? throw new GraphStoreException("this host's graph store keeps no proposals; register an IProposalStore.");

    public ValueTask AddProposalAsync(Proposal proposal, CancellationToken cancellationToken = default) => Store.AddProposalAsync(proposal, cancellationToken);

    public ValueTask<Proposal?> GetProposalAsync(string id, CancellationToken cancellationToken = default) => Store.GetProposalAsync(id, cancellationToken);

    public ValueTask<Page<Proposal>> GetProposalsAsync(ProposalStatus? status, PageRequest page, CancellationToken cancellationToken = default) => Store.GetProposalsAsync(status, page, cancellationToken);

    public ValueTask ReviewProposalAsync(ProposalReview review, CancellationToken cancellationToken = default) => Store.ReviewProposalAsync(review, cancellationToken);
}
