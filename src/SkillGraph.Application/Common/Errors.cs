using SkillGraph.Domain;

namespace SkillGraph.Application.Common;

/// <summary>A request was refused before it ran: one line per problem, each naming the field and the value.</summary>
public sealed class RequestValidationException(string requestName, IReadOnlyList<string> errors)
    : SkillGraphException(ErrorCode.BadInput, $"{requestName}: {string.Join("; ", errors)}")
{
    public string RequestName { get; } = requestName;

    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>A URI names no concept of the kind the request needs.</summary>
public sealed class ConceptNotFoundException(string message) : SkillGraphException(ErrorCode.NotFound, message);

/// <summary>A student model is still loading; the request may be retried shortly.</summary>
public sealed class StudentLoadingException(string message) : SkillGraphException(ErrorCode.StudentLoading, message);

/// <summary>A student model could not be loaded; says why.</summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : SkillGraphException(ErrorCode.ModelUnavailable, message, inner);

/// <summary>The teacher could not answer: unreachable, or every answer failed validation.</summary>
public sealed class TeacherFailedException(string message, Exception? inner = null) : SkillGraphException(ErrorCode.TeacherFailed, message, inner);

/// <summary>The request needs a caller who is signed in (an API key or a token), and none is.</summary>
public sealed class UnauthenticatedException(string message) : SkillGraphException(ErrorCode.Unauthenticated, message);

/// <summary>The caller is known, but none of its roles grants what the request needs.</summary>
public sealed class ForbiddenException(string message) : SkillGraphException(ErrorCode.Forbidden, message);
