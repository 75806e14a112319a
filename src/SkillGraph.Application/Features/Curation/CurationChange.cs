using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SkillGraph.Application.Features.Curation.AddRelation;
using SkillGraph.Application.Features.Curation.CreateConcept;
using SkillGraph.Application.Features.Curation.DeprecateConcept;
using SkillGraph.Application.Features.Curation.RemoveRelation;
using SkillGraph.Application.Features.Curation.UpdateConcept;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// One command of a batch, as a line of <c>skillgraph curate apply</c>, an entry of <c>proposeChanges</c> and a stored
/// proposal all write it: <c>{"op": "createConcept", "ref": "new-skill-1", "input": {…the GraphQL input's fields…}}</c>.
/// <see cref="Ref"/> (createConcept only) names the concept it creates, so that a later command's URI field can say
/// <c>"@new-skill-1"</c>.
/// </summary>
public sealed record CurationChange(string Op, JsonObject Input, string? Ref = null);

/// <summary>Reading and writing <see cref="CurationChange"/>s, and turning one into its command.</summary>
public static class CurationChanges
{
    public const string CreateConceptOp = "createConcept";
    public const string UpdateConceptOp = "updateConcept";
    public const string DeprecateConceptOp = "deprecateConcept";
    public const string AddRelationOp = "addRelation";
    public const string RemoveRelationOp = "removeRelation";

    /// <summary>The ops a batch may hold, by the names of their GraphQL mutations.</summary>
    public static IReadOnlyList<string> Ops { get; } = [CreateConceptOp, UpdateConceptOp, DeprecateConceptOp, AddRelationOp, RemoveRelationOp];

    /// <summary>The input fields that name a concept, where <c>@ref</c> may stand for a concept created earlier in the batch.</summary>
    private static readonly string[] UriFields = ["uri", "from", "to", "replacedBy"];

    /// <summary>The fields an op's input may leave out (those with a default are optional already).</summary>
    private static readonly Dictionary<string, string[]> Optional = new(StringComparer.Ordinal)
    {
        [CreateConceptOp] = ["description"],
        [UpdateConceptOp] = ["preferredLabel", "altLabels", "description"],
        [DeprecateConceptOp] = ["replacedBy"],
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>One change from its JSON text; bad JSON, an unknown op or a misplaced ref throws <c>BAD_INPUT</c> saying which.</summary>
    public static CurationChange Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SkillGraphException(ErrorCode.BadInput, $"not JSON: {ex.Message}");
        }

        if (node is not JsonObject line)
        {
            throw new SkillGraphException(ErrorCode.BadInput, "expected an object {\"op\": …, \"input\": {…}}");
        }

        var op = line["op"] is JsonValue opValue && opValue.TryGetValue<string>(out var text) ? text : null;
        var input = line["input"] as JsonObject;
        var reference = line["ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var r) ? r : null;
        var unknown = line.Select(p => p.Key).Except(["op", "input", "ref"]).FirstOrDefault();
        return Check(op, input, reference, line["ref"] is not null && reference is null, unknown);
    }

    /// <summary>A change as the GraphQL input gives it (<paramref name="input"/> the JSON text of the mutation's input).</summary>
    public static CurationChange From(string op, string input, string? reference)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(input);
        }
        catch (JsonException ex)
        {
            throw new SkillGraphException(ErrorCode.BadInput, $"input: not JSON: {ex.Message}");
        }

        return Check(op, node as JsonObject, reference, false, null);
    }

    /// <summary>A batch as a stored proposal keeps it: a JSON array of changes.</summary>
    public static string Serialize(IReadOnlyList<CurationChange> changes) => JsonSerializer.Serialize(changes, Stored);

    public static IReadOnlyList<CurationChange> Deserialize(string json) => JsonSerializer.Deserialize<CurationChange[]>(json, Stored) ?? [];

    /// <summary>
    /// The command of <paramref name="change"/>: <c>@ref</c>s resolved through <paramref name="refs"/>, the batch's
    /// <paramref name="comment"/> where the input gives none, version 1 for a concept created earlier in the batch.
    /// </summary>
    public static object ToCommand(CurationChange change, IReadOnlyDictionary<string, ConceptUri> refs, string comment)
    {
        var input = (JsonObject)change.Input.DeepClone();
        var created = false;
        foreach (var field in UriFields)
        {
            if (input[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith('@'))
            {
                input[field] = refs.TryGetValue(text[1..], out var uri) ? uri.Value : throw new SkillGraphException(ErrorCode.BadInput, $"{field}: no earlier createConcept has the ref '{text[1..]}'.");
                created |= field == "uri";
            }
        }

        input["comment"] ??= comment;
        if (created)
        {
            input["expectedVersion"] ??= 1;
        }

        if (change.Op == CreateConceptOp)
        {
            input["altLabels"] ??= new JsonArray();
        }

        foreach (var field in Optional.GetValueOrDefault(change.Op, []))
        {
            input.TryAdd(field, null); // left out: null, as in GraphQL; every other field is required
        }

        try
        {
            return change.Op switch
            {
                CreateConceptOp => input.Deserialize<CreateConcept.CreateConcept>(Json)!,
                UpdateConceptOp => input.Deserialize<UpdateConcept.UpdateConcept>(Json)!,
                DeprecateConceptOp => input.Deserialize<DeprecateConcept.DeprecateConcept>(Json)!,
                AddRelationOp => input.Deserialize<AddRelation.AddRelation>(Json)!,
                RemoveRelationOp => input.Deserialize<RemoveRelation.RemoveRelation>(Json)!,
                _ => throw new SkillGraphException(ErrorCode.BadInput, $"op: '{change.Op}' is not one of {string.Join(", ", Ops)}."),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new SkillGraphException(ErrorCode.BadInput, $"input: {ex.Message}");
        }
    }

    /// <summary>Checks and records <paramref name="command"/> in <paramref name="draft"/>, as its own handler would.</summary>
    public static ValueTask PlanAsync(CurationDraft draft, object command, string uriNamespace, CancellationToken cancellationToken) => command switch
    {
        CreateConcept.CreateConcept c => CreateConceptHandler.PlanAsync(draft, c, uriNamespace, cancellationToken),
        UpdateConcept.UpdateConcept c => UpdateConceptHandler.PlanAsync(draft, c, cancellationToken),
        DeprecateConcept.DeprecateConcept c => DeprecateConceptHandler.PlanAsync(draft, c, cancellationToken),
        AddRelation.AddRelation c => AddRelationHandler.PlanAsync(draft, c.Type.ToRelationType(), c.From, c.To, cancellationToken),
        RemoveRelation.RemoveRelation c => RemoveRelationHandler.PlanAsync(draft, c.Type.ToRelationType(), c.From, c.To, cancellationToken),
        _ => throw new ArgumentException($"{command.GetType().Name} is not a curation command of a batch", nameof(command)),
    };

    private static CurationChange Check(string? op, JsonObject? input, string? reference, bool badRef, string? unknown)
    {
        if (op is null || !Ops.Contains(op))
        {
            throw new SkillGraphException(ErrorCode.BadInput, $"op: '{op}' is not one of {string.Join(", ", Ops)}.");
        }

        if (input is null)
        {
            throw new SkillGraphException(ErrorCode.BadInput, "input: give the command's input as an object.");
        }

        if (unknown is not null)
        {
            throw new SkillGraphException(ErrorCode.BadInput, $"'{unknown}': a change has only op, ref and input.");
        }

        if (badRef || (reference is not null && (op != CreateConceptOp || string.IsNullOrWhiteSpace(reference) || reference.StartsWith('@'))))
        {
            throw new SkillGraphException(ErrorCode.BadInput, "ref: only a createConcept names the concept it creates, with a ref that does not start with '@'.");
        }

        return new CurationChange(op, input, reference);
    }
}
