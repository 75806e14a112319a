using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Neo4j.Tests;

/// <summary>A request the fake received: what the adapter sent, with the statement file it named.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string? StatementName, JsonElement? Parameters, string? AccessMode);

/// <summary>
/// An in-process stand-in for the Neo4j Query API on 127.0.0.1 (HttpListener). It records every request, knows each
/// statement by comparing its text with the files of cypher/ on disk (not with the adapter's resources), answers in
/// typed JSON from a small graph it keeps (<see cref="FakeGraph"/>, which evaluates each statement file by name), keeps
/// explicit transactions apart until commit, and can be told to fail the next requests with Neo4j's error shapes.
/// </summary>
public sealed class FakeQueryApi : IDisposable
{
    private static readonly Lazy<Dictionary<string, string>> Files = new(LoadFiles);
    private HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, FakeGraph> _transactions = new();
    private readonly ConcurrentQueue<Func<RecordedRequest, (int Status, string Body)?>> _failures = new();
    private readonly Lock _commit = new();
    private int _nextTransaction;

    public FakeQueryApi()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            try
            {
                Url = $"http://127.0.0.1:{port}";
                _listener.Prefixes.Add(Url + "/");
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                // A port in use: the failed start closed that listener, so the next try needs a new one.
                _listener.Close();
                _listener = new HttpListener();
            }
        }

        _ = Task.Run(ServeAsync);
    }

    public string Url { get; private set; } = string.Empty;

    public FakeGraph Graph { get; set; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string? ExpectedAuthorization { get; set; }

    /// <summary>The database the server has; another name answers DatabaseNotFound.</summary>
    public string Database { get; set; } = "neo4j";

    /// <summary>Makes the next matching request fail: the function returns a status and body, or null to let it through.</summary>
    public void FailNext(Func<RecordedRequest, (int Status, string Body)?> failure) => _failures.Enqueue(failure);

    public static string ErrorBody(string code, string message) =>
        new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) }.ToJsonString();

    public static string StatementText(string name) => Files.Value[name];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private static Dictionary<string, string> LoadFiles()
    {
        var root = Path.Combine(TestPaths.RepositoryRoot, "cypher");
        return Directory.EnumerateFiles(root, "*.cypher", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/')[..^".cypher".Length], File.ReadAllText, StringComparer.Ordinal);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var (status, body, headers) = Handle(context.Request);
        context.Response.StatusCode = status;
        context.Response.ContentType = QueryApiClient.TypedJsonMediaType;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private (int Status, string Body, Dictionary<string, string> Headers) Handle(HttpListenerRequest http)
    {
        using var reader = new StreamReader(http.InputStream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var headers = http.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => http.Headers[k]!, StringComparer.Ordinal);
        string? statement = null;
        JsonElement? parameters = null;
        string? accessMode = null;
        if (text.Length > 0)
        {
            var json = JsonDocument.Parse(text).RootElement.Clone();
            if (json.TryGetProperty("statement", out var s))
            {
                statement = Files.Value.FirstOrDefault(f => f.Value == s.GetString()).Key ?? "<not a file of cypher/>";
            }

            parameters = json.TryGetProperty("parameters", out var p) ? p : null;
            accessMode = json.TryGetProperty("accessMode", out var a) ? a.GetString() : null;
        }

        var request = new RecordedRequest(http.HttpMethod, http.Url!.AbsolutePath, headers, text, statement, parameters, accessMode);
        Requests.Enqueue(request);
        var noHeaders = new Dictionary<string, string>();
        if (_failures.TryPeek(out var failure) && failure(request) is { } injected)
        {
            _failures.TryDequeue(out _);
            return (injected.Status, injected.Body, noHeaders);
        }

        if (ExpectedAuthorization is not null && headers.GetValueOrDefault("authorization") != ExpectedAuthorization)
        {
            return (401, ErrorBody("Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure."), noHeaders);
        }

        var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries); // db, {name}, query, v2, [tx, {id}, [commit]]
        if (parts.Length < 4 || parts[0] != "db" || parts[2] != "query" || parts[3] != "v2")
        {
            return (404, string.Empty, noHeaders);
        }

        if (parts[1] != Database)
        {
            return (404, ErrorBody("Neo.ClientError.Database.DatabaseNotFound", $"Database does not exist. Database name: '{parts[1]}'."), noHeaders);
        }

        try
        {
            if (parts.Length == 4)
            {
                return (202, Result(Graph.Run(statement!, parameters!.Value)), noHeaders);
            }

            if (parts.Length == 5)
            {
                var id = $"tx{Interlocked.Increment(ref _nextTransaction)}";
                var staged = Graph.Clone();
                _transactions[id] = staged;
                var result = statement is null ? [] : staged.Run(statement, parameters!.Value);
                return (202, Result(result, id), new Dictionary<string, string> { ["neo4j-cluster-affinity"] = "ZmFrZQ==" });
            }

            var txId = parts[5];
            if (!_transactions.TryGetValue(txId, out var tx))
            {
                return (404, ErrorBody("Neo.ClientError.Transaction.TransactionNotFound", $"Transaction {txId} not found."), noHeaders);
            }

            if (http.HttpMethod == "DELETE")
            {
                _transactions.TryRemove(txId, out _);
                return (202, "{\"data\":{\"fields\":[],\"values\":[]}}", noHeaders);
            }

            if (parts.Length == 7 && parts[6] == "commit")
            {
                _transactions.TryRemove(txId, out _);
                lock (_commit)
                {
                    Graph = tx;
                }

                return (202, "{\"data\":{\"fields\":[],\"values\":[]},\"bookmarks\":[\"FB:fake\"]}", noHeaders);
            }

            return (202, Result(tx.Run(statement!, parameters!.Value), txId), noHeaders);
        }
        catch (FakeCypherException ex)
        {
            return (400, ErrorBody(ex.Code, ex.Message), noHeaders);
        }
        catch (Exception ex) when (ex is InvalidCastException or KeyNotFoundException or NullReferenceException or ArgumentException)
        {
            return (400, ErrorBody("Neo.DatabaseError.Fake.Bug", $"{statement}: {ex.GetType().Name} {ex.Message}"), noHeaders);
        }
    }

    private static string Result(List<Dictionary<string, object?>> rows, string? transaction = null)
    {
        var fields = rows.Count > 0 ? rows[0].Keys.ToList() : [];
        var values = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. fields.Select(f => Typed(r[f]))]))]);
        var answer = new JsonObject
        {
            ["data"] = new JsonObject { ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]), ["values"] = values },
            ["bookmarks"] = new JsonArray("FB:fake"),
        };
        if (transaction is not null)
        {
            answer["transaction"] = new JsonObject { ["id"] = transaction, ["expires"] = "2030-01-01T00:00:00Z" };
        }

        return answer.ToJsonString();
    }

    /// <summary>A value in Neo4j's typed JSON: Integer and Float values are strings, lists and maps hold typed values.</summary>
    public static JsonNode Typed(object? value) => value switch
    {
        null => new JsonObject { ["$type"] = "Null", ["_value"] = null },
        bool b => new JsonObject { ["$type"] = "Boolean", ["_value"] = b },
        int or long => new JsonObject { ["$type"] = "Integer", ["_value"] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        double d => new JsonObject { ["$type"] = "Float", ["_value"] = d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) },
        string s => new JsonObject { ["$type"] = "String", ["_value"] = s },
        IDictionary<string, object?> map => new JsonObject { ["$type"] = "Map", ["_value"] = new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Typed(kv.Value)))) },
        System.Collections.IEnumerable list => new JsonObject { ["$type"] = "List", ["_value"] = new JsonArray([.. list.Cast<object?>().Select(Typed)]) },
        _ => throw new ArgumentException($"no typed JSON for {value.GetType()}"),
    };
}

public sealed class FakeCypherException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
