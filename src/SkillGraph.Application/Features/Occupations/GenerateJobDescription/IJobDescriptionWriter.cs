using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.GenerateJobDescription;

/// <summary>
/// The port of the teacher (Semantic Kernel over the configured provider implements it): a job description for an
/// occupation, grounded in its graph context. The same occupation, seed and provider give the same answer.
/// Throws <see cref="Common.ConceptNotFoundException"/> for an unknown occupation and
/// <see cref="Common.TeacherFailedException"/> when the teacher cannot give a valid answer.
/// </summary>
public interface IJobDescriptionWriter
{
    Task<GeneratedJobDescription> WriteAsync(ConceptUri occupation, int seed, CancellationToken cancellationToken = default);
}

/// <summary>A job description the teacher wrote, with the skills it asks for and who wrote it.</summary>
public sealed record GeneratedJobDescription(
    string OccupationUri,
    string Title,
    string JobDescription,
    IReadOnlyList<GeneratedSkill> Skills,
    TeacherProvenance Teacher,
    bool FromCache);

/// <summary>A skill the job description asks for, and how the occupation holds it (essential or optional).</summary>
public sealed record GeneratedSkill(string Uri, string Label, string Relation);

/// <summary>Which provider and model wrote an answer, and the hash of the prompt it answered.</summary>
public sealed record TeacherProvenance(string Provider, string Model, string PromptHash);
