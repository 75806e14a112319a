using GraphQL.Validation;
using GraphQLParser.AST;
using SkillGraph.Domain;

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

public static class GraphQLExposureRegistration
{
    /// <summary>
    /// Binds <see cref="GraphQLExposure"/> (unset GraphiQL: on in Development only) and, when GraphiQL is off, answers
    /// its files (<c>/graphiql/…</c>, <c>/lib/…</c>) with 404 before the static files are served.
    /// </summary>
    public static IServiceCollection AddSkillGraphExposure(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<GraphQLExposure>()
            .BindConfiguration(GraphQLExposure.Section)
            .PostConfigure(options => options.GraphiQL ??= environment.IsDevelopment())
            .Validate(options => !(options.ServesGraphiQL && !options.ShowsSchema), "GraphQL:GraphiQL needs GraphQL:Introspection (GraphiQL reads the schema by introspection): turn GraphiQL off or introspection on.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication UseGraphiQLFiles(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLExposure>>().Value.ServesGraphiQL)
        {
            app.Use((http, next) =>
            {
                if (http.Request.Path.StartsWithSegments("/graphiql", StringComparison.OrdinalIgnoreCase) || http.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(http);
            });
        }

        return app;
    }
}

/// <summary>Refuses <c>__schema</c> and <c>__type</c> (<c>FORBIDDEN</c>, HTTP 403) when <see cref="GraphQLExposure.ShowsSchema"/> is off; <c>__typename</c> stays.</summary>
public sealed class IntrospectionRule : IValidationRule
{
    private static readonly string Forbidden = ErrorCodes.Name(ErrorCode.Forbidden);

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor());

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    private sealed class Visitor : INodeVisitor
    {
        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLField field && field.Name.Value is var name && (name == "__schema" || name == "__type"))
            {
                context.ReportError(new ValidationError(context.Document.Source, null, GraphQLExposure.IntrospectionOff(name.ToString()), field) { Code = Forbidden });
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
    }
}
