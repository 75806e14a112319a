using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.ProposeChanges;

public sealed class ProposeChangesHandler(CurationBatch batch, IProposalStore proposals, ICurrentUser user, TimeProvider clock) : ICommandHandler<ProposeChanges, ProposalResult>
{
    public async ValueTask<ProposalResult> Handle(ProposeChanges command, CancellationToken cancellationToken)
    {
        var check = await batch.RunAsync(command.Changes, command.Comment, new CurationWriteOptions(DryRun: true), cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded)
        {
            return new ProposalResult(null, check);
        }

        var now = clock.GetUtcNow();
        var proposal = new Proposal(ChangeSet.NewId(now), user.Caller.Name ?? "anonymous", command.Comment.Trim(), now, CurationChanges.Serialize(command.Changes));
        await proposals.AddProposalAsync(proposal, cancellationToken).ConfigureAwait(false);
        return new ProposalResult(proposal, check);
    }
}
