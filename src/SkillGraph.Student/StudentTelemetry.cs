using System.Diagnostics.Metrics;

namespace SkillGraph.Student;

/// <summary>The student's metrics: the work its ONNX runs do (the bound on it per request: docs/operations.md, "Text limits"), and the runs a request's cancellation stopped.</summary>
public static class StudentTelemetry
{
    public const string MeterName = "SkillGraph.Student";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Tokens the sentence encoder ran (padding excluded).</summary>
    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("skillgraph.student.tokens", unit: "{token}", description: "tokens the student's sentence encoder ran");

    /// <summary>Candidate spans the scorer scored.</summary>
    internal static readonly Counter<long> Spans = Meter.CreateCounter<long>("skillgraph.student.spans", unit: "{span}", description: "candidate spans the student's scorer scored");

    /// <summary>ONNX runs that a cancelled request stopped (before they started, or in progress through the terminate flag).</summary>
    internal static readonly Counter<long> CancelledRuns = Meter.CreateCounter<long>("skillgraph.student.cancelled_runs", description: "student ONNX runs stopped because their request was cancelled (the request time limit)");
}
