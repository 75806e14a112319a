using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Curation.ProposeChanges;

/// <summary>
/// A steward proposes a batch of curation commands for a reviewer to accept (<see cref="AcceptProposal.AcceptProposal"/>)
/// or reject. The batch is checked now as a dry run against the current graph (errors come back and nothing is stored)
/// and stored as a pending proposal; nothing changes in the graph until a reviewer accepts it.
/// </summary>
[Requires(Permission.Propose)]
public sealed record ProposeChanges(IReadOnlyList<CurationChange> Changes, string Comment) : ICommand<ProposalResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        CurationChecks.Comment(Comment).Concat(Changes.Count == 0 ? ["changes: give at least one change"] : []);
}
