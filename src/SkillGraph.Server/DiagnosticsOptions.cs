namespace SkillGraph.Server;

/// <summary>
/// Section <c>Diagnostics</c>: <c>Diagnostics:RuntimeStatsEvery</c> (e.g. <c>00:01:00</c>) turns the runtime log on;
/// <c>Diagnostics:ServerTiming</c> adds a <c>Server-Timing: app;dur=…</c> header to every answer.
/// </summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>How often to log the runtime's figures; unset (the default): never.</summary>
    public TimeSpan? RuntimeStatsEvery { get; set; }

    /// <summary>
    /// Add <c>Server-Timing: app;dur=MS</c> (milliseconds from the request's arrival to its answer's start) to every answer,
    /// so that a client can tell the server's time from its own (bench/fuzz.sh). Off by default: timings help an attacker
    /// tell cases apart.
    /// </summary>
    public bool ServerTiming { get; set; }
}
