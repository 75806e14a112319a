using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>The proposals of a host whose graph store keeps none (a verb that opens no graph): every call says so.</summary>
internal sealed class MissingProposalStore : IProposalStore
{
    public ValueTask AddProposalAsync(Proposal proposal, CancellationToken cancellationToken = default) => throw Missing();

    public ValueTask<Proposal?> GetProposalAsync(string id, CancellationToken cancellationToken = default) => throw Missing();

    public ValueTask<Page<Proposal>> GetProposalsAsync(ProposalStatus? status, PageRequest page, CancellationToken cancellationToken = default) => throw Missing();

    public ValueTask ReviewProposalAsync(ProposalReview review, CancellationToken cancellationToken = default) => throw Missing();

    private static GraphStoreException Missing() => new("this host's graph store keeps no proposals; register an IProposalStore.");
}
