using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkillGraph.Teacher.Chat;

namespace SkillGraph.Teacher.Tests.Support;

/// <summary>
/// A fake OpenAI-compatible server (what Ollama, vLLM or llama.cpp server look like to a client): an HttpListener
/// on 127.0.0.1 that speaks the chat-completions wire format, <c>POST /v1/chat/completions</c> with
/// <c>{"model","messages":[{"role","content"}]}</c> in and <c>{"choices":[{"message":{"role","content"}}],"usage"}</c>
/// out. It answers like the offline teacher would (so answers are valid), and can be told to fail first with 429
/// or to answer some prompts wrongly, to exercise retries. It records every request it got.
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public FakeChatCompletionsServer()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>The first this many requests get 429 Too Many Requests with Retry-After: 0.</summary>
    public int ThrottleFirst { get; set; }

    /// <summary>Answers of the job-description task name an invented skill this many times before a valid answer.</summary>
    public int WrongJobDescriptions { get; set; }

    public List<JsonObject> Requests { get; } = [];

    public List<string?> Authorizations { get; } = [];

    public List<string> Paths { get; } = [];

    public int Throttled { get; private set; }

    private async Task LoopAsync()
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

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (Requests)
        {
            Requests.Add(body);
            Authorizations.Add(context.Request.Headers["Authorization"] ?? context.Request.Headers["api-key"]);
            Paths.Add(context.Request.Url!.PathAndQuery);
        }

        if (Interlocked.Increment(ref _requests) <= ThrottleFirst)
        {
            Throttled++;
            response.StatusCode = 429;
            response.Headers["Retry-After"] = "0";
            await WriteAsync(response, """{"error":{"message":"rate limited","type":"rate_limit"}}""");
            return;
        }

        var history = new ChatHistory();
        foreach (var message in body["messages"]!.AsArray())
        {
            var role = new AuthorRole(message!["role"]!.GetValue<string>());
            history.AddMessage(role, Content(message["content"]));
        }

        var answer = OfflineTeacherChatService.Answer(history);
        if (answer.Contains("\"jobDescription\"", StringComparison.Ordinal) && !answer.Contains("\"resumeMatched\"", StringComparison.Ordinal) && WrongJobDescriptions > 0)
        {
            WrongJobDescriptions--;
            answer = """{"title":"x","jobDescription":"A job description long enough to pass the length check, but naming an invented skill below.","skills":["http://example.org/skill/invented","juggling"]}""";
        }

        var reply = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = body["model"]!.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1000, ["completion_tokens"] = 200, ["total_tokens"] = 1200 },
        };
        await WriteAsync(response, reply.ToJsonString());
    }

    private static string Content(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? string.Empty)),
        _ => string.Empty,
    };

    private static async Task WriteAsync(HttpListenerResponse response, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
