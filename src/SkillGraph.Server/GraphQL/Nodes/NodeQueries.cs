using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using SkillGraph.Domain;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Nodes;

/// <summary>
/// <c>node(id)</c> and <c>nodes(ids)</c>: fetch any object again by its global id, as Relay and normalised caches
/// (Apollo, urql) do to refetch what they hold.
/// </summary>
public sealed class NodeQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("The object with this global id; null when there is none. An id that no object could have is an error (BAD_INPUT).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c =>
            {
                var id = c.GetArgument<string>("id");
                return NodeId.TryDecode(id, out var uri)
                    ? c.Loaders().Concept(uri)
                    : throw new SkillGraphException(ErrorCode.BadInput, $"id: '{id}' is not a node id (take it from the `id` field of a Node; it is opaque).");
            });
        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("The objects with these global ids, in the same order; null for an id that names nothing or is no node id. At most maxPageSize ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .WithComplexityImpact(context => new FieldComplexityResult(1, IdCount(context.GetArgument<object?>("ids"))))
            .Resolve(c =>
            {
                var ids = c.GetArgument<List<string>>("ids");
                var max = c.Limits().MaxPageSize;
                if (ids.Count > max)
                {
                    throw new SkillGraphException(ErrorCode.Limit, $"ids: {ids.Count} ids, more than the limit maxPageSize = {max}.");
                }

                var uris = ids.ConvertAll(id => NodeId.TryDecode(id, out var uri) ? uri : null);
                return c.Loaders().Concepts([.. uris.OfType<ConceptUri>()]).Then(found =>
                {
                    var nodes = new Concept?[uris.Count];
                    var next = 0;
                    for (var i = 0; i < uris.Count; i++)
                    {
                        nodes[i] = uris[i] is null ? null : found[next++];
                    }

                    return nodes;
                });
            });
    }

    /// <summary>Each id costs like one item of a page (the default cost of a list is a full default page).</summary>
    private static int IdCount(object? ids) => ids is System.Collections.ICollection list ? list.Count : 1;
}
