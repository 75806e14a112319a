using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;

namespace SkillGraph.Application.Common;

/// <summary>
/// What a port resolves to in a host that did not plug an adapter in (a CLI verb that loads no student, a test host of
/// the graph walks): every call is refused with <c>MODEL_UNAVAILABLE</c> naming what is missing, so the other slices run.
/// </summary>
internal sealed class MissingPorts : ISkillExtractor, IResumeMatcher, IJobDescriptionWriter
{
    public ValueTask<SkillExtraction> ExtractAsync(string text, int first, CancellationToken cancellationToken = default) =>
        throw Missing("skill extractor (the student)");

    public ValueTask<ResumeMatch> MatchAsync(string jobDescription, string resume, CancellationToken cancellationToken = default) =>
        throw Missing("resume matcher (the student)");

    public Task<GeneratedJobDescription> WriteAsync(ConceptUri occupation, int seed, CancellationToken cancellationToken = default) =>
        throw Missing("job-description writer (the teacher)");

    private static ModelUnavailableException Missing(string what) => new($"this host has no {what}: it was not configured.");
}
