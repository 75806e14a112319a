using System.Globalization;
using GraphQL;
using GraphQL.Types;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>A page of the concepts above one concept (its hierarchy path or paths), nearest first.</summary>
public sealed record AncestorPage(IReadOnlyList<Ancestor> Items, int TotalCount, string? EndCursor, bool HasNextPage)
{
    private const string Prefix = "ancestor#";

    public static AncestorPage Slice(IReadOnlyList<Ancestor> all, PageRequest page)
    {
        var start = 0;
        if (page.After is { } after)
        {
            var key = Cursor.Decode(after);
            start = key.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(key.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? Math.Min(index + 1, all.Count)
                : throw new SkillGraphException(ErrorCode.BadInput, $"after: '{after}' is not a cursor of this connection.");
        }

        var count = Math.Max(0, Math.Min(page.First, all.Count - start));
        var items = all.Skip(start).Take(count).ToList();
        var end = count > 0 ? Cursor.Encode(Prefix + (start + count - 1).ToString(CultureInfo.InvariantCulture)) : page.After;
        return new AncestorPage(items, all.Count, end, start + count < all.Count);
    }
}

public sealed record AncestorEdge(Concept Node, int Depth);

public sealed class AncestorConnectionType : ObjectGraphType<AncestorPage>
{
    public AncestorConnectionType()
    {
        Name = "AncestorConnection";
        Description = "The concepts above a concept over `broader`, up to the top of its pillar: nearest first, then by URI.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.EndCursor));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AncestorEdgeType>>>>("edges")
            .Resolve(c => c.Loaders().Concepts([.. c.Source.Items.Select(a => a.Uri)]).Then(concepts =>
                concepts.Select((concept, i) => concept is null ? null : new AncestorEdge(concept, c.Source.Items[i].Depth)).OfType<AncestorEdge>().ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptInterface>>>>("nodes")
            .Resolve(c => c.Loaders().Concepts([.. c.Source.Items.Select(a => a.Uri)]).Then(concepts => concepts.OfType<Concept>().ToList()));
    }
}

public sealed class AncestorEdgeType : ObjectGraphType<AncestorEdge>
{
    public AncestorEdgeType()
    {
        Name = "AncestorEdge";
        Field<NonNullGraphType<IntGraphType>>("depth").Description("Steps up from the concept: 1 for a direct broader concept.").Resolve(c => c.Source.Depth);
        Field<NonNullGraphType<ConceptInterface>>("node").Resolve(c => c.Source.Node);
    }
}
