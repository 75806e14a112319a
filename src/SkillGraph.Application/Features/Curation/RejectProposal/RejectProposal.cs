using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Curation.RejectProposal;

/// <summary>A reviewer rejects a pending proposal, saying why; nothing is applied.</summary>
[Requires(Permission.Review)]
public sealed record RejectProposal(string Id, string Comment) : ICommand<ProposalResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        (string.IsNullOrWhiteSpace(Id) ? new[] { "id: give the proposal's id" } : []).Concat(CurationChecks.Comment(Comment));
}
