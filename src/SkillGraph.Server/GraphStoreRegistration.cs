using Microsoft.Extensions.Options;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Server;

/// <summary>
/// Which adapter serves <see cref="IGraphStore"/>: <c>Graph:Store = Embedded</c> (default; <c>Graph:Embedded</c>, with
/// <c>--db</c> / <c>SKILLGRAPH_DB</c> on top) or <c>Neo4j</c> (<c>Graph:Neo4j:Url</c>, <c>Database</c>, <c>User</c> /
/// <c>Password</c> or <c>Token</c>). The same server, schema and handlers run on either by configuration alone.
/// </summary>
public static class GraphStoreRegistration
{
    public const string StoreKey = "Graph:Store";

    public static IServiceCollection AddSkillGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        // Always bound: the embedded options also name the default folder of derived files (the student's label cache).
        services.AddOptions<EmbeddedStoreOptions>()
            .BindConfiguration(EmbeddedStoreOptions.Section)
            .PostConfigure<IConfiguration>((options, config) =>
                options.Path = EmbeddedStoreOptions.ResolvePath(config["db"], config[EmbeddedStoreOptions.PathVariable] ?? options.Path))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        switch (Kind(configuration))
        {
            case "embedded":
                services.AddSingleton(sp => SqliteGraphStore.OpenAsync(sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value).GetAwaiter().GetResult());
                services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
                services.AddSingleton<IProposalStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
                break;
            case "neo4j":
                services.AddSkillGraphNeo4j();
                break;
        }

        return services;
    }

    /// <summary>"embedded" or "neo4j"; anything else is refused with a line that names the setting.</summary>
    public static string Kind(IConfiguration configuration)
    {
        var value = configuration[StoreKey];
        return string.IsNullOrWhiteSpace(value) ? "embedded"
            : value.Trim().ToLowerInvariant() is "embedded" or "neo4j" ? value.Trim().ToLowerInvariant()
            : throw new SkillGraphException(ErrorCode.BadInput, $"{StoreKey} = '{value}': give Embedded or Neo4j.");
    }
}
