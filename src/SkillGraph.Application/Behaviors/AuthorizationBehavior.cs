using Mediator;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Application.Behaviors;

/// <summary>
/// Refuses a request whose caller (<see cref="ICurrentUser"/>) lacks the permissions the request declares
/// (<see cref="RequiresAttribute"/>; <see cref="Permission.Read"/> when it declares none), before validation and the handler.
/// Every host and every nested <c>Send</c> passes here: no resolver, verb or handler can skip it.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly Permission Required = RequiresAttribute.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Access.Refusal(user.Caller, Required, typeof(TMessage).Name) is { } refusal)
        {
            throw refusal;
        }

        return next(message, cancellationToken);
    }
}
