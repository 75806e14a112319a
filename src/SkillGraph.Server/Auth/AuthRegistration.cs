using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SkillGraph.ApiKeys;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Domain;
using SkillGraph.Graph.Embedded;
using SkillGraph.Server.Http;

namespace SkillGraph.Server.Auth;

/// <summary>
/// Who calls and what they may do, for the server: API keys and JWT bearer tokens (section <c>Auth</c>), the caller of a
/// request as the Mediator's <see cref="ICurrentUser"/>, the permission policies of <see cref="IAuthorizationService"/>,
/// and the per-caller rate limits. docs/decisions/0014-roles-and-api-keys.md.
/// </summary>
public static class AuthRegistration
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> or to JWT bearer by the request's headers.</summary>
    public const string Scheme = "SkillGraph";

    /// <summary>The endpoint policy of reads (<c>/graphql/sdl</c>).</summary>
    public const string ReadPolicy = "read";

    public static IServiceCollection AddSkillGraphAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CallerRights>();
        services.Replace(ServiceDescriptor.Singleton<ICurrentUser, HttpCurrentUser>());
        services.Replace(ServiceDescriptor.Singleton<IApiKeyStore>(sp => new SqliteApiKeyStore(KeysPath(sp))));
        services.AddSingleton<ApiKeyLookup>();

        // Nothing here protects data for later (no cookies): keys in memory, not files in the user's profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or bearer token", options => options.ForwardDefaultSelector = SchemeOf)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((options, auth) => ConfigureJwt(options, auth.Value.Jwt));

        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, policy => policy.AddRequirements(new PermissionRequirement(Permission.Read)));
        services.AddSingleton<IAuthorizationHandler, PermissionAuthorizationHandler>();
        CallerRateLimits.AddTo(services);
        return services;
    }

    /// <summary>
    /// Authentication, then the refusal of a request whose key or token is not valid (401, even where an anonymous caller
    /// would be let in: a wrong key is never silently anonymous), then the rate limiter and authorization.
    /// </summary>
    public static WebApplication UseSkillGraphAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            var result = await http.AuthenticateAsync().ConfigureAwait(false); // the result of UseAuthentication, cached by the handler
            var message = result.Failure?.Message
                ?? (result.None && http.Request.Headers.Authorization.Count > 0 ? "this server takes no Authorization header: send an API key in X-Api-Key (or configure Auth:Jwt for bearer tokens)." : null);
            if (message is null)
            {
                await next(http).ConfigureAwait(false);
                return;
            }

            http.Response.Headers.WWWAuthenticate = Challenge(http);
            await http.RequestServices.GetRequiredService<GraphQLEndpoint>().RefuseAsync(http, StatusCodes.Status401Unauthorized, ErrorCode.Unauthenticated, message).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The <c>WWW-Authenticate</c> challenge: an API key, and bearer tokens where they are configured.</summary>
    public static string Challenge(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt.Enabled ? $"ApiKey header=\"{ApiKeySecret.Header}\", Bearer" : $"ApiKey header=\"{ApiKeySecret.Header}\"";

    /// <summary><c>Auth:KeysPath</c>, else the embedded store's file.</summary>
    private static string KeysPath(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AuthOptions>>().Value.KeysPath is { Length: > 0 } path ? path : services.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value.Path;

    private static string SchemeOf(HttpContext http) =>
        !http.Request.Headers.ContainsKey(ApiKeySecret.Header)
        && http.Request.Headers.Authorization is [{ } authorization, ..]
        && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt.Enabled
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;

    private static void ConfigureJwt(JwtBearerOptions options, JwtOptions jwt)
    {
        options.MapInboundClaims = false; // keep "role" and "sub" as the token names them
        options.Audience = string.IsNullOrWhiteSpace(jwt.Audience) ? null : jwt.Audience;
        options.TokenValidationParameters.RoleClaimType = jwt.RoleClaim;
        options.TokenValidationParameters.NameClaimType = jwt.NameClaim;
        options.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience);
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            options.Authority = jwt.Authority;
        }
        else if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
            options.TokenValidationParameters.ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer);
            options.TokenValidationParameters.ValidIssuer = jwt.Issuer;
        }
    }

    /// <summary>Checks <see cref="AuthOptions"/> and its sections at start (data annotations do not descend into sections).</summary>
    private sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options)
        {
            var problems = new List<ValidationResult>();
            foreach (var (section, value) in new (string, object)[] { ("Auth", options), ("Auth:Jwt", options.Jwt), ("Auth:RateLimits", options.RateLimits) })
            {
                var found = new List<ValidationResult>();
                Validator.TryValidateObject(value, new ValidationContext(value), found, validateAllProperties: true);
                problems.AddRange(found.Select(p => p.MemberNames.Any() && !p.ErrorMessage!.StartsWith("Auth:", StringComparison.Ordinal)
                    ? new ValidationResult($"{section}:{string.Join(",", p.MemberNames)}: {p.ErrorMessage}")
                    : p));
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ErrorMessage!));
        }
    }
}
