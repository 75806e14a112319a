using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;

namespace SkillGraph.Server.Auth;

/// <summary>
/// The scheme <c>ApiKey</c>: a request with the header <c>X-Api-Key</c> is the key's caller (its name, its role); a key
/// that is not known or was revoked fails (the server answers 401); no header is no result (anonymous). The key is never
/// logged, not even in the failure message.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyLookup keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim type of the role in the principals this handler makes.</summary>
    public const string RoleClaim = "role";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeySecret.Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count > 1)
        {
            return AuthenticateResult.Fail($"send one {ApiKeySecret.Header} header, not {values.Count}.");
        }

        var entry = await keys.FindAsync(values[0]!, Context.RequestAborted).ConfigureAwait(false);
        if (entry is null)
        {
            return AuthenticateResult.Fail($"the {ApiKeySecret.Header} is not a key of this server, or it was revoked.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, entry.Name), new Claim(RoleClaim, Roles.Name(entry.Role))], SchemeName, ClaimTypes.Name, RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = AuthRegistration.Challenge(Context);
        return Task.CompletedTask;
    }
}
