using GraphQL;
using GraphQL.Types;
using Mediator;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.GetReplacement;
using SkillGraph.Domain;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>
/// A group of root query fields, kept in its entity's folder. Every implementation in the server assembly is
/// registered and added to <c>Query</c>: a new feature adds its fields in its own file.
/// </summary>
public interface IQueryFields
{
    void AddTo(ObjectGraphType query);
}

/// <summary>A group of root mutation fields, kept in its entity's folder; found and added to <c>Mutation</c> like <see cref="IQueryFields"/>.</summary>
public interface IMutationFields
{
    void AddTo(ObjectGraphType mutation);
}

/// <summary>
/// Extra fields for an existing type (e.g. <c>Occupation.relatedOccupations</c> from a Mediator handler), found
/// and applied like <see cref="IQueryFields"/>.
/// </summary>
public interface IGraphTypeExtension<in TGraphType>
    where TGraphType : IComplexGraphType
{
    void Extend(TGraphType type);
}

public static class ConceptArguments
{
    /// <summary>Reads a URI argument; an ill-formed one is an error that names the argument.</summary>
    public static ConceptUri Uri(this IResolveFieldContext context, string name = "uri")
    {
        var text = context.GetArgument<string>(name);
        return ConceptUri.TryParse(text, out var uri)
            ? uri
            : throw new SkillGraphException(ErrorCode.BadInput, $"{name}: '{text}' is not a concept URI (expected an absolute http:// or https:// URI).");
    }

    public static ConceptUri? OptionalUri(string? text, string name) =>
        text is null ? null
        : ConceptUri.TryParse(text, out var uri) ? uri
        : throw new SkillGraphException(ErrorCode.BadInput, $"{name}: '{text}' is not a concept URI (expected an absolute http:// or https:// URI).");

    /// <summary>
    /// The concept at <c>uri</c> (when it is of <paramref name="kind"/>, if given; else null). A URI that was merged into
    /// another concept, or deprecated with a replacement, answers with the concept that replaces it, and the answer's
    /// <c>extensions.redirects</c> says so (<c>{ path, from, to }</c>).
    /// </summary>
    public static async Task<Concept?> ConceptFollowingReplacementAsync(this IResolveFieldContext context, ConceptKind? kind = null)
    {
        var uri = context.Uri();
        var concept = await context.Loaders().Concept(uri).GetResultAsync(context.CancellationToken).ConfigureAwait(false);
        if (concept?.Status == CurationDraft.Deprecated
            && await context.RequestServices!.GetRequiredService<IMediator>().Send(new GetReplacement(uri), context.CancellationToken).ConfigureAwait(false) is { } replacement
            && await context.Loaders().Concept(replacement).GetResultAsync(context.CancellationToken).ConfigureAwait(false) is { } survivor)
        {
            lock (context.OutputExtensions)
            {
                if (!context.OutputExtensions.TryGetValue("redirects", out var list) || list is not List<Dictionary<string, object?>> redirects)
                {
                    context.OutputExtensions["redirects"] = redirects = [];
                }

                redirects.Add(new() { ["path"] = string.Join('.', context.ResponsePath), ["from"] = uri.Value, ["to"] = survivor.Uri.Value });
            }

            concept = survivor;
        }

        return kind is null || concept?.Kind == kind ? concept : null;
    }
}
