using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>Something in a curation command the caller can fix: the input field, what is wrong, and a code (a rule name, <c>CONFLICT</c>, <c>BAD_INPUT</c>, <c>NOT_FOUND</c>).</summary>
public sealed record CurationError(string? Field, string Message, string Code);

/// <summary>
/// The one mapping from the errors a curation command raises to errors a steward can fix (GraphQL's <c>userErrors</c>,
/// the lines of <c>skillgraph curate apply</c>, a proposal that no longer applies); other errors stay errors.
/// </summary>
public static class CurationErrors
{
    public static IReadOnlyList<CurationError>? From(SkillGraphException exception) => exception switch
    {
        IntegrityViolationException e => [new CurationError(e.Field, e.Message, e.Rule)],
        ConcurrencyConflictException e => [new CurationError("expectedVersion", e.Message, ErrorCodes.Name(ErrorCode.Conflict))],
        RequestValidationException e => [.. e.Errors.Select(error => new CurationError(FieldOf(error), error, ErrorCodes.Name(ErrorCode.BadInput)))],
        { Code: ErrorCode.BadInput or ErrorCode.NotFound or ErrorCode.Conflict } e => [new CurationError(FieldOf(e.Message), e.Message, ErrorCodes.Name(e.Code))],
        _ => null,
    };

    /// <summary>The input field a message starts with ("comment: …", "expectedVersion must …"), if any.</summary>
    private static string? FieldOf(string message)
    {
        var end = message.IndexOfAny([':', ' ']);
        var head = end > 0 ? message[..end] : null;
        return head is not null && head.All(ch => char.IsLetterOrDigit(ch) || ch is '[' or ']') && char.IsLower(head[0]) ? head : null;
    }
}
