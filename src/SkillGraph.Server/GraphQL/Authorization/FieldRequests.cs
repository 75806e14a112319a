using GraphQL.Builders;
using GraphQL.Types;
using Mediator;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.GraphQL.Authorization;

/// <summary>
/// Which Mediator request a field sends, as field metadata: <c>.Sends(typeof(ExtractSkills))</c>. The
/// <see cref="AuthorizationRule"/> reads the request's <see cref="RequiresAttribute"/> from it, so a field needs what its
/// request declares, checked before anything runs; a field that declares nothing needs <see cref="Permission.Read"/>.
/// </summary>
public static class FieldRequests
{
    public const string RequestKey = "skillgraph.request";

    public static FieldBuilder<TSource, TReturn> Sends<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Type request)
    {
        if (!typeof(IMessage).IsAssignableFrom(request))
        {
            throw new ArgumentException($"{request.Name} is not a Mediator request.", nameof(request));
        }

        field.FieldType.Metadata[RequestKey] = request;
        return field;
    }

    /// <summary>What a caller needs to select <paramref name="field"/>.</summary>
    public static Permission Required(this FieldType field) =>
        field.GetMetadata<Type?>(RequestKey) is { } request ? RequiresAttribute.Of(request) : Permission.Read;
}
