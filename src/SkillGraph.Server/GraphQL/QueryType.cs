using GraphQL.Types;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL;

/// <summary>The root query: composed of the <see cref="IQueryFields"/> of every feature folder.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<IQueryFields> parts)
    {
        Name = "Query";
        foreach (var part in parts.OrderBy(p => p.GetType().FullName, StringComparer.Ordinal))
        {
            part.AddTo(this);
        }
    }
}

/// <summary>The root mutation: composed of the <see cref="IMutationFields"/> of every feature folder (curation).</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<IMutationFields> parts)
    {
        Name = "Mutation";
        foreach (var part in parts.OrderBy(p => p.GetType().FullName, StringComparer.Ordinal))
        {
            part.AddTo(this);
        }
    }
}

public sealed class SkillGraphSchema : Schema
{
    public SkillGraphSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Description = "SkillGraph: the ESCO skill–occupation graph.";
        Query = query;
        Mutation = mutation;

        // GraphiQL may ask for deprecated arguments and input fields (inputValueDeprecation).
        Features.DeprecationOfInputValues = true;
    }
}
