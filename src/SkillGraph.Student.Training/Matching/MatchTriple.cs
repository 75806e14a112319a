using System.Text.Json;
using SkillGraph.Formats;

namespace SkillGraph.Student.Matching;

/// <summary>
/// What the matcher learns from one teacher record: a job, a resume that matches it and one that does not (the
/// teacher removed <see cref="RemovedSkills"/> and shortened the experience).
/// </summary>
public sealed record MatchTriple(string Id, string OccupationUri, string JobDescription, string ResumeMatched, string ResumeUnmatched, IReadOnlyList<string> RemovedSkills)
{
    /// <summary>Reads teacher records (JSONL, DESIGN.md's record format); other fields are ignored.</summary>
    /// <exception cref="FormatException">a line is not a teacher record; the message names the file and line.</exception>
    public static IReadOnlyList<MatchTriple> ReadJsonl(string path) =>
        JsonLines.Read(path, line => new MatchTriple(
            line.String("id"),
            line.String("occupationUri"),
            line.String("jobDescription"),
            line.String("resumeMatched"),
            line.String("resumeUnmatched"),
            line.Root.TryGetProperty("removedSkills", out var removed) && removed.ValueKind == JsonValueKind.Array ? line.Strings("removedSkills") : []));
}
