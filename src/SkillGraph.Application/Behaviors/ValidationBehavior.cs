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
            List<string>? errors = null; // only an invalid request pays for a list
            foreach (var error in validatable.Validate())
            {
                (errors ??= []).Add(error);
            }

            if (errors is not null)
            {
                throw new RequestValidationException(typeof(TMessage).Name, errors);
            }
        }

        return next(message, cancellationToken);
    }
}
