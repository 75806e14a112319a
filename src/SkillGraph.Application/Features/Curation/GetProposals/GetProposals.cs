using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetProposals;

/// <summary>The proposals with <paramref name="Status"/> (all when null), oldest first.</summary>
public sealed record GetProposals(ProposalStatus? Status, PageRequest Page) : IQuery<Page<Proposal>>, IValidatable
{
    public IEnumerable<string> Validate() => Check.Range("first", Page.First, 0, PageRequest.MaxPageSize);
}
