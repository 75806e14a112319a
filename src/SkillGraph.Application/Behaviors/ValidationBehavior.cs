using Mediator;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Behaviors;

/// <summary>Refuses a request whose fields are wrong before any handler runs, with every problem in one message.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidatable validatable)
        {
            var errors = validatable.Validate().ToList();
            if (errors.Count > 0)
            {
                throw new RequestValidationException(typeof(TMessage).Name, errors);
            }
        }

        return next(message, cancellationToken);
    }
}
