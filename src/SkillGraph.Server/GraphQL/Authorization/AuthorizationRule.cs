using System.Security.Claims;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Authorization;
using SkillGraph.Application.Authorization;
using SkillGraph.Domain;
using SkillGraph.Server.Auth;

namespace SkillGraph.Server.GraphQL.Authorization;

/// <summary>
/// The GraphQL authorization rule (GraphQL.NET's own needs a server package that is not served): every operation needs
/// <see cref="Permission.Read"/>, and every selected field what its request declares (<see cref="FieldRequests"/>), asked
/// of <see cref="IAuthorizationService"/> before anything runs. A refusal names the field, the permission and the roles
/// that hold it: <c>UNAUTHENTICATED</c> (HTTP 401) without a key, <c>FORBIDDEN</c> (403) with one. Then the teacher fields
/// of an allowed document take their calls from the caller's teacher limit (<c>LIMIT</c>, 429 with Retry-After). It runs
/// for cached documents too: the caller changes, the document does not.
/// </summary>
public sealed class AuthorizationRule(CallerRateLimits limits) : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor(limits));

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    private sealed class Visitor(CallerRateLimits limits) : INodeVisitor
    {
        private readonly List<(GraphQLField Node, string Name, Permission Needs)> _fields = [];

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLField field && context.TypeInfo.GetFieldDef() is { } definition && definition.Required() is var needs && needs != Permission.Read)
            {
                _fields.Add((field, definition.Name, needs));
            }

            return default;
        }

        public async ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            if (node is not GraphQLDocument document)
            {
                return;
            }

            var services = context.RequestServices ?? throw new InvalidOperationException("the GraphQL request has no RequestServices.");
            var authorization = services.GetRequiredService<IAuthorizationService>();
            var user = context.User ?? new ClaimsPrincipal(new ClaimsIdentity());
            var caller = services.GetRequiredService<CallerRights>().Of(user);
            if (!await AllowedAsync(authorization, user, Permission.Read).ConfigureAwait(false))
            {
                context.ReportError(Refused(context, caller, Permission.Read, "a GraphQL request", document));
                return;
            }

            var refused = false;
            foreach (var group in _fields.GroupBy(f => (f.Name, f.Needs)))
            {
                if (!await AllowedAsync(authorization, user, group.Key.Needs).ConfigureAwait(false))
                {
                    context.ReportError(Refused(context, caller, group.Key.Needs, group.Key.Name, [.. group.Select(f => f.Node)]));
                    refused = true;
                }
            }

            var teacherCalls = _fields.Where(f => f.Needs.HasFlag(Permission.SpendTeacher)).ToList();
            if (refused || context.HasErrors || teacherCalls.Count == 0 || services.GetService<IHttpContextAccessor>()?.HttpContext is not { } http)
            {
                return;
            }

            if (!limits.TryTakeTeacherCalls(http, teacherCalls.Count, out var retryAfter))
            {
                var window = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.RateLimits;
                context.ReportError(new RateLimitedError(
                    context,
                    $"{teacherCalls[0].Name}: the caller's teacher calls are spent ({window.TeacherPermitsPerWindow} per {window.Window}, limit Auth:RateLimits:TeacherPermitsPerWindow); retry after {CallerRateLimits.Seconds(retryAfter)} s.",
                    retryAfter,
                    [.. teacherCalls.Select(f => f.Node)]));
            }
        }

        private static async Task<bool> AllowedAsync(IAuthorizationService authorization, ClaimsPrincipal user, Permission needs) =>
            (await authorization.AuthorizeAsync(user, null, new PermissionRequirement(needs)).ConfigureAwait(false)).Succeeded;

        private static ValidationError Refused(ValidationContext context, Caller caller, Permission needs, string what, params ASTNode[] nodes)
        {
            var refusal = Access.Refusal(caller, needs, what) ?? new SkillGraphException(ErrorCode.Forbidden, $"{what} is not allowed for the caller {caller}.");
            return new ValidationError(context.Document.Source, null, refusal.Message, nodes) { Code = ErrorCodes.Name(refusal.Code) };
        }
    }
}

/// <summary>A refusal for a spent rate limit, with the time after which a retry may pass (the endpoint's <c>Retry-After</c>).</summary>
public sealed class RateLimitedError : ValidationError
{
    public RateLimitedError(ValidationContext context, string message, TimeSpan retryAfter, ASTNode[] nodes)
        : base(context.Document.Source, null, message, nodes)
    {
        RetryAfter = retryAfter;
        Code = ErrorCodes.Name(ErrorCode.Limit);
    }

    public TimeSpan RetryAfter { get; }
}
