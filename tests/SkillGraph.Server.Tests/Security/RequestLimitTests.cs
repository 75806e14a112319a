using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using SkillGraph.Graph.Embedded;
using SkillGraph.Server.Tests.Auth;
using SkillGraph.Server.Tests.Startup;

namespace SkillGraph.Server.Tests.Security;

/// <summary>
/// docs/security.md, "Limits": the body limit (maxRequestBytes) and the time limit (requestTimeout) hold on every
/// endpoint, not only for GraphQL documents, and their refusals name them.
/// </summary>
public sealed class RequestLimitTests
{
    [Fact]
    public async Task ABodyOverTheLimitIsRefusedOnEveryEndpoint()
    {
        await using var server = await AuthServer.StartAsync("Development");
        using var client = server.Client();
        var endpoints = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, "/healthz"), (HttpMethod.Get, "/graphql?query=%7B__typename%7D"), (HttpMethod.Get, "/graphql/sdl"), (HttpMethod.Post, "/graphql"),
        };

        foreach (var (method, path) in endpoints)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(new byte[1024 * 1024]) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await client.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("LIMIT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.Contains("limit maxRequestBytes = 262144", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OverARealSocketAStalledBodyIsCutOffALargeOneGets413AndACutOneIsNoError()
    {
        var folder = TestPaths.NewTempDirectory();
        var database = Path.Combine(folder, "sample.db");
        using (await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = database, WarmSearchIndex = false }))
        {
        }

        await using var server = await RunningServer.StartAsync(database, "Development", ("GraphQL__Limits__RequestTimeout", "00:00:00.500"));
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Url.Host, server.Url.Port);
        var stream = socket.GetStream();
        var head = $"POST /graphql HTTP/1.1\r\nHost: {server.Url.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"query\":";
        var watch = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)); // ... and nothing more

        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answer = new StringBuilder();
        var buffer = new char[4096];
        while (!answer.ToString().Contains("requestTimeout", StringComparison.Ordinal))
        {
            var read = await reader.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(buffer, 0, read);
        }

        watch.Stop();
        Assert.StartsWith("HTTP/1.1 504", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains("the request ran longer than the limit requestTimeout = 0.5 s", answer.ToString(), StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15)); // 0.5 s + the 2 s grace for reading and writing

        // A client still sending a 1 MB body gets the 413 (the rest is discarded, not reset), and its connection serves the next request.
        using var client = server.Client();
        foreach (var chunked in new[] { false, true })
        {
            var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"query\":\"{ search(text: \\\"" + new string('a', 1_000_000) + "\\\") { score } }\"}"));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = chunked ? new StreamContent(body) : new ByteArrayContent(body.ToArray()) };
            request.Content.Headers.ContentType = new("application/json");
            using var tooLarge = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains("limit maxRequestBytes = 262144", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        }

        // A client that goes away in the middle of its body (as wrk does when it stops) is not an error of the server.
        // (Before it, Kestrel may have logged that it could not drain the stalled body above: its own line, kept.)
        var before = server.Log.Length;
        using (var leaving = new TcpClient())
        {
            await leaving.ConnectAsync(server.Url.Host, server.Url.Port);
            await leaving.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"POST /graphql HTTP/1.1\r\nHost: {server.Url.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"query\":"));
        }

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        await Task.Delay(500);
        var after = server.Log[before..];
        Assert.True(!after.Contains("fail:", StringComparison.Ordinal), after[Math.Max(0, after.IndexOf("fail:", StringComparison.Ordinal))..]);
        Directory.Delete(folder, recursive: true);
    }
}
