namespace SkillGraph.Domain;

/// <summary>
/// What went wrong, as a client can act on it. Every host maps it in one place: GraphQL to <c>extensions.code</c>
/// (<see cref="ErrorCodes.Name"/>), the CLI to its one-line message and exit code (<see cref="ErrorCodes.ExitCode"/>).
/// </summary>
public enum ErrorCode
{
    /// <summary>An argument or an input file is wrong; the message names it.</summary>
    BadInput,

    /// <summary>A URI or id names nothing of the kind asked for.</summary>
    NotFound,

    /// <summary>The write is stale or clashes with the graph as it is now; read again and retry.</summary>
    Conflict,

    /// <summary>The caller is signed in, but none of its roles may do this.</summary>
    Forbidden,

    /// <summary>A limit of the service was reached (size, count, time); the message names the limit.</summary>
    Limit,

    /// <summary>The student model is still loading; retry shortly.</summary>
    StudentLoading,

    /// <summary>A model could not be loaded or run.</summary>
    ModelUnavailable,

    /// <summary>The graph store cannot be reached, opened or written.</summary>
    StoreUnavailable,

    /// <summary>The teacher model failed (unreachable, or its answers failed validation on every try).</summary>
    TeacherFailed,

    /// <summary>This needs a caller who is signed in (an API key or a bearer token), and none is, or the key or token is not valid.</summary>
    Unauthenticated,

    /// <summary>A change would break a rule of the graph (a hierarchy cycle, a duplicate label, …); nothing was written. The message names the rule and the concepts.</summary>
    IntegrityViolation,
}

/// <summary>The wire names and exit codes of <see cref="ErrorCode"/>; stable, documented in the README.</summary>
public static class ErrorCodes
{
    /// <summary>The GraphQL <c>extensions.code</c>: <c>BAD_INPUT</c>, <c>NOT_FOUND</c>, …</summary>
    public static string Name(ErrorCode code) => code switch
    {
        ErrorCode.BadInput => "BAD_INPUT",
        ErrorCode.NotFound => "NOT_FOUND",
        ErrorCode.Conflict => "CONFLICT",
        ErrorCode.Forbidden => "FORBIDDEN",
        ErrorCode.Limit => "LIMIT",
        ErrorCode.StudentLoading => "STUDENT_LOADING",
        ErrorCode.ModelUnavailable => "MODEL_UNAVAILABLE",
        ErrorCode.StoreUnavailable => "STORE_UNAVAILABLE",
        ErrorCode.TeacherFailed => "TEACHER_FAILED",
        ErrorCode.Unauthenticated => "UNAUTHENTICATED",
        ErrorCode.IntegrityViolation => "INTEGRITY_VIOLATION",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>The CLI's exit code (1 is any other failure, 130 a cancel).</summary>
    public static int ExitCode(ErrorCode code) => code switch
    {
        ErrorCode.BadInput => 2,
        ErrorCode.NotFound => 3,
        ErrorCode.Conflict or ErrorCode.IntegrityViolation => 4,
        ErrorCode.Forbidden or ErrorCode.Unauthenticated => 5,
        ErrorCode.Limit => 6,
        ErrorCode.StudentLoading or ErrorCode.ModelUnavailable => 7,
        ErrorCode.StoreUnavailable => 8,
        ErrorCode.TeacherFailed => 9,
        _ => 1,
    };
}

/// <summary>The base of every error the service raises on purpose: a stable <see cref="Code"/> and a one-line message.</summary>
public class SkillGraphException(ErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorCode Code { get; } = code;
}
