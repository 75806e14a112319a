using GraphQL.Types;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>An edge of a connection: the node and the cursor that continues after it.</summary>
public sealed record ConceptEdge(string Cursor, Concept Node);

/// <summary>Where a page ends.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page ends and whether more follow.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("Pass as `after` to get the next page.").Resolve(c => c.Source.EndCursor);
    }
}

/// <summary>
/// A Relay connection over concepts (ordered by URI, stable across pages). Nodes are loaded through the
/// request's concept DataLoader, so all connections of one level share one store call.
/// </summary>
public abstract class ConnectionType<TNodeType, TEdgeType> : ObjectGraphType<Page<ConceptUri>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionType(string nodeName)
    {
        Name = nodeName + "Connection";
        Description = $"A page of {nodeName} nodes.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many items the whole connection holds.").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.EndCursor));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges")
            .Resolve(c => c.Loaders().Concepts(c.Source.Items).Then(concepts => Edges(concepts)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Resolve(c => c.Loaders().Concepts(c.Source.Items).Then(concepts => Nodes(concepts)));
    }

    private static List<Concept> Nodes(Concept?[] concepts)
    {
        var nodes = new List<Concept>(concepts.Length);
        foreach (var concept in concepts)
        {
            if (concept is not null)
            {
                nodes.Add(concept);
            }
        }

        return nodes;
    }

    private static List<ConceptEdge> Edges(Concept?[] concepts)
    {
        var edges = new List<ConceptEdge>(concepts.Length);
        foreach (var concept in concepts)
        {
            if (concept is not null)
            {
                edges.Add(new ConceptEdge(Cursor.Encode(concept.Uri.Value), concept));
            }
        }

        return edges;
    }
}

public abstract class EdgeType<TNodeType> : ObjectGraphType<ConceptEdge>
    where TNodeType : IGraphType
{
    protected EdgeType(string nodeName)
    {
        Name = nodeName + "Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class ConceptConnectionType : ConnectionType<ConceptInterface, ConceptEdgeType>
{
    public ConceptConnectionType()
        : base("Concept")
    {
    }
}

public sealed class ConceptEdgeType : EdgeType<ConceptInterface>
{
    public ConceptEdgeType()
        : base("Concept")
    {
    }
}
