using System.Diagnostics;
using SkillGraph.Application.Behaviors;

namespace SkillGraph.Server.Tests.Schema;

/// <summary>
/// Records, while it lives, every activity started on the application's source (one per Mediator request), the
/// server's and ASP.NET Core's, by trace: a request sent with its own <c>traceparent</c> finds exactly its own.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    public const string AspNetCore = "Microsoft.AspNetCore";

    private readonly List<(ActivityTraceId Trace, string Source, string Name)> _started = [];
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ApplicationTelemetry.Name or Telemetry.SourceName or AspNetCore,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                lock (_started)
                {
                    _started.Add((activity.TraceId, activity.Source.Name, activity.OperationName));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The activities of one trace, in the order they started, as (source, name).</summary>
    public List<(string Source, string Name)> Of(ActivityTraceId trace)
    {
        lock (_started)
        {
            return [.. _started.Where(a => a.Trace == trace).Select(a => (a.Source, a.Name))];
        }
    }

    public void Dispose() => _listener.Dispose();
}
