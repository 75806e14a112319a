using GraphQL;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL;

public static class SchemaRegistration
{
    /// <summary>
    /// The schema, its graph types, and every <see cref="IQueryFields"/> and <see cref="IGraphTypeExtension{T}"/>
    /// of this assembly: a new feature adds a file, not a line here.
    /// </summary>
    public static IServiceCollection AddSkillGraphSchema(this IServiceCollection services)
    {
        var assembly = typeof(SchemaRegistration).Assembly;
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (typeof(IQueryFields).IsAssignableFrom(type))
            {
                services.AddSingleton(typeof(IQueryFields), type);
            }

            if (typeof(IMutationFields).IsAssignableFrom(type))
            {
                services.AddSingleton(typeof(IMutationFields), type);
            }

            foreach (var extension in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGraphTypeExtension<>)))
            {
                services.AddSingleton(extension, type);
            }
        }

        services.AddGraphQL(graphql => graphql
            .AddSchema<SkillGraphSchema>()
            .AddGraphTypes(assembly)
            .AddSystemTextJson());
        return services;
    }
}
