using System.Text.Json.Serialization;

namespace SkillGraph.Teacher.Records;

/// <summary>
/// What a prompt gives the model as its <c>### INPUT</c> JSON block: the task, the seed and the graph context,
/// plus the task's own fields. The offline and replay teachers read this block back, so every prompt is
/// machine-readable as well as readable.
/// </summary>
public sealed record TeachingInput
{
    public required string Task { get; init; }

    public required int Seed { get; init; }

    public required ContextOccupation Occupation { get; init; }

    public required IReadOnlyList<ContextSkillEntry> Skills { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? JobDescription { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? RequiredSkills { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? RemovedSkills { get; init; }

    /// <summary>Years of experience the job ad asks for (at least); absent: it asks for no number of years.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RequiredYears { get; init; }

    /// <summary>Years of experience the matched resume states; absent: it states none, and neither does the unmatched one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MatchedYears { get; init; }

    /// <summary>Years the unmatched resume states: the same as <see cref="MatchedYears"/> (kept) or fewer (shortened).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? UnmatchedYears { get; init; }

    /// <summary>Whether the unmatched resume also leaves out one whole experience entry of the matched one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RemoveExperience { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }
}

/// <summary>The answers the prompts ask for.</summary>
public sealed record JobDescriptionAnswer(string? Title, string? JobDescription, IReadOnlyList<string>? Skills);

/// <summary>
/// The two resumes: the unmatched one is the matched one with information filtered out; <see cref="RemovedExperiences"/>
/// holds the text of the experience lines it left out (empty when none).
/// </summary>
public sealed record ResumesAnswer(string? ResumeMatched, IReadOnlyList<string>? MatchedSkills, int? MatchedYears, string? ResumeUnmatched, IReadOnlyList<string>? UnmatchedSkills, int? UnmatchedYears, IReadOnlyList<string>? RemovedExperiences = null);

public sealed record SentencesAnswer(IReadOnlyList<SentenceAnswer>? Sentences);

public sealed record SentenceAnswer(string? Text, IReadOnlyList<string>? Skills);

/// <summary>The task names of the prompts (the <c>task</c> field of the input block).</summary>
public static class TeachingTasks
{
    public const string JobDescription = "job-description";
    public const string Resumes = "resumes";
    public const string Sentences = "sentences";
}
