using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SkillGraph.Domain;
using SkillGraph.Server.GraphQL;

namespace SkillGraph.Server.Http;

/// <summary>
/// GraphQL over HTTP: <c>POST /graphql</c> with a JSON body, <c>GET /graphql?query=…</c>, and the GraphiQL page
/// for browsers. Answers <c>application/graphql-response+json</c> when the client accepts it (then a request that
/// fails before execution gets 400) and <c>application/json</c> otherwise (then 200). A body that is not a
/// GraphQL request gets 400 with a GraphQL error, a body over the size limit 413.
/// </summary>
public sealed class GraphQLEndpoint(GraphQLRunner runner, IGraphQLSerializer serializer, IGraphQLTextSerializer textSerializer, IOptions<GraphQLLimits> limits, IWebHostEnvironment environment)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";

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

                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted).ConfigureAwait(false);
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
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, $"the body is not a GraphQL request: {ex.Message}", ErrorCode.BadInput).ConfigureAwait(false);
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

        var result = await runner.ExecuteAsync(request, http.RequestServices, http.RequestAborted).ConfigureAwait(false);
        var status = !result.Executed && mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(http, status, mediaType, result).ConfigureAwait(false);
    }

    private Task TooLargeAsync(HttpContext http, string mediaType, int max) =>
        WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, mediaType, $"the body is larger than {max} bytes (limit maxRequestBytes = {max}).", ErrorCode.Limit);

    private Task WriteErrorAsync(HttpContext http, int status, string mediaType, string message, ErrorCode code) =>
        WriteAsync(http, status, mediaType, new ExecutionResult { Executed = false, Errors = [new ExecutionError(message) { Code = ErrorCodes.Name(code) }] });

    private async Task WriteAsync(HttpContext http, int status, string mediaType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted).ConfigureAwait(false);
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
