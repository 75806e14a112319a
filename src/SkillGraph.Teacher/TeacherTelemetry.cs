using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SkillGraph.Teacher;

/// <summary>The teacher's traces and metrics: one activity per model call, counters for calls, cache hits and tokens.</summary>
public static class TeacherTelemetry
{
    public const string Name = "SkillGraph.Teacher";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("skillgraph.teacher.calls", description: "chat completions asked of the teacher model");

    internal static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("skillgraph.teacher.cache_hits", description: "teacher answers served from the prompt cache");

    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("skillgraph.teacher.tokens", unit: "{token}", description: "tokens sent to and received from the teacher model");
}
