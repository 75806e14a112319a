using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Authorization;

/// <summary>The one decision of whether a caller may do something, and the words of a refusal; every host and rule uses it.</summary>
public static class Access
{
    /// <summary>
    /// Null when <paramref name="caller"/> holds <paramref name="required"/>; else <c>UNAUTHENTICATED</c> for a caller nobody
    /// identified and <c>FORBIDDEN</c> for one whose roles lack it, naming <paramref name="what"/>, the permission and the roles that hold it.
    /// </summary>
    public static SkillGraphException? Refusal(Caller caller, Permission required, string what)
    {
        var missing = required & ~caller.Permissions;
        if (missing == Permission.None)
        {
            return null;
        }

        var roles = string.Join(", ", Roles.Having(missing).Select(Roles.Name));
        var needs = $"{what} needs {missing} (held by {roles})";
        return caller.IsAuthenticated
            ? new ForbiddenException($"{needs}; the caller {caller} may not.")
            : new UnauthenticatedException($"{needs}; the caller is not signed in: send an API key or a bearer token.");
    }
}
