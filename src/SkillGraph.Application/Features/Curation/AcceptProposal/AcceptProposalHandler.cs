using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.AcceptProposal;

public sealed class AcceptProposalHandler(CurationBatch batch, IProposalStore proposals) : ICommandHandler<AcceptProposal, ProposalResult>
{
    public async ValueTask<ProposalResult> Handle(AcceptProposal command, CancellationToken cancellationToken)
    {
        var proposal = await proposals.GetProposalAsync(command.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new ConceptNotFoundException($"id: no proposal has the id '{command.Id}'");
        if (proposal.Status != ProposalStatus.Pending)
        {
            throw new ProposalNotPendingException(proposal.Id);
        }

        var result = await batch.RunAsync(
            CurationChanges.Deserialize(proposal.Changes),
            proposal.Comment,
            new CurationWriteOptions(Author: proposal.Author, Accepts: proposal.Id, ReviewComment: command.Comment.Trim()),
            cancellationToken).ConfigureAwait(false);
        return new ProposalResult(await proposals.GetProposalAsync(proposal.Id, cancellationToken).ConfigureAwait(false), result);
    }
}
