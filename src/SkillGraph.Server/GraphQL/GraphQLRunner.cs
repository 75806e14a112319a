using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Authorization;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL;

/// <summary>
/// Runs one GraphQL request: the size of the document is checked before it is validated, parsed and validated
/// documents that run a second time are cached by their text (only the complexity rule, which depends on the variables,
/// runs again),
/// introspection is refused where <see cref="GraphQLExposure"/> turns it off,
/// and depth, cost and time are limited as <see cref="GraphQLLimits"/> says. The <see cref="AuthorizationRule"/> runs for
/// every request, cached documents included.
/// </summary>
public sealed class GraphQLRunner
{
    private const int MaxCachedCharacters = 8 * 1024 * 1024;
    private static readonly string LimitCode = ErrorCodes.Name(ErrorCode.Limit);
    private const Permission ModelPermissions = Permission.UseStudent | Permission.SpendTeacher;
    private readonly IDocumentExecuter<ISchema> _executer;
    private readonly ILogger<GraphQLRunner> _logger;
    private readonly GraphQLLimits _limits;
    private readonly IValidationRule[] _rules;
    private readonly IValidationRule[] _cachedRules;
    private const int MaxSeenOnce = 16_384;
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, byte> _seenOnce = new();
    private long _cachedCharacters;
    private static readonly ParserOptions ParserOptions = new() { Ignore = IgnoreOptions.Comments };

    public GraphQLRunner(IDocumentExecuter<ISchema> executer, IOptions<GraphQLLimits> limits, IOptions<GraphQLExposure> exposure, AuthorizationRule authorization, ILogger<GraphQLRunner> logger)
    {
        _executer = executer;
        _logger = logger;
        _limits = limits.Value;
        // A list without `first` is a connection at its default page size (or a shorter list): count it as that.
        var standardImpact = new ComplexityOptions { DefaultListImpactMultiplier = PagingArguments.DefaultPageSize }.DefaultComplexityImpactDelegate;
        var complexity = new ComplexityValidationRule(new ComplexityOptions
        {
            // Checked by the delegate below so that the error names the limit.
            MaxDepth = null,
            MaxComplexity = null,
            DefaultListImpactMultiplier = PagingArguments.DefaultPageSize,
            ValidateComplexityDelegate = CheckComplexityAsync,

            // Introspection costs nothing: the schema is small and fixed, and GraphiQL must be able to load it. A field that
            // runs a model (the student or the teacher) costs modelFieldCost.
            DefaultComplexityImpactDelegate = context =>
                context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                    ? new FieldComplexityResult(0, 1)
                    : (context.FieldDefinition.Required() & ModelPermissions) != 0
                        ? new FieldComplexityResult(_limits.ModelFieldCost, 1)
                        : standardImpact(context),
        });
        IValidationRule[] introspection = exposure.Value.ShowsSchema ? [] : [new IntrospectionRule()];
        _rules = [.. DocumentValidator.CoreRules, .. introspection, complexity, authorization];
        _cachedRules = [.. introspection, complexity, authorization];
    }

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider services, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var options = new ExecutionOptions
        {
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = user,
            CancellationToken = cancellationToken,
            UserContext = new SkillGraphUserContext(services.GetRequiredService<Mediator.IMediator>(), _limits),
            Timeout = _limits.RequestTimeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            ValidationRules = _rules,
            UnhandledExceptionDelegate = LogUnhandledAsync,
        };

        var query = request.Query;
        var cached = false;
        if (!string.IsNullOrEmpty(query))
        {
            if (_documents.TryGetValue(query, out var document))
            {
                cached = true;
                options.Document = document;
                options.ValidationRules = _cachedRules;
            }
            else
            {
                if (SyntaxProbe.NeedsProbe(query) && ProbeSyntax(query) is { } refused)
                {
                    return refused;
                }

                try
                {
                    document = Parser.Parse(query, ParserOptions);
                }
                catch (GraphQLSyntaxErrorException ex)
                {
                    return SyntaxError(ex.Description, (ex.Location.Line, ex.Location.Column));
                }
                catch (IndexOutOfRangeException)
                {
                    // GraphQLParser failing to write its own error message (a case the probe did not foresee)
                    return Refused("Error parsing query: the document has a syntax error the parser could not locate.", "SYNTAX_ERROR");
                }
                catch (GraphQLMaxDepthExceededException)
                {
                    return Refused($"the document nests deeper than the parser allows (its values or selections; fields have the limit maxDepth = {_limits.MaxDepth}).", LimitCode);
                }

                if (document is not null)
                {
                    var fields = FieldCounter.Count(document, _limits.MaxFields + 1);
                    if (fields > _limits.MaxFields)
                    {
                        return Refused($"the document holds more than {_limits.MaxFields} fields and fragments (limit maxFields = {_limits.MaxFields}).", LimitCode);
                    }

                    options.Document = document;
                }
            }
        }

        using var activity = Telemetry.Source.StartActivity("graphql");
        activity?.SetTag("graphql.operation.name", request.OperationName);
        var result = await _executer.ExecuteAsync(options).ConfigureAwait(false);
        activity?.SetTag("graphql.errors", result.Errors?.Count ?? 0);
        if (!cached && result.Executed && options.Document is { } parsed && query is not null && Interlocked.Read(ref _cachedCharacters) < MaxCachedCharacters
            && SeenBefore(query) && _documents.TryAdd(query, parsed))
        {
            Interlocked.Add(ref _cachedCharacters, query.Length);
        }

        NameTimeouts(result);
        return result;
    }

    /// <summary>What the document cache holds: documents and their characters.</summary>
    public (int Documents, long Characters) CacheSize => (_documents.Count, Interlocked.Read(ref _cachedCharacters));

    /// <summary>
    /// Whether this document ran before (by its hash): a document is kept parsed only from its second run, so documents
    /// written once with their values inline (a steward's edit, a one-off query) never fill the cache. The set of hashes
    /// seen once is emptied when it reaches <see cref="MaxSeenOnce"/>; a hash collision only admits a document early.
    /// </summary>
    private bool SeenBefore(string query)
    {
        var hash = string.GetHashCode(query, StringComparison.Ordinal);
        if (_seenOnce.TryRemove(hash, out _))
        {
            return true;
        }

        if (_seenOnce.Count >= MaxSeenOnce)
        {
            _seenOnce.Clear();
        }

        _seenOnce.TryAdd(hash, 0);
        return false;
    }

    /// <summary>
    /// A refused request (bad input, unknown concept) becomes an error that says what is wrong, with a code;
    /// anything else: the client sees "Error trying to resolve field …" and the log gets the exception.
    /// </summary>
    private Task LogUnhandledAsync(UnhandledExceptionContext context)
    {
        var known = GraphQLErrors.From(context.OriginalException);
        if (known is not null)
        {
            context.Exception = known;
            return Task.CompletedTask;
        }

        _logger.LogError(context.OriginalException, "GraphQL field {Path} failed", context.FieldContext is { } field ? string.Join('.', field.Path) : "(none)");
        return Task.CompletedTask;
    }

    private Task CheckComplexityAsync(ComplexityValidationContext context)
    {
        if (context.MaxDepth > _limits.MaxDepth)
        {
            context.Error = new ComplexityError($"the query is {context.MaxDepth} levels deep, more than the limit maxDepth = {_limits.MaxDepth}.") { Code = LimitCode };
        }
        else if (context.TotalImpact > _limits.MaxComplexity)
        {
            context.Error = new ComplexityError(
                $"the query costs {context.TotalImpact:0}, more than the limit maxComplexity = {_limits.MaxComplexity} (each field costs 1, times the `first` of the lists above it; a field that runs a model costs modelFieldCost = {_limits.ModelFieldCost}).")
            {
                Code = LimitCode,
            };
        }

        return Task.CompletedTask;
    }

    private void NameTimeouts(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return;
        }

        if (!errors.Any(e => e is TimeoutError))
        {
            return;
        }

        var named = new ExecutionErrors();
        foreach (var error in errors)
        {
            named.Add(error is TimeoutError
                ? new ExecutionError($"the request ran longer than the limit requestTimeout = {_limits.RequestTimeout.TotalSeconds:0.###} s.") { Code = LimitCode }
                : error);
        }

        result.Errors = named;
    }

    /// <summary>The syntax error of a document with a long line, found in its <see cref="SyntaxProbe"/>; null when it has none.</summary>
    private static ExecutionResult? ProbeSyntax(string query)
    {
        var probe = SyntaxProbe.Build(query);
        if (probe.Limit is not null)
        {
            return Refused(probe.Limit, LimitCode, probe.LimitLocation);
        }

        try
        {
            Parser.Parse(probe.Probe, ParserOptions);
            return null;
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            var (description, at) = probe.Explain(ex);
            return SyntaxError(description, at);
        }
        catch (IndexOutOfRangeException)
        {
            return null; // a lone CR inside a block string: the document's own parse answers
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return null; // the document's own parse says so
        }
    }

    /// <summary>As GraphQL.NET words a syntax error, with the location in the document.</summary>
    private static ExecutionResult SyntaxError(string description, (int Line, int Column) at) =>
        Refused($"Error parsing query: {ErrorText.OneLineBounded(description)}", "SYNTAX_ERROR", at);

    private static ExecutionResult Refused(string message, string code, (int Line, int Column) at)
    {
        var error = new ExecutionError(message) { Code = code };
        error.AddLocation(new Location(at.Line, at.Column));
        return new() { Executed = false, Errors = [error] };
    }

    private static ExecutionResult Refused(string message, string code) =>
        new() { Executed = false, Errors = [new ExecutionError(message) { Code = code }] };

    /// <summary>Counts fields and fragment references, stopping at <c>stopAt</c>; cheap even for huge documents.</summary>
    private static class FieldCounter
    {
        public static int Count(GraphQLDocument document, int stopAt)
        {
            var count = 0;
            var stack = new Stack<GraphQLSelectionSet>();
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLOperationDefinition operation:
                        stack.Push(operation.SelectionSet);
                        break;
                    case GraphQLFragmentDefinition fragment:
                        stack.Push(fragment.SelectionSet);
                        break;
                }
            }

            while (stack.Count > 0 && count < stopAt)
            {
                foreach (var selection in stack.Pop().Selections)
                {
                    count++;
                    switch (selection)
                    {
                        case GraphQLField { SelectionSet: { } set }:
                            stack.Push(set);
                            break;
                        case GraphQLInlineFragment inline:
                            stack.Push(inline.SelectionSet);
                            break;
                    }
                }
            }

            return count;
        }
    }
}
