using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// The HttpClient the SK OpenAI and Azure OpenAI connectors get for a real provider: one
/// Microsoft.Extensions.Http.Resilience handler whose Polly pipeline is, outermost first, a total timeout, a retry
/// (429, 408, 5xx, timeouts and connection errors; exponential backoff with jitter, honouring Retry-After), a rate
/// limiter (requests a minute, counted per try) and a per-try timeout. SK turns off the OpenAI client's own retries
/// when it is given an HttpClient, so these are the only ones. docs/decisions/0011-teacher-http-resilience.md.
/// </summary>
public static class TeacherHttp
{
    /// <summary>No wait between tries is longer than this, whatever the backoff or a Retry-After header asks.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    public static HttpClient CreateClient(TeacherProviderOptions options, HttpMessageHandler? transport = null, ILoggerFactory? loggerFactory = null)
    {
        var limiter = CreateRateLimiter(options.RequestsPerMinute);
        var handler = new RateLimitedResilienceHandler(CreatePipeline(options, limiter, loggerFactory), limiter)
        {
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The pipeline of <see cref="CreateClient"/>; <paramref name="limiter"/> null: no rate limit.</summary>
    private static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TeacherProviderOptions options, RateLimiter? limiter, ILoggerFactory? loggerFactory = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(RetryOptions(options));
        }

        if (limiter is not null)
        {
            builder.AddRateLimiter(limiter);
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.RequestTimeout });
        if (loggerFactory is not null)
        {
            builder.ConfigureTelemetry(loggerFactory);
        }

        return builder.Build();
    }

    /// <summary>
    /// One token every 60/<paramref name="requestsPerMinute"/> seconds, a bucket of one, an unbounded queue: tries
    /// wait for their turn instead of failing; 0 means no limiter.
    /// </summary>
    private static RateLimiter? CreateRateLimiter(int requestsPerMinute) => requestsPerMinute <= 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / requestsPerMinute),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private static HttpRetryStrategyOptions RetryOptions(TeacherProviderOptions options)
    {
        // HttpRetryStrategyOptions handles 408, 429, 5xx, HttpRequestException and the per-try timeout, and reads
        // Retry-After (ShouldRetryAfterHeader). Polly's MaxDelay caps only the backoff, so Retry-After is capped here.
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = MaxRetryDelay,
        };
        var retryAfter = retry.DelayGenerator!;
        retry.DelayGenerator = async args =>
        {
            var delay = await retryAfter(args).ConfigureAwait(false);
            return delay > MaxRetryDelay ? MaxRetryDelay : delay;
        };
        return retry;
    }

    /// <summary>The library's handler, which also disposes the rate limiter it was built with.</summary>
    private sealed class RateLimitedResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, RateLimiter? limiter) : ResilienceHandler(pipeline)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                limiter?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
