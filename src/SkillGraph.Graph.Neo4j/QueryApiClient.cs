using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.Timeout;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// Sends the statements of <see cref="CypherStatements"/> to the Neo4j Query API: implicit read transactions
/// (<c>POST /db/{db}/query/v2</c> with <c>accessMode: READ</c>) and explicit write transactions (<c>POST …/tx</c>,
/// <c>POST …/tx/{id}</c>, <c>POST …/tx/{id}/commit</c>, <c>DELETE …/tx/{id}</c>). Parameters go as plain JSON; answers
/// are asked for as typed JSON. Every failure becomes one line that a user can act on.
/// </summary>
internal sealed class QueryApiClient : IDisposable
{
    public const string TypedJsonMediaType = "application/vnd.neo4j.query";
    private const string AffinityHeader = "neo4j-cluster-affinity";
    private static readonly JsonSerializerOptions ParameterJson = new() { WriteIndented = false };

    private readonly HttpClient _http;
    private readonly Neo4jOptions _options;
    private readonly Uri _query;
    private readonly Uri _tx;
    private readonly AuthenticationHeaderValue? _authorization;

    public QueryApiClient(Neo4jOptions options, HttpMessageHandler? transport = null)
    {
        _options = options;
        _http = Neo4jHttp.CreateClient(options, transport);
        _query = options.QueryEndpoint;
        _tx = new Uri(_query + "/tx");
        _authorization = !string.IsNullOrEmpty(options.Token) ? new AuthenticationHeaderValue("Bearer", options.Token)
            : !string.IsNullOrEmpty(options.User) ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")))
            : null;
    }

    /// <summary>Where the adapter talks to, for messages: "http://host:7474 (database neo4j)".</summary>
    public string Target => $"{_options.Url} (database {_options.Database})";

    /// <summary>Runs a read statement in its own implicit transaction, marked READ so that a cluster can route it.</summary>
    public async Task<QueryResult> ReadAsync(string statement, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken, bool retry = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (result, _) = await SendAsync(HttpMethod.Post, _query, statement, parameters, "READ", null, retry, cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Neo4jQueryException ex) when (retry && ex.IsTransient && attempt < _options.MaxRetries)
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens an explicit write transaction with its first statement.</summary>
    public async Task<(QueryApiTransaction Transaction, QueryResult Result)> BeginAsync(string statement, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        var (result, root) = await SendAsync(HttpMethod.Post, _tx, statement, parameters, "WRITE", null, retry: false, cancellationToken).ConfigureAwait(false);
        var id = root.Transaction ?? throw new GraphStoreException($"Neo4j at {Target} opened no transaction (the answer names no transaction id); is this the Query API of Neo4j 5.19 or later?");
        return (new QueryApiTransaction(id, root.Affinity), result);
    }

    public async Task<QueryResult> RunAsync(QueryApiTransaction transaction, string statement, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        var (result, _) = await SendAsync(HttpMethod.Post, TxUri(transaction), statement, parameters, null, transaction.Affinity, retry: false, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task CommitAsync(QueryApiTransaction transaction, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, new Uri(TxUri(transaction) + "/commit"), null, null, null, transaction.Affinity, retry: false, cancellationToken).ConfigureAwait(false);
        transaction.Finished = true;
    }

    /// <summary>Rolls back (<c>DELETE …/tx/{id}</c>); never throws, since it runs while another failure is on its way up.</summary>
    public async Task RollbackAsync(QueryApiTransaction transaction)
    {
        if (transaction.Finished)
        {
            return;
        }

        transaction.Finished = true;
        try
        {
            using var cts = new CancellationTokenSource(_options.RequestTimeout);
            await SendAsync(HttpMethod.Delete, TxUri(transaction), null, null, null, transaction.Affinity, retry: false, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SkillGraph.Domain.SkillGraphException or OperationCanceledException or HttpRequestException)
        {
            // The server rolls an abandoned transaction back when it times out.
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri TxUri(QueryApiTransaction transaction) => new(_tx + "/" + Uri.EscapeDataString(transaction.Id));

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt) * (0.8 + (0.4 * Random.Shared.NextDouble())));

    private async Task<(QueryResult Result, AnswerInfo Info)> SendAsync(
        HttpMethod method, Uri uri, string? statement, IReadOnlyDictionary<string, object?>? parameters, string? accessMode, string? affinity, bool retry, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Options.Set(Neo4jHttp.Retryable, retry);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(TypedJsonMediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        request.Headers.Authorization = _authorization;
        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (statement is not null)
        {
            var body = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["statement"] = CypherStatements.Text(statement),
                ["parameters"] = parameters ?? new Dictionary<string, object?>(),
            };
            if (accessMode is not null)
            {
                body["accessMode"] = accessMode;
            }

            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ParameterJson));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent("{}"u8.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        var name = statement ?? (method == HttpMethod.Delete ? "rollback" : "commit");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphStoreException($"cannot reach Neo4j at {Target}: {OneLine(ex.InnerException?.Message ?? ex.Message)}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new GraphStoreException($"Neo4j at {Target} did not answer {name} within {ex.Timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GraphStoreException($"Neo4j at {Target} did not answer {name} in time.", ex);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var answer = Parse(bytes, response, name);
            answer.Info.Affinity ??= response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            return (answer.Result, answer.Info);
        }
    }

    private (QueryResult Result, AnswerInfo Info) Parse(byte[] bytes, HttpResponseMessage response, string statement)
    {
        JsonDocument? document = null;
        try
        {
            if (bytes.Length > 0)
            {
                document = JsonDocument.Parse(bytes);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, a wrong URL): judged by the status below.
        }

        using (document)
        {
            var root = document?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? "Neo.Unknown" : "Neo.Unknown";
                var message = OneLine(first.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty);
                throw Failure(response.StatusCode, code, message, statement);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response.StatusCode, null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", statement);
            }

            var info = new AnswerInfo();
            if (root is not { ValueKind: JsonValueKind.Object } body)
            {
                return (new QueryResult([], []), info);
            }

            if (body.TryGetProperty("transaction", out var tx) && tx.ValueKind == JsonValueKind.Object && tx.TryGetProperty("id", out var id))
            {
                info.Transaction = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
            }

            if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return (new QueryResult([], []), info);
            }

            var fields = data.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [];
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            if (data.TryGetProperty("values", out var values))
            {
                foreach (var row in values.EnumerateArray())
                {
                    var map = new Dictionary<string, object?>(fields.Length, StringComparer.Ordinal);
                    if (row.ValueKind == JsonValueKind.Array)
                    {
                        var i = 0;
                        foreach (var cell in row.EnumerateArray())
                        {
                            if (i < fields.Length)
                            {
                                map[fields[i]] = TypedJson.Read(cell);
                            }

                            i++;
                        }
                    }
                    else if (fields.Length > 0)
                    {
                        map[fields[0]] = TypedJson.Read(row);
                    }

                    rows.Add(map);
                }
            }

            return (new QueryResult(fields, rows), info);
        }
    }

    private SkillGraph.Domain.SkillGraphException Failure(HttpStatusCode status, string? code, string message, string statement)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || code?.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) == true)
        {
            var who = !string.IsNullOrEmpty(_options.Token) ? "the token" : !string.IsNullOrEmpty(_options.User) ? $"user '{_options.User}'" : "no credentials";
            return new GraphStoreException($"Neo4j at {Target} refused {who}: {code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)} {message}".TrimEnd());
        }

        if (code is "Neo.ClientError.Database.DatabaseNotFound" or "Neo.ClientError.Database.DatabaseUnavailable" || (code is null && status == HttpStatusCode.NotFound))
        {
            return new GraphStoreException($"Neo4j at {_options.Url} has no database '{_options.Database}' it can serve ({code ?? "HTTP 404"}): {message}; is the URL that of the Query API (Neo4j 5.19 or later)?");
        }

        if (code is not null)
        {
            return new Neo4jQueryException(code, statement, message);
        }

        return new GraphStoreException($"Neo4j at {Target} answered {message} to cypher/{statement}.cypher.");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class AnswerInfo
    {
        public string? Transaction { get; set; }

        public string? Affinity { get; set; }
    }
}
