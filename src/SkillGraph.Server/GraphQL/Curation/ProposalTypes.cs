using GraphQL.Types;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Curation;

/// <summary>What proposing, accepting or rejecting answers: the proposal as stored now, and what the caller can fix (nothing was stored or applied).</summary>
public sealed record ProposalPayload(ProposalResult? Result, IReadOnlyList<UserError> UserErrors);

public sealed class ProposalStatusType : EnumerationGraphType<ProposalStatus>
{
    public ProposalStatusType()
    {
        Name = "ProposalStatus";
        Description = "PENDING (waiting for a reviewer), ACCEPTED (applied as its change set), REJECTED.";
    }
}

public sealed class ProposalType : ObjectGraphType<Proposal>
{
    public ProposalType()
    {
        Name = "Proposal";
        Description = "A steward's batch of curation changes kept for a reviewer to accept (which applies it) or reject.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Sorts in the order proposals were made.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("author").Description("Who proposed it (the API key's or token's name).").Resolve(c => c.Source.Author);
        Field<NonNullGraphType<StringGraphType>>("comment").Resolve(c => c.Source.Comment);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<ProposalStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<StringGraphType>>("changes").Description("The batch as JSON text: [{op, ref?, input}, …], as proposeChanges took it.").Resolve(c => c.Source.Changes);
        Field<StringGraphType>("reviewer").Resolve(c => c.Source.Reviewer);
        Field<StringGraphType>("reviewComment").Resolve(c => c.Source.ReviewComment);
        Field<DateTimeOffsetGraphType>("reviewedAt").Resolve(c => c.Source.ReviewedAt);
        Field<IdGraphType>("changeSetId").Description("The change set that applied it, once accepted.").Resolve(c => c.Source.ChangeSetId);
    }
}

public sealed class ProposalConnectionType : ObjectGraphType<Page<Proposal>>
{
    public ProposalConnectionType()
    {
        Name = "ProposalConnection";
        Description = "A page of proposals, oldest first.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.EndCursor));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProposalType>>>>("nodes").Resolve(c => c.Source.Items);
    }
}

public sealed class ProposalPayloadType : ObjectGraphType<ProposalPayload>
{
    public ProposalPayloadType()
    {
        Name = "ProposalPayload";
        Description = "The answer of proposeChanges, acceptProposal and rejectProposal.";
        Field<ProposalType>("proposal").Description("The proposal as stored now (null when proposing failed its checks).").Resolve(c => c.Source.Result?.Proposal);
        Field<ChangeSetType>("changeSet").Description("The change set that applied it (acceptProposal).").Resolve(c => c.Source.Result?.Check is { Written: true } check ? check.ChangeSet : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors")
            .Description("What stopped it; for a change of the batch the field is changes[i].field. Nothing was stored or applied; a proposal that no longer applies stays pending.")
            .Resolve(c => c.Source.UserErrors);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Resolve(c => c.Source.Result?.Check?.Warnings ?? []);
    }
}

public sealed class CurationChangeInputType : InputObjectGraphType
{
    public CurationChangeInputType()
    {
        Name = "CurationChangeInput";
        Description = "One change of a batch: op names the mutation, input is its input as JSON text (comment may be left out: the batch's is used).";
        Field<NonNullGraphType<StringGraphType>>("op").Description("createConcept, updateConcept, deprecateConcept, addRelation or removeRelation.");
        Field<StringGraphType>("ref").Description("createConcept only: a name for the concept it creates; a later change's uri, from, to or replacedBy may then say \"@name\".");
        Field<NonNullGraphType<StringGraphType>>("input").Description("The mutation's input as JSON text, e.g. {\"type\": \"OPTIONAL\", \"from\": \"…\", \"to\": \"@name\"}.");
    }
}

public sealed class ProposeChangesInputType : InputObjectGraphType
{
    public ProposeChangesInputType()
    {
        Name = "ProposeChangesInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CurationChangeInputType>>>>("changes");
        Field<NonNullGraphType<StringGraphType>>("comment").Description("Why (the change set's comment once accepted).");
    }
}

public sealed class ReviewProposalInputType : InputObjectGraphType
{
    public ReviewProposalInputType()
    {
        Name = "ReviewProposalInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("comment").Description("The reviewer's comment (kept on the proposal).");
    }
}
