using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// The HttpClient of the adapter: one Microsoft.Extensions.Http.Resilience handler whose pipeline is, outermost first,
/// a total timeout, a retry (408, 429, 5xx, timeouts, connection errors; exponential backoff with jitter) and a per-try
/// timeout — the approach of the teacher's client (docs/decisions/0011). Only requests marked retryable are tried again:
/// reads and connectivity checks, never a statement inside an open transaction (the write as a whole is retried instead).
/// </summary>
internal static class Neo4jHttp
{
    /// <summary>Set to false on a request that must not be sent twice.</summary>
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("SkillGraph.Neo4j.Retryable");

    public static HttpClient CreateClient(Neo4jOptions options, HttpMessageHandler? transport = null)
    {
        var handler = new ResilienceHandler(CreatePipeline(options))
        {
            InnerHandler = transport ?? new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = options.ConnectTimeout,
                AutomaticDecompression = DecompressionMethods.All,
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static ResiliencePipeline<HttpResponseMessage> CreatePipeline(Neo4jOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
            };
            var transient = retry.ShouldHandle;
            retry.ShouldHandle = async args =>
                args.Context.GetRequestMessage() is { } request
                && (!request.Options.TryGetValue(Retryable, out var retryable) || retryable)
                && await transient(args).ConfigureAwait(false);
            builder.AddRetry(retry);
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.RequestTimeout });
        return builder.Build();
    }
}
