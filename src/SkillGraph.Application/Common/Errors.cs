namespace SkillGraph.Application.Common;

/// <summary>A request was refused before it ran: one line per problem, each naming the field and the value.</summary>
public sealed class RequestValidationException(string requestName, IReadOnlyList<string> errors)
    : Exception($"{requestName}: {string.Join("; ", errors)}")
{
    public string RequestName { get; } = requestName;

    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>A URI names no concept of the kind the request needs.</summary>
public sealed class ConceptNotFoundException(string message) : Exception(message);
