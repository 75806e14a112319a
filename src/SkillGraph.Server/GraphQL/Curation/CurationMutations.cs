using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Mediator;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.AddRelation;
using SkillGraph.Application.Features.Curation.CreateConcept;
using SkillGraph.Application.Features.Curation.DeprecateConcept;
using SkillGraph.Application.Features.Curation.MergeConcepts;
using SkillGraph.Application.Features.Curation.ProposeChanges;
using SkillGraph.Application.Features.Curation.RemoveRelation;
using SkillGraph.Application.Features.Curation.RevertChangeSet;
using SkillGraph.Application.Features.Curation.UpdateConcept;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Curation;

/// <summary>
/// The stewards' mutations, one Mediator command each, in the input/payload convention: what the caller can fix comes back
/// in <c>userErrors</c> (nothing written); a refusal of authorization stays a GraphQL error (<c>UNAUTHENTICATED</c>, <c>FORBIDDEN</c>).
/// </summary>
public sealed class CurationMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        Add<CreateConceptInputType, CreateConcept>(mutation, "createConcept", "Add an occupation, skill or skill group; its URI is minted in Curation:UriNamespace.", input => new CreateConcept(
            input.Kind(),
            input.Get<string>("preferredLabel")!,
            input.GetList("altLabels") ?? [],
            input.Get<string>("description"),
            input.Get<string>("comment")!,
            input.Get<bool?>("allowDuplicateLabel") ?? false));
        Add<UpdateConceptInputType, UpdateConcept>(mutation, "updateConcept", "Change a concept's labels or description.", input => new UpdateConcept(
            input.Uri("uri"),
            input.Get<int>("expectedVersion"),
            input.Get<string>("preferredLabel"),
            input.GetList("altLabels"),
            input.Get<string>("description"),
            input.Get<string>("comment")!,
            input.Get<bool?>("allowDuplicateLabel") ?? false));
        Add<DeprecateConceptInputType, DeprecateConcept>(mutation, "deprecateConcept", "Mark a concept deprecated, optionally naming its replacement.", input => new DeprecateConcept(
            input.Uri("uri"),
            input.Get<int>("expectedVersion"),
            input.Get<string>("replacedBy") is { } by ? Input.ParseUri(by, "replacedBy") : null,
            input.Get<string>("comment")!));
        Add<RelationInputType, AddRelation>(mutation, "addRelation", "Add a relation (the source concept gets a new version).", input => new AddRelation(
            input.Relation(), input.Uri("from"), input.Uri("to"), input.Get<string>("comment")!));
        Add<RelationInputType, RemoveRelation>(mutation, "removeRelation", "Remove a relation (the source concept gets a new version).", input => new RemoveRelation(
            input.Relation(), input.Uri("from"), input.Uri("to"), input.Get<string>("comment")!));
        Add<MergeConceptsInputType, MergeConcepts>(mutation, "mergeConcepts", "Merge a duplicate into a survivor of the same kind: relations and labels move, the duplicate is deprecated and its URI answers with the survivor.", input => new MergeConcepts(
            input.Uri("survivor"), input.Get<int>("survivorVersion"), input.Uri("duplicate"), input.Get<int>("duplicateVersion"), input.Get<string>("comment")!));
        Add<RevertChangeSetInputType, RevertChangeSet>(mutation, "revertChangeSet", "Undo a change set; the undo is a change set of its own.", input => new RevertChangeSet(
            input.Get<string>("id")!, input.Get<string>("comment")!));
    }

    private static void Add<TInput, TCommand>(ObjectGraphType mutation, string name, string description, Func<Input, TCommand> command)
        where TInput : InputObjectGraphType
        where TCommand : ICommand<CurationResult> =>
        mutation.Field<NonNullGraphType<CurationPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInput>>("input")
            .Sends(typeof(TCommand))
            .ResolveAsync(async c =>
            {
                try
                {
                    var input = c.GetArgument<Dictionary<string, object?>>("input");
                    var request = command(new Input(input));
                    var services = c.RequestServices!;
                    var mediator = services.GetRequiredService<IMediator>();
                    if (CurationWriter.ReviewRequired(services.GetRequiredService<ICurrentUser>().Caller, services.GetRequiredService<IOptions<CurationOptions>>().Value)
                        && CurationChanges.Ops.Contains(name))
                    {
                        // Curation:RequireReview: a steward's change becomes a proposal of one change (the payload's proposal).
                        var proposed = await mediator.Send(new ProposeChanges([new CurationChange(name, ProposalInput(input))], (string)input["comment"]!), c.CancellationToken).ConfigureAwait(false);
                        return new CurationPayload(null, [.. proposed.Errors.Select(UserErrors.From)], proposed.Proposal);
                    }

                    var result = await mediator.Send(request, c.CancellationToken).ConfigureAwait(false);
                    return new CurationPayload(result, []);
                }
                catch (SkillGraphException ex) when (UserErrors.From(ex) is { } errors)
                {
                    return new CurationPayload(null, errors);
                }
            });

    /// <summary>A mutation's input as a change of a batch writes it (enums by their GraphQL names).</summary>
    private static JsonObject ProposalInput(Dictionary<string, object?> input) => new(input.Select(kv => KeyValuePair.Create(kv.Key, kv.Value switch
    {
        null => null,
        Enum value => JsonValue.Create(JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString())),
        string text => JsonValue.Create(text),
        IEnumerable<object?> list => new JsonArray([.. list.Select(v => (JsonNode?)JsonValue.Create(v?.ToString()))]),
        var other => JsonSerializer.SerializeToNode(other),
    })));

    /// <summary>A mutation's <c>input</c> object.</summary>
    private sealed class Input(Dictionary<string, object?> values)
    {
        public T? Get<T>(string name) => values.TryGetValue(name, out var value) && value is not null ? (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture) : default;

        public List<string>? GetList(string name) => values.TryGetValue(name, out var value) && value is IEnumerable<object?> list ? [.. list.Select(v => (string)v!)] : null;

        public ConceptUri Uri(string name) => ParseUri(Get<string>(name)!, name);

        public ConceptKind Kind() => values["kind"] is ConceptKind kind ? kind : Enum.Parse<ConceptKind>(values["kind"]!.ToString()!, ignoreCase: true);

        public CurationRelation Relation() => values["type"] is CurationRelation relation ? relation : Enum.Parse<CurationRelation>(values["type"]!.ToString()!, ignoreCase: true);

        public static ConceptUri ParseUri(string text, string name) => ConceptArguments.OptionalUri(text, name)!;
    }
}

/// <summary>The payload's <c>userErrors</c> of an exception, by the application's one mapping (<see cref="CurationErrors"/>); other errors stay GraphQL errors.</summary>
public static class UserErrors
{
    public static IReadOnlyList<UserError>? From(SkillGraphException exception) => CurationErrors.From(exception) is { } errors ? [.. errors.Select(From)] : null;

    public static UserError From(CurationError error) => new(error.Field, error.Message, error.Code);
}
