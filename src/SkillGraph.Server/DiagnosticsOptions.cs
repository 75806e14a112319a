namespace SkillGraph.Server;

/// <summary>Section <c>Diagnostics</c>: <c>Diagnostics:RuntimeStatsEvery</c> (e.g. <c>00:01:00</c>) turns the runtime log on.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>How often to log the runtime's figures; unset (the default): never.</summary>
    public TimeSpan? RuntimeStatsEvery { get; set; }
}
