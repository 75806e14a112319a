using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SkillGraph.Teacher.Tests.Support;

/// <summary>One answer of a <see cref="ScriptedHttpServer"/>: a status, perhaps a Retry-After, perhaps late, or a dropped connection.</summary>
public sealed record ScriptedAnswer(HttpStatusCode Status, string? RetryAfter = null, TimeSpan Delay = default, bool DropConnection = false)
{
    public static ScriptedAnswer Ok { get; } = new(HttpStatusCode.OK);

    /// <summary>The connection is reset after the request is read: the client sees a connection error, not a status.</summary>
    public static ScriptedAnswer Dropped { get; } = new(HttpStatusCode.OK, DropConnection: true);

    public static implicit operator ScriptedAnswer(HttpStatusCode status) => new(status);
}

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a TcpListener, one request a connection, <c>Connection: close</c>) that
/// answers in the order of its script (the last answer repeats) and records each request's body.
/// Written on sockets, not HttpListener, so that it can drop a connection the way a failing proxy does.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ScriptedAnswer[] _script;
    private readonly Task _loop;
    private readonly List<string> _bodies = [];
    private int _answered;

    public ScriptedHttpServer(params ScriptedAnswer[] script)
    {
        _script = script.Length > 0 ? script : [ScriptedAnswer.Ok];
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/chat/completions");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>The bodies of the requests, in arrival order.</summary>
    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(socket));
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        using var owned = socket;
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var body = await ReadRequestBodyAsync(stream, _stop.Token);
            lock (_bodies)
            {
                _bodies.Add(body);
            }

            var answer = _script[Math.Min(Interlocked.Increment(ref _answered) - 1, _script.Length - 1)];
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, _stop.Token);
            }

            if (answer.DropConnection)
            {
                socket.LingerState = new LingerOption(true, 0); // close with a reset
                return;
            }

            var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"status":{{(int)answer.Status}}}"""));
            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)answer.Status} {answer.Status}\r\n")
                .Append("Content-Type: application/json\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {payload.Length}\r\n")
                .Append("Connection: close\r\n")
                .Append(answer.RetryAfter is null ? string.Empty : $"Retry-After: {answer.RetryAfter}\r\n")
                .Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
            await stream.WriteAsync(payload, _stop.Token);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client gave up on this request (a per-try timeout), or the server is stopping
        }
    }

    /// <summary>Reads the request line and headers, then Content-Length bytes of body (the tests send no chunked bodies).</summary>
    private static async Task<string> ReadRequestBodyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the client closed the connection before sending a request");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var headers = Encoding.ASCII.GetString([.. received.Take(headerEnd)]).Split("\r\n");
        var length = headers
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = received.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the client closed the connection in the middle of the body");
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.UTF8.GetString([.. body]);
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
