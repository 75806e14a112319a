using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.RejectProposal;

public sealed class RejectProposalHandler(IProposalStore proposals, ICurrentUser user, TimeProvider clock) : ICommandHandler<RejectProposal, ProposalResult>
{
    public async ValueTask<ProposalResult> Handle(RejectProposal command, CancellationToken cancellationToken)
    {
        _ = await proposals.GetProposalAsync(command.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new ConceptNotFoundException($"id: no proposal has the id '{command.Id}'");
        await proposals.ReviewProposalAsync(new ProposalReview(command.Id, ProposalStatus.Rejected, user.Caller.Name ?? "anonymous", command.Comment.Trim(), clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new ProposalResult(await proposals.GetProposalAsync(command.Id, cancellationToken).ConfigureAwait(false), null);
    }
}
