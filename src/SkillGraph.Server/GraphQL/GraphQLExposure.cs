namespace SkillGraph.Server.GraphQL;

/// <summary>
/// What the server shows of itself besides answers (section <c>GraphQL</c>; docs/security.md): the GraphiQL page
/// (<c>GET /graphql</c> from a browser, with its files under <c>/graphiql</c> and <c>/lib</c>) and the schema (introspection
/// fields <c>__schema</c>/<c>__type</c> and <c>GET /graphql/sdl</c>). Unset, GraphiQL is on in Development only and the
/// schema is shown everywhere to callers that may Read (it is in the repository, and analysts' tools need it).
/// </summary>
public sealed class GraphQLExposure
{
    public const string Section = "GraphQL";

    /// <summary><c>GraphQL:GraphiQL</c>: serve the GraphiQL page; unset: in Development only.</summary>
    public bool? GraphiQL { get; set; }

    /// <summary><c>GraphQL:Introspection</c>: answer <c>__schema</c>, <c>__type</c> and <c>/graphql/sdl</c>; unset: yes.</summary>
    public bool? Introspection { get; set; }

    public bool ServesGraphiQL => GraphiQL ?? false;

    public bool ShowsSchema => Introspection ?? true;

    /// <summary>The message of a refused introspection, in GraphQL and at <c>/graphql/sdl</c>.</summary>
    public static string IntrospectionOff(string what) => $"{what}: introspection is turned off on this server (setting GraphQL:Introspection).";
}
