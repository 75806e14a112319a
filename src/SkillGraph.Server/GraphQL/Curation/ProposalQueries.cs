using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Curation.GetProposal;
using SkillGraph.Application.Features.Curation.GetProposals;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Walks;

namespace SkillGraph.Server.GraphQL.Curation;

/// <summary><c>proposals(status, first, after)</c> (oldest first) and <c>proposal(id)</c>: what waits for review, and what became of it.</summary>
public sealed class ProposalQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ProposalConnectionType>>("proposals")
            .Description("Proposals with this status (all when left out), oldest first.")
            .Argument<ProposalStatusType>("status")
            .WithPaging()
            .Sends(typeof(GetProposals))
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetProposals(c.GetArgument<ProposalStatus?>("status"), c.PageRequest())).ConfigureAwait(false));
        query.Field<ProposalType>("proposal")
            .Description("One proposal by id; null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Sends(typeof(GetProposal))
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetProposal(c.GetArgument<string>("id"))).ConfigureAwait(false));
    }
}
