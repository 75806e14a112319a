using SkillGraph.Application.Features.Matching.MatchResume;

namespace SkillGraph.Tests.Features.Small;

/// <summary>An <see cref="IResumeMatcher"/> that records what it was asked and answers a fixed, empty match.</summary>
public sealed class RecordingResumeMatcher : IResumeMatcher
{
    public List<(string JobDescription, string Resume)> Calls { get; } = [];

    public ValueTask<ResumeMatch> MatchAsync(string jobDescription, string resume, CancellationToken cancellationToken = default)
    {
        Calls.Add((jobDescription, resume));
        return ValueTask.FromResult(new ResumeMatch("recording-matcher", 0.5f, false, [], [], "no skills compared", []));
    }
}
