using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Matching.MatchResume;

/// <summary>
/// The port of the resume matcher (the student implements it: extractor + graph facts + an ONNX head): how well a
/// resume matches a job, and why. Thread-safe. While the model loads it throws <see cref="Common.StudentLoadingException"/>.
/// </summary>
public interface IResumeMatcher
{
    ValueTask<ResumeMatch> MatchAsync(string jobDescription, string resume, CancellationToken cancellationToken = default);
}

/// <summary>The matcher's answer for one (job, resume) pair.</summary>
public sealed record ResumeMatch(
    string Model,
    float Score,
    bool Matched,
    IReadOnlyList<CoveredSkill> CoveredSkills,
    IReadOnlyList<ResumeMissingSkill> MissingSkills,
    string Explanation,
    IReadOnlyList<string> SuggestedEdits);

/// <summary>A job skill the resume covers: exactly, or partly through a broader or narrower skill the resume shows (<paramref name="ViaUri"/>).</summary>
/// <param name="ResumeLine">
/// The resume's line that says it (the line holding the resume's mention of the skill, or of <paramref name="ViaUri"/>), trimmed and
/// at most about 200 characters; null when the mention has no span.
/// </param>
public sealed record CoveredSkill(string Uri, string Label, Coverage How, string? ViaUri, string? ViaLabel, string? ResumeLine = null)
{
    /// <summary>The job's other readings of the phrase that asks for this skill ("Agile project management" beside "Agile development") that the resume covers too; this one is the one it covers best.</summary>
    public IReadOnlyList<ConceptRef> Alternatives { get; init; } = [];
}

/// <summary>A job skill the resume does not show, not even through a broader or narrower skill.</summary>
/// <param name="JobLine">The job's line that asks for it (the line holding the job's mention), trimmed and at most about 200 characters; null when the mention has no span.</param>
/// <param name="SuggestedEdit">
/// A resume line to paste for it (the Editor's), or null when the job does not ground one: its words for the skill are no verb
/// phrase and its line does not say every content word of the skill's label.
/// </param>
public sealed record ResumeMissingSkill(string Uri, string Label, string? JobLine = null, string? SuggestedEdit = null)
{
    /// <summary>The job's other readings of the phrase that asks for this skill ("SQL Server" beside "SQL"), none of which the resume shows either.</summary>
    public IReadOnlyList<ConceptRef> Alternatives { get; init; } = [];
}

/// <summary>How a job skill is covered by a resume.</summary>
public enum Coverage
{
    Missing,
    Exact,

    /// <summary>The resume shows a skill one step broader in ESCO's hierarchy.</summary>
    Broader,

    /// <summary>The resume shows a skill one step narrower (more specific) in ESCO's hierarchy.</summary>
    Narrower,
}
