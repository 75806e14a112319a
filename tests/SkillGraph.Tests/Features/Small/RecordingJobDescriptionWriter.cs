using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Domain;

namespace SkillGraph.Tests.Features.Small;

/// <summary>An <see cref="IJobDescriptionWriter"/> that records what it was asked and writes a one-line job description.</summary>
public sealed class RecordingJobDescriptionWriter : IJobDescriptionWriter
{
    public List<(ConceptUri Occupation, int Seed)> Calls { get; } = [];

    public Task<GeneratedJobDescription> WriteAsync(ConceptUri occupation, int seed, CancellationToken cancellationToken = default)
    {
        Calls.Add((occupation, seed));
        return Task.FromResult(new GeneratedJobDescription(occupation.Value, "A title", "A job description.", [], new TeacherProvenance("recording", "none", "0"), false));
    }
}
