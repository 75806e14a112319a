using GraphQL.Types;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Curation;

/// <summary>Something in a mutation's input the caller can fix: the input field, what is wrong, and a code (a rule name, <c>CONFLICT</c>, <c>BAD_INPUT</c>, <c>NOT_FOUND</c>).</summary>
public sealed record UserError(string? Field, string Message, string Code);

/// <summary>
/// What a curation mutation answers: the concept as stored now, the change set, and what the caller can fix; nothing is
/// written when <see cref="UserErrors"/> is not empty. Under <c>Curation:RequireReview</c> a steward's change is stored as
/// <see cref="Proposal"/> instead (no concept, no change set).
/// </summary>
public sealed record CurationPayload(CurationResult? Result, IReadOnlyList<UserError> UserErrors, Proposal? Proposal = null);

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A problem with a mutation's input that the caller can fix; nothing was written.";
        Field<StringGraphType>("field").Description("The input field, when one is to blame.").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("code")
            .Description("CONFLICT (stale expectedVersion: read again), BAD_INPUT, NOT_FOUND, or the integrity rule broken: MISSING_CONCEPT, DEPRECATED_CONCEPT, WRONG_KIND, BROADER_CYCLE, PREFERRED_LABEL, DUPLICATE_LABEL, LAST_ESSENTIAL_SKILL, RELATION.")
            .Resolve(c => c.Source.Code);
    }
}

public sealed class CurationPayloadType : ObjectGraphType<CurationPayload>
{
    public CurationPayloadType()
    {
        Name = "CurationPayload";
        Description = "The answer of a curation mutation.";
        Field<ConceptInterface>("concept").Description("The concept changed, as stored now (with its new version).").Resolve(c => c.Source.Result?.Concept);
        Field<ChangeSetType>("changeSet").Description("The change set recorded in the change log.").Resolve(c => c.Source.Result?.ChangeSet);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
        Field<ProposalType>("proposal")
            .Description("With Curation:RequireReview, a steward's change is not applied but proposed: the pending proposal a reviewer accepts or rejects.")
            .Resolve(c => c.Source.Proposal);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings")
            .Description("What did not stop the change but deserves a look (a label that is another concept's label).")
            .Resolve(c => c.Source.Result?.Warnings ?? []);
    }
}

public sealed class ChangeSetType : ObjectGraphType<ChangeSet>
{
    public ChangeSetType()
    {
        Name = "ChangeSet";
        Description = "One change of the graph by a steward, as the change log keeps it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Sorts in the order changes were made.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("author").Description("The API key's or token's name.").Resolve(c => c.Source.Author);
        Field<NonNullGraphType<StringGraphType>>("comment").Resolve(c => c.Source.Comment);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<IdGraphType>("reverts").Description("The change set this one undid.").Resolve(c => c.Source.Reverts);
        Field<StringGraphType>("reviewer").Description("Who accepted it, when it was a proposal (author is then who proposed it).").Resolve(c => c.Source.Reviewer);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("conceptUris").Resolve(c => c.Source.Concepts.Select(u => u.Value));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeType>>>>("changes").Resolve(c => c.Source.Changes);
    }
}

public sealed class FieldChangeType : ObjectGraphType<FieldChange>
{
    public FieldChangeType()
    {
        Name = "FieldChange";
        Description = "One field of one concept before and after (values as JSON text; null: absent). Relations are fields named after the relation (essentialSkill, broader, …) whose value is the other end's URI; the other end records incoming:essentialSkill, … with the source's URI.";
        Field<NonNullGraphType<StringGraphType>>("conceptUri").Resolve(c => c.Source.Concept.Value);
        Field<NonNullGraphType<StringGraphType>>("field").Resolve(c => c.Source.Field);
        Field<StringGraphType>("before").Resolve(c => c.Source.Before);
        Field<StringGraphType>("after").Resolve(c => c.Source.After);
    }
}

public sealed class ChangeSetConnectionType : ObjectGraphType<Page<ChangeSet>>
{
    public ChangeSetConnectionType()
    {
        Name = "ChangeSetConnection";
        Description = "A page of the change log, oldest first.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.EndCursor));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeSetType>>>>("nodes").Resolve(c => c.Source.Items);
    }
}

public sealed class CurationRelationType : EnumerationGraphType<CurationRelation>
{
    public CurationRelationType()
    {
        Name = "RelationKind";
        Description = "The relations stewards edit. ESSENTIAL/OPTIONAL: from an occupation to a skill; BROADER: from the narrower concept to the broader one; RELATED/OPTIONAL_RELATED: skill to skill.";
    }
}
