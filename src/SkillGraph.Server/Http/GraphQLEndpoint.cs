using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SkillGraph.Domain;
using SkillGraph.Server.Auth;
using SkillGraph.Server.GraphQL;
using SkillGraph.Server.GraphQL.Authorization;

namespace SkillGraph.Server.Http;

/// <summary>
/// GraphQL over HTTP: <c>POST /graphql</c> with a JSON body, <c>GET /graphql?query=…</c>, and the GraphiQL page
/// for browsers. Answers <c>application/graphql-response+json</c> when the client accepts it (then a request that
/// fails before execution gets 400) and <c>application/json</c> otherwise (then 200). A body that is not a
/// GraphQL request gets 400 with a GraphQL error, a body over the size limit 413. A request refused by the authorization
/// rule gets 401 (<c>UNAUTHENTICATED</c>, with <c>WWW-Authenticate</c>), 403 (<c>FORBIDDEN</c>) or 429 (<c>LIMIT</c>, with
/// <c>Retry-After</c>) whichever media type it accepts.
/// </summary>
public sealed class GraphQLEndpoint(
    GraphQLRunner runner, IGraphQLSerializer serializer, IGraphQLTextSerializer textSerializer, IOptions<GraphQLLimits> limits, IOptions<GraphQLExposure> exposure, IWebHostEnvironment environment)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";
    private static readonly string Unauthenticated = ErrorCodes.Name(ErrorCode.Unauthenticated);
    private static readonly string Forbidden = ErrorCodes.Name(ErrorCode.Forbidden);

    public async Task PostAsync(HttpContext http)
    {
        var mediaType = ResponseMediaType(http.Request);
        if (!IsJson(http.Request.ContentType))
        {
            await WriteErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, mediaType,
                $"the body must be application/json (a GraphQL request), not '{http.Request.ContentType ?? "nothing"}'.", ErrorCode.BadInput).ConfigureAwait(false);
            return;
        }

        var max = limits.Value.MaxRequestBytes;
        if (http.Request.ContentLength > max)
        {
            await TooLargeAsync(http, mediaType, max).ConfigureAwait(false);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, (int?)http.Request.ContentLength + 1 ?? 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        await TooLargeAsync(http, mediaType, max).ConfigureAwait(false);
                        return;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read;
                try
                {
                    read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) // the client sent less than it announced, or too slowly, or went away
                {
                    if (!http.RequestAborted.IsCancellationRequested)
                    {
                        await WriteErrorAsync(http, ex.StatusCode, mediaType, $"the body could not be read: {ex.Message}",
                            ex.StatusCode == StatusCodes.Status400BadRequest ? ErrorCode.BadInput : ErrorCode.Limit).ConfigureAwait(false);
                    }

                    return;
                }

                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    await TooLargeAsync(http, mediaType, max).ConfigureAwait(false);
                    return;
                }
            }

            GraphQLRequest? request;
            try
            {
                using var body = new MemoryStream(buffer, 0, length, writable: false);
                request = await serializer.ReadAsync<GraphQLRequest>(body, http.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                // The innermost exception says what is wrong (e.g. "Invalid surrogate value" for a lone \ud800), the outer one where.
                var cause = ex.GetBaseException() is { } inner && inner != ex ? $" ({inner.Message.TrimEnd('.')})" : string.Empty;
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, $"the body is not a GraphQL request: {ex.Message}{cause}", ErrorCode.BadInput).ConfigureAwait(false);
                return;
            }

            await RunAsync(http, request, mediaType).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task GetAsync(HttpContext http)
    {
        var query = http.Request.Query;
        if (!query.ContainsKey("query") && AcceptsHtml(http.Request))
        {
            if (!exposure.Value.ServesGraphiQL)
            {
                await WriteErrorAsync(http, StatusCodes.Status404NotFound, ResponseMediaType(http.Request),
                    "GraphiQL is turned off on this server (setting GraphQL:GraphiQL); send GraphQL with POST /graphql.", ErrorCode.NotFound).ConfigureAwait(false);
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.SendFileAsync(environment.WebRootFileProvider.GetFileInfo("graphiql/index.html"), http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var mediaType = ResponseMediaType(http.Request);
        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest
            {
                Query = query["query"],
                OperationName = query["operationName"],
                Variables = query.TryGetValue("variables", out var variables) && variables.Count > 0 ? textSerializer.Deserialize<Inputs>(variables[0]) : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, $"variables is not a JSON object: {ex.Message}", ErrorCode.BadInput).ConfigureAwait(false);
            return;
        }

        if (request.Query is { } text && text.TrimStart().StartsWith("mutation", StringComparison.Ordinal))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, "mutations must be sent with POST.", ErrorCode.BadInput).ConfigureAwait(false);
            return;
        }

        await RunAsync(http, request, mediaType).ConfigureAwait(false);
    }

    private async Task RunAsync(HttpContext http, GraphQLRequest? request, string mediaType)
    {
        if (request is null || (string.IsNullOrWhiteSpace(request.Query) && request.DocumentId is null))
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, "the request has no query.", ErrorCode.BadInput).ConfigureAwait(false);
            return;
        }

        var result = await runner.ExecuteAsync(request, http.RequestServices, http.User, http.RequestAborted).ConfigureAwait(false);
        var status = !result.Executed ? RefusalStatus(http, result) ?? (mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK)
            : StatusCodes.Status200OK;
        await WriteAsync(http, status, mediaType, result).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a request refused before GraphQL ran (a wrong key, a spent rate limit, a body or time limit) with one GraphQL
    /// error; <paramref name="cancellationToken"/> instead of the request's own token where that is already cancelled (the time limit).
    /// </summary>
    public Task RefuseAsync(HttpContext http, int status, ErrorCode code, string message, CancellationToken? cancellationToken = null) =>
        WriteErrorAsync(http, status, ResponseMediaType(http.Request), message, code, cancellationToken);

    /// <summary>401, 403 or 429 (with their headers) for a request the authorization rule refused; null for any other refusal.</summary>
    private static int? RefusalStatus(HttpContext http, ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return null;
        }

        if (errors.Any(e => e.Code == Unauthenticated))
        {
            http.Response.Headers.WWWAuthenticate = AuthRegistration.Challenge(http);
            return StatusCodes.Status401Unauthorized;
        }

        if (errors.Any(e => e.Code == Forbidden))
        {
            return StatusCodes.Status403Forbidden;
        }

        if (errors.OfType<RateLimitedError>().FirstOrDefault() is { } limited)
        {
            CallerRateLimits.SetRetryAfter(http, limited.RetryAfter);
            return StatusCodes.Status429TooManyRequests;
        }

        return null;
    }

    private Task TooLargeAsync(HttpContext http, string mediaType, int max) =>
        WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, mediaType, TooLargeMessage(max), ErrorCode.Limit);

    /// <summary>The refusal of a body over <see cref="GraphQLLimits.MaxRequestBytes"/>, here and on every other endpoint.</summary>
    public static string TooLargeMessage(int max) => $"the body is larger than {max} bytes (limit maxRequestBytes = {max}).";

    private Task WriteErrorAsync(HttpContext http, int status, string mediaType, string message, ErrorCode code, CancellationToken? cancellationToken = null) =>
        WriteAsync(http, status, mediaType, new ExecutionResult { Executed = false, Errors = [new ExecutionError(ErrorText.OneLine(message)) { Code = ErrorCodes.Name(code) }] }, cancellationToken);

    private async Task WriteAsync(HttpContext http, int status, string mediaType, ExecutionResult result, CancellationToken? cancellationToken = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, cancellationToken ?? http.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) || parsed.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase));

    /// <summary>application/graphql-response+json when the client lists it, else application/json.</summary>
    private static string ResponseMediaType(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseJson;
            }
        }

        return Json;
    }

    private static bool AcceptsHtml(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
