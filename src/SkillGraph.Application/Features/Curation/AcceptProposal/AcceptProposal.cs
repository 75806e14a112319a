using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Curation.AcceptProposal;

/// <summary>
/// A reviewer accepts a pending proposal, which applies its batch now: every check runs again against the current graph
/// (a proposal gone stale fails with its errors and stays pending), and one change set records the proposal's author as
/// its author and the reviewer as its reviewer; the proposal is marked accepted in the same transaction.
/// </summary>
[Requires(Permission.Review)]
public sealed record AcceptProposal(string Id, string Comment) : ICommand<ProposalResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        (string.IsNullOrWhiteSpace(Id) ? new[] { "id: give the proposal's id" } : []).Concat(CurationChecks.Comment(Comment));
}
