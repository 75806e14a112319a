using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// What proposing, accepting or rejecting answers: the proposal as stored now (null when proposing failed its checks) and,
/// when its changes ran (a dry run on proposing, the write on accepting), how each fared.
/// </summary>
public sealed record ProposalResult(Proposal? Proposal, BatchResult? Check)
{
    public IReadOnlyList<CurationError> Errors => Check?.Errors ?? [];
}
