using GraphQL;
using GraphQL.Types;
using Mediator;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.AcceptProposal;
using SkillGraph.Application.Features.Curation.ProposeChanges;
using SkillGraph.Application.Features.Curation.RejectProposal;
using SkillGraph.Domain;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Curation;

/// <summary>
/// Review: <c>proposeChanges</c> (stewards: a batch checked now and stored pending), <c>acceptProposal</c> (reviewers and
/// admins: applies it, every check again) and <c>rejectProposal</c>; what the caller can fix comes back in <c>userErrors</c>.
/// </summary>
public sealed class ProposalMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        Add<ProposeChangesInputType, ProposeChanges>(mutation, "proposeChanges", "Propose a batch of curation changes for a reviewer; it is checked now and applied only when accepted.", input => new ProposeChanges(
            [.. ((IEnumerable<object?>)input["changes"]!).Cast<Dictionary<string, object?>>().Select(c => CurationChanges.From((string)c["op"]!, (string)c["input"]!, c.GetValueOrDefault("ref") as string))],
            (string)input["comment"]!));
        Add<ReviewProposalInputType, AcceptProposal>(mutation, "acceptProposal", "Accept a pending proposal: its changes are checked again against the graph now and applied as one change set.", input => new AcceptProposal(
            (string)input["id"]!, (string)input["comment"]!));
        Add<ReviewProposalInputType, RejectProposal>(mutation, "rejectProposal", "Reject a pending proposal, saying why; nothing is applied.", input => new RejectProposal(
            (string)input["id"]!, (string)input["comment"]!));
    }

    private static void Add<TInput, TCommand>(ObjectGraphType mutation, string name, string description, Func<Dictionary<string, object?>, TCommand> command)
        where TInput : InputObjectGraphType
        where TCommand : ICommand<ProposalResult> =>
        mutation.Field<NonNullGraphType<ProposalPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInput>>("input")
            .Sends(typeof(TCommand))
            .ResolveAsync(async c =>
            {
                try
                {
                    var request = command(c.GetArgument<Dictionary<string, object?>>("input"));
                    var result = await c.RequestServices!.GetRequiredService<IMediator>().Send(request, c.CancellationToken).ConfigureAwait(false);
                    return new ProposalPayload(result, [.. Located(result)]);
                }
                catch (SkillGraphException ex) when (UserErrors.From(ex) is { } errors)
                {
                    return new ProposalPayload(null, errors);
                }
            });

    /// <summary>The batch's errors, a change's field named as <c>changes[i].field</c>.</summary>
    private static IEnumerable<UserError> Located(ProposalResult result)
    {
        var failed = result.Check?.Lines.FirstOrDefault(l => l.Status == BatchLineStatus.Failed);
        return result.Errors.Select(e => new UserError(failed is null ? e.Field : $"changes[{failed.Index}]{(e.Field is null ? string.Empty : "." + e.Field)}", e.Message, e.Code));
    }
}
