using Microsoft.Extensions.Options;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;

namespace Microsoft.Extensions.DependencyInjection;

public static class Neo4jServiceCollectionExtensions
{
    /// <summary>
    /// The Neo4j adapter as the <see cref="IGraphStore"/>: options bound from <c>Graph:Neo4j</c>, validated on start
    /// (DataAnnotations and <see cref="Neo4jOptionsValidator"/>); the store connects (one cheap query) when first resolved.
    /// </summary>
    public static IServiceCollection AddSkillGraphNeo4j(this IServiceCollection services, Action<Neo4jOptions>? configure = null)
    {
        var options = services.AddOptions<Neo4jOptions>().BindConfiguration(Neo4jOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<Neo4jOptions>, Neo4jOptionsValidator>();
        services.AddSingleton(sp => Neo4jGraphStore.ConnectAsync(sp.GetRequiredService<IOptions<Neo4jOptions>>().Value).GetAwaiter().GetResult());
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        services.AddSingleton<IProposalStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        return services;
    }
}
