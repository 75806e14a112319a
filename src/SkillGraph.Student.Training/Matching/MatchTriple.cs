using System.Text.Json;
using SkillGraph.Formats;

namespace SkillGraph.Student.Matching;

/// <summary>
/// What the matcher learns from one teacher record: a job, a resume that matches it and one that does not (the
/// teacher removed <see cref="RemovedSkills"/> and shortened the experience).
/// </summary>
public sealed record MatchTriple(string Id, string OccupationUri, string JobDescription, string ResumeMatched, string ResumeUnmatched, IReadOnlyList<string> RemovedSkills)
{
    /// <summary>Where the triple came from (the records file's name, or "across styles"), for per-source figures.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Reads teacher records (JSONL, DESIGN.md's record format); other fields are ignored.</summary>
    /// <exception cref="FormatException">a line is not a teacher record; the message names the file and line.</exception>
    public static IReadOnlyList<MatchTriple> ReadJsonl(string path) =>
        JsonLines.Read(path, line => new MatchTriple(
            line.String("id"),
            line.String("occupationUri"),
            line.String("jobDescription"),
            line.String("resumeMatched"),
            line.String("resumeUnmatched"),
            line.Root.TryGetProperty("removedSkills", out var removed) && removed.ValueKind == JsonValueKind.Array ? line.Strings("removedSkills") : [])
        {
            Source = Path.GetFileName(path),
            Occupations = line.Root.TryGetProperty("occupations", out var accepted) && accepted.ValueKind == JsonValueKind.Array ? line.Strings("occupations") : [],
            Skills = line.Root.TryGetProperty("skills", out var skills) && skills.ValueKind == JsonValueKind.Array ? line.Strings("skills") : [],
        });

    /// <summary>
    /// The skills the teacher wrote the job and the matched resume about (a record's <c>skills</c>), <see cref="RemovedSkills"/>
    /// among them; empty where the record names none (the hand-written pairs).
    /// </summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>
    /// The graph's occupations the job is one of, where <see cref="OccupationUri"/> names none (the hand-written pairs': mapped to ESCO
    /// by hand, any of them a right answer); empty for teacher records, whose <see cref="OccupationUri"/> is the occupation.
    /// </summary>
    public IReadOnlyList<string> Occupations { get; init; } = [];

    /// <summary>The occupations that are a right suggestion for this job: <see cref="Occupations"/>, else <see cref="OccupationUri"/> when it is a graph URI.</summary>
    public IReadOnlyList<string> RightOccupations =>
        Occupations.Count > 0 ? Occupations : OccupationUri.StartsWith("http", StringComparison.Ordinal) ? [OccupationUri] : [];

    /// <summary>
    /// Triples across writing styles: for an occupation that two sources (e.g. the offline and the replay teacher) both wrote
    /// about, the job of one with the matched and unmatched resumes of the other. The resumes were not written for that job, so
    /// the pair teaches what holds when the two texts are written differently; the unmatched one still lacks what was filtered
    /// out of it. Seeded by nothing: every such occupation gives one triple each way.
    /// </summary>
    public static IReadOnlyList<MatchTriple> AcrossSources(IReadOnlyList<IReadOnlyList<MatchTriple>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var result = new List<MatchTriple>();
        for (var a = 0; a < sources.Count; a++)
        {
            for (var b = 0; b < sources.Count; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var other = sources[b].GroupBy(t => t.OccupationUri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var job in sources[a])
                {
                    if (other.TryGetValue(job.OccupationUri, out var resumes))
                    {
                        result.Add(resumes with { Id = $"{job.Id}~{resumes.Id}", JobDescription = job.JobDescription, Source = MatcherTrainer.AcrossStyles });
                    }
                }
            }
        }

        return result;
    }
}
