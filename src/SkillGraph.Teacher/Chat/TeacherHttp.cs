using System.Net;
using System.Net.Http.Headers;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// The HttpClient the SK OpenAI and Azure OpenAI connectors get for a real provider: a rate limiter (requests a
/// minute) inside a retry handler (429, 408, 5xx, timeouts and connection errors; exponential backoff with
/// jitter, honouring Retry-After). SK turns off the OpenAI client's own retries when it is given an HttpClient,
/// so these are the only ones.
/// </summary>
public static class TeacherHttp
{
    public static HttpClient CreateClient(TeacherProviderOptions options, HttpMessageHandler? transport = null)
    {
        var handler = new RetryHandler(options.MaxRetries, options.RetryBaseDelay, options.RequestTimeout)
        {
            InnerHandler = new RateLimitHandler(options.RequestsPerMinute) { InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

/// <summary>Spaces request starts at least 60/<c>requestsPerMinute</c> seconds apart (0: no limit).</summary>
public sealed class RateLimitHandler(int requestsPerMinute) : DelegatingHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (requestsPerMinute > 0)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = DateTimeOffset.UtcNow;
                if (_next > now)
                {
                    await Task.Delay(_next - now, cancellationToken).ConfigureAwait(false);
                    now = DateTimeOffset.UtcNow;
                }

                _next = now + TimeSpan.FromMinutes(1.0 / requestsPerMinute);
            }
            finally
            {
                _gate.Release();
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Retries transient failures; each try gets a fresh copy of the request and its own timeout.</summary>
public sealed class RetryHandler(int maxRetries, TimeSpan baseDelay, TimeSpan attemptTimeout) : DelegatingHandler
{
    /// <summary>How many retries this handler has made (for tests and logs).</summary>
    public int Retries => _retries;

    private int _retries;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            using var attemptRequest = Copy(request, body);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(attemptRequest, timeout.Token).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode) || attempt >= maxRetries)
                {
                    if (response.Content is not null)
                    {
                        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return response;
                }
            }
            catch (Exception ex) when (attempt < maxRetries && !cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or IOException)
            {
            }

            var delay = RetryAfter(response) ?? Backoff(attempt);
            response?.Dispose();
            Interlocked.Increment(ref _retries);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jitter = Random.Shared.NextDouble() * baseDelay.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(exponential + jitter, 60_000));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? TimeSpan.FromMilliseconds(Math.Clamp(d.TotalMilliseconds, 0, 60_000)) : null;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }
}
