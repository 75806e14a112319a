using System.Security.Claims;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Auth;

/// <summary>
/// The one place where an HTTP caller becomes a <see cref="Caller"/>: a principal from an API key or a token has the
/// permissions of its roles (every role claim counts; a role this server does not know grants nothing); a request with
/// neither is anonymous, with the rights of <c>app</c> in Development and none anywhere else.
/// </summary>
public sealed class CallerRights(IHostEnvironment environment)
{
    private static readonly object ItemKey = new();

    /// <summary>The role of an anonymous caller: app in Development, none elsewhere.</summary>
    public Role? AnonymousRole { get; } = environment.IsDevelopment() ? Role.App : null;

    public Caller Of(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return AnonymousRole is { } role ? new Caller(null, [role], Roles.Permissions(role)) : Caller.Nobody;
        }

        var roles = new List<Role>();
        foreach (var claim in identity.FindAll(identity.RoleClaimType))
        {
            if (Roles.TryParse(claim.Value, out var role) && !roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return Caller.WithRoles(identity.Name ?? "(unnamed)", roles);
    }

    /// <summary>The caller of <paramref name="http"/>, worked out once per request.</summary>
    public Caller Of(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known) && known is Caller caller)
        {
            return caller;
        }

        caller = Of(http.User);
        http.Items[ItemKey] = caller;
        return caller;
    }
}

/// <summary>The server's <see cref="ICurrentUser"/>: the caller of the HTTP request being served (nobody outside a request).</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor, CallerRights rights) : ICurrentUser
{
    public Caller Caller => accessor.HttpContext is { } http ? rights.Of(http) : Caller.Nobody;
}
