using Microsoft.AspNetCore.Authorization;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Auth;

/// <summary>An ASP.NET Core authorization requirement: the caller must hold <see cref="Permissions"/>.</summary>
public sealed class PermissionRequirement(Permission permissions) : IAuthorizationRequirement
{
    public Permission Permissions { get; } = permissions;

    public override string ToString() => $"needs {Permissions}";
}

/// <summary>Answers <see cref="PermissionRequirement"/> for <see cref="IAuthorizationService"/> with the same rights as the Mediator behaviour.</summary>
public sealed class PermissionAuthorizationHandler(CallerRights rights) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (Access.Refusal(rights.Of(context.User), requirement.Permissions, "this") is null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
