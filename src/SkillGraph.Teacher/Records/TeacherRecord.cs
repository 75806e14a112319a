using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;

namespace SkillGraph.Teacher.Records;

/// <summary>
/// One teacher record (DESIGN.md contract): a job description for an occupation, a resume that matches it, one
/// that does not, the skills, and provenance. The unmatched resume is the matched one with a random subset of its
/// information filtered out (the RJDB recipe): <see cref="RemovedSkills"/> under all their labels, sometimes whole
/// experience lines (<see cref="RemovedExperiences"/>, their text in the matched resume), sometimes years
/// (<see cref="MatchedYears"/> → <see cref="UnmatchedYears"/>; equal in about half the records, null when the
/// resumes state none). The last three are null in records written before the resumes.v2 prompt.
/// </summary>
public sealed record TeacherRecord(
    string Id,
    string OccupationUri,
    TeachingContext Context,
    string JobDescription,
    string ResumeMatched,
    string ResumeUnmatched,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> RemovedSkills,
    IReadOnlyList<string>? RemovedExperiences,
    int? MatchedYears,
    int? UnmatchedYears,
    TeacherProvenance Teacher,
    DateTimeOffset CreatedAt);


/// <summary>A job-ad sentence labelled with the ESCO skills it expresses (for the extractor).</summary>
public sealed record SentenceRecord(string Id, string Text, IReadOnlyList<string> Skills);

/// <summary>An occupation (or a part of its work) the teacher could not do, and why.</summary>
public sealed record RejectionRecord(string Id, string OccupationUri, string Task, string Reason, IReadOnlyList<string> Errors);

/// <summary>
/// The graph context of a record, machine-readable: what the teacher saw in the prompt, and what the dataset
/// check needs to find label leakage without the graph.
/// </summary>
public sealed record TeachingContext(
    ContextOccupation Occupation,
    IReadOnlyList<ContextSkillEntry> Skills,
    int MaxNodes,
    int Seed,
    bool Truncated);

public sealed record ContextOccupation(string Uri, string Label, string? Code, string? Description, IReadOnlyList<string> AltLabels, IReadOnlyList<string> Hierarchy);

public sealed record ContextSkillEntry(
    string Uri,
    string Label,
    string Relation,
    string? Type,
    IReadOnlyList<string> AltLabels,
    string? Description,
    IReadOnlyList<string> Groups);

/// <summary>The one JSON shape of every file the teacher writes: camelCase, one line, no indentation.</summary>
public static class TeacherJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Line<T>(T value) => JsonSerializer.Serialize(value, Options);
}
