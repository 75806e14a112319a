using GraphQL;
using SkillGraph.Domain;

namespace SkillGraph.Server.GraphQL;

/// <summary>
/// The one place where the service's errors become GraphQL errors: a <see cref="SkillGraphException"/> keeps its message
/// and gets its code as <c>extensions.code</c> (<see cref="ErrorCodes.Name"/>); a malformed value (<see cref="FormatException"/>)
/// is <c>BAD_INPUT</c>; the message is made one line of bounded length (<see cref="ErrorText.OneLine"/>: quoted input is
/// cut and its line breaks escaped). Anything else is not known here (the client sees a generic error, the log the exception).
/// </summary>
public static class GraphQLErrors
{
    public static ExecutionError? From(Exception exception) => exception switch
    {
        SkillGraphException e => new ExecutionError(ErrorText.OneLine(e.Message)) { Code = ErrorCodes.Name(e.Code) },
        FormatException e => new ExecutionError(ErrorText.OneLine(e.Message)) { Code = ErrorCodes.Name(ErrorCode.BadInput) },
        _ => null,
    };
}
