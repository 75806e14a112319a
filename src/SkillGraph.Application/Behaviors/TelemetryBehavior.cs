using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace SkillGraph.Application.Behaviors;

/// <summary>The application's ActivitySource and Meter ("SkillGraph.Application").</summary>
public static class ApplicationTelemetry
{
    public const string Name = "SkillGraph.Application";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("skillgraph.request.duration", "ms", "Time a Mediator request took.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("skillgraph.request.failures", description: "Mediator requests that threw.");
}

/// <summary>Options of <see cref="TelemetryBehavior{TMessage,TResponse}"/>.</summary>
public sealed class RequestTimingOptions
{
    /// <summary>A request slower than this is logged as a warning.</summary>
    public TimeSpan WarnAbove { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// Wraps every request in an Activity, records its duration and failures on the Meter, logs it at debug level,
/// and warns when it takes longer than <see cref="RequestTimingOptions.WarnAbove"/>.
/// </summary>
public sealed partial class TelemetryBehavior<TMessage, TResponse>(ILogger<TelemetryBehavior<TMessage, TResponse>> logger, RequestTimingOptions options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = ApplicationTelemetry.ActivitySource.StartActivity(RequestName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            ApplicationTelemetry.Duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("request", RequestName));
            if (elapsed > options.WarnAbove)
            {
                LogSlow(logger, RequestName, elapsed.TotalMilliseconds, options.WarnAbove.TotalMilliseconds);
            }
            else
            {
                LogDone(logger, RequestName, elapsed.TotalMilliseconds);
            }

            return response;
        }
        catch (Exception ex)
        {
            ApplicationTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("request", RequestName), new KeyValuePair<string, object?>("error", ex.GetType().Name));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogFailed(logger, RequestName, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} took {ElapsedMs:0.000} ms")]
    private static partial void LogDone(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} took {ElapsedMs:0.0} ms, over the {BudgetMs:0} ms budget")]
    private static partial void LogSlow(ILogger logger, string request, double elapsedMs, double budgetMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string request, string error);
}
