namespace SkillGraph.Student.Serving;

/// <summary>
/// What the student did to follow one graph change: skills it now answers with under new labels or for the first time
/// (<paramref name="Changed"/>), skills it no longer answers with (<paramref name="Removed"/>), how many labels it embedded
/// for them, and how long it took (read, embed, rebuild the scorer, swap).
/// </summary>
public sealed record StudentFollow(int Changed, int Removed, int LabelsEmbedded, TimeSpan Elapsed);
