using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Cli;

/// <summary>
/// <c>skillgraph teach</c> takes the teacher from its flags, then the environment: the documented variables
/// (OPENAI_*, AZURE_OPENAI_*, SKILLGRAPH_TEACHER_*) and the section Teacher (Teacher__Provider), as the server does.
/// </summary>
public sealed class CliTeachProviderTests : IDisposable
{
    private static readonly string[] TeacherVariables =
    [
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT",
        "AZURE_OPENAI_API_VERSION", "AZURE_OPENAI_MODEL", "SKILLGRAPH_TEACHER_MODEL", "SKILLGRAPH_TEACHER_ENDPOINT", "SKILLGRAPH_TEACHER_API_KEY",
    ];

    private readonly string _directory = TestPaths.NewTempDirectory();

    [Fact]
    public async Task TheOpenAIVariablesReachTheCompatibleServer()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var request = AnswerOnceAsync(listener);

        var result = await RunAsync(
            new() { ["OPENAI_BASE_URL"] = $"http://127.0.0.1:{port}/v1", ["OPENAI_MODEL"] = "model-from-env", ["OPENAI_API_KEY"] = "key-from-env" },
            "teach", "--provider", "openai-compatible", "--occupations", "1", "--no-cache", "--out", Path.Combine(_directory, "t.jsonl"), "--db", Path.Combine(_directory, "t.db"));

        var (path, authorization, body) = await request;
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer key-from-env", authorization);
        Assert.Equal("model-from-env", body["model"]!.GetValue<string>());
        Assert.Equal(1, result.ExitCode); // the server refused with 400, which is not retried
    }

    [Fact]
    public async Task ARealProviderWithoutItsSettingsOrAnUnknownProviderIsOneLine()
    {
        var missing = await RunAsync([], "teach", "--provider", "openai", "--out", Path.Combine(_directory, "m.jsonl"), "--db", Path.Combine(_directory, "m.db"));
        Assert.Equal(2, missing.ExitCode); // BAD_INPUT
        Assert.Equal("skillgraph: error: teach: the openai provider needs a model (--model or OPENAI_MODEL); the openai provider needs an API key (OPENAI_API_KEY)", missing.Stderr.Trim());

        var unknown = await RunAsync(new() { ["Teacher__Provider"] = "gpt" }, "teach", "--out", Path.Combine(_directory, "u.jsonl"), "--db", Path.Combine(_directory, "u.db"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("skillgraph: error: Failed to convert configuration value 'gpt' at 'Teacher:Provider'", unknown.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Contains("'gpt' is not a teacher provider", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunInWhichTheTeacherAnswersNonsenseForEveryOccupationExitsWithTeacherFailed()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var answering = AnswerNonsenseAsync(listener, stop.Token);
        var output = Path.Combine(_directory, "n.jsonl");

        var result = await RunAsync(
            new() { ["OPENAI_BASE_URL"] = $"http://127.0.0.1:{port}/v1", ["OPENAI_MODEL"] = "nonsense", ["OPENAI_API_KEY"] = "k" },
            "teach", "--provider", "openai-compatible", "--occupations", "1", "--no-cache", "--out", output, "--db", Path.Combine(_directory, "n.db"));
        await stop.CancelAsync();
        listener.Stop();
        await answering;

        Assert.Equal(9, result.ExitCode); // TEACHER_FAILED, where it used to exit 0
        Assert.Contains("0 records and 0 sentences written", result.Stdout, StringComparison.Ordinal);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("skillgraph:", StringComparison.Ordinal)); // besides the progress lines
        Assert.StartsWith("skillgraph: error: every occupation taught failed (1 rejected, no record written; most often: ", error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(output).Length);
        Assert.NotEmpty(File.ReadAllLines(Path.ChangeExtension(output, ".rejected.jsonl")));
    }

    /// <summary>The CLI as a child process whose environment has none of the teacher variables but <paramref name="environment"/>.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var info = CliProcess.StartInfo(args);
        foreach (var name in TeacherVariables.Concat(["Teacher__Provider", "Teacher__Model", "Teacher__ApiKey", "Teacher__Endpoint"]))
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Records the first request and refuses it with 400.</summary>
    private static async Task<(string Path, string? Authorization, JsonObject Body)> AnswerOnceAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        context.Response.StatusCode = 400;
        context.Response.Close();
        return (context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body);
    }

    /// <summary>Answers every chat completion with a well-formed answer that says nothing a record can be made of.</summary>
    private static async Task AnswerNonsenseAsync(HttpListener listener, CancellationToken cancellationToken)
    {
        const string answer = """{"id":"c1","object":"chat.completion","created":0,"model":"nonsense","choices":[{"index":0,"message":{"role":"assistant","content":"I like turtles."},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}}""";
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes, cancellationToken);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
