namespace SkillGraph.Application.Authorization;

/// <summary>
/// Who sends the current request and what they may do. <paramref name="Name"/> is null for a caller nobody identified
/// (then <paramref name="Permissions"/> are what the host grants the anonymous: the server's app rights in Development, else none).
/// </summary>
public sealed record Caller(string? Name, IReadOnlyList<Role> Roles, Permission Permissions)
{
    public static Caller Nobody { get; } = new(null, [], Permission.None);

    public bool IsAuthenticated => Name is not null;

    public static Caller WithRoles(string name, params IReadOnlyList<Role> roles) =>
        new(name, roles, roles.Aggregate(Permission.None, (held, role) => held | Authorization.Roles.Permissions(role)));

    public override string ToString() =>
        IsAuthenticated ? $"'{Name}' ({(Roles.Count == 0 ? "no role" : "role " + string.Join(", ", Roles.Select(Authorization.Roles.Name)))})" : "an anonymous caller";
}

/// <summary>
/// The caller of the request being handled, as the host knows it: the server from the HTTP request (API key or bearer
/// token), the CLI as the local operator. <see cref="Behaviors.AuthorizationBehavior{TMessage,TResponse}"/> asks it
/// for every request; a host that registers none gets <see cref="NobodySignedIn"/>, which may do nothing.
/// </summary>
public interface ICurrentUser
{
    Caller Caller { get; }
}

/// <summary>The default: nobody is signed in, so every request is refused (a host must say who calls).</summary>
public sealed class NobodySignedIn : ICurrentUser
{
    public Caller Caller => Caller.Nobody;
}

/// <summary>Whoever runs an in-process host (the CLI, a benchmark, a test): the operator of the machine, with the admin's rights.</summary>
public sealed class LocalOperator : ICurrentUser
{
    public static LocalOperator Instance { get; } = new();

    public Caller Caller { get; } = Caller.WithRoles("local operator", Role.Admin);
}
