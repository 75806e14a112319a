namespace SkillGraph.Application.Authorization;

/// <summary>
/// The permissions a Mediator request needs, declared on its record: <c>[Requires(Permission.SpendTeacher)]</c>. A request
/// that declares nothing needs <see cref="Permission.Read"/>. Read by <see cref="Behaviors.AuthorizationBehavior{TMessage,TResponse}"/>
/// for every request, and by the server's GraphQL rule for the field that sends it, so a new request or mutation only declares.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresAttribute(Permission permissions) : Attribute
{
    public Permission Permissions { get; } = permissions;

    /// <summary>What a request of <paramref name="requestType"/> needs: its declaration, else <see cref="Permission.Read"/>.</summary>
    public static Permission Of(Type requestType) =>
        requestType.GetCustomAttributes(typeof(RequiresAttribute), inherit: false) is [RequiresAttribute declared, ..] ? declared.Permissions | Permission.Read : Permission.Read;
}
