namespace SkillGraph.Server.GraphQL;

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
