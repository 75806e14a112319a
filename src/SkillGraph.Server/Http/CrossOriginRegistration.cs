namespace SkillGraph.Server.Http;

public static class CrossOriginRegistration
{
    /// <summary>
    /// The CORS policy from <see cref="CrossOriginOptions"/>: GET and POST with the headers a GraphQL client sends
    /// (Content-Type, Accept, X-Api-Key, Authorization), no cookies, preflights cached for ten minutes.
    /// </summary>
    public static IServiceCollection AddSkillGraphCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrossOriginOptions>().BindConfiguration(CrossOriginOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var origins = configuration.GetSection(CrossOriginOptions.Section).Get<CrossOriginOptions>()?.AllowedOrigins ?? [];
        services.AddCors(cors => cors.AddPolicy(CrossOriginOptions.Policy, policy => policy
            .WithOrigins([.. origins])
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Accept", SkillGraph.Application.Features.Keys.ApiKeySecret.Header, "Authorization")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
