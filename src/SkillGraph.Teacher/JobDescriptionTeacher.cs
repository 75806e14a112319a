using Mediator;
using Microsoft.Extensions.Logging;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher;

/// <summary>
/// The app-facing teacher (a GraphQL field calls it): one job description for an occupation, through the same
/// context handler, prompt, validation and cache as <see cref="TeachingRun"/>. Thread-safe; build the kernel once.
/// </summary>
public sealed class JobDescriptionTeacher(IMediator mediator, IGraphStore graph, TeacherProviderOptions provider, string? cacheDirectory = null, ILoggerFactory? loggerFactory = null) : IJobDescriptionWriter, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TeacherKernel? _kernel;

    /// <summary>
    /// Writes a job description for <paramref name="occupation"/>; the same occupation, seed and provider give the
    /// same answer (from the cache, after the first time). Throws <c>ConceptNotFoundException</c> for an unknown
    /// occupation and <see cref="TeacherFailedException"/> when the answer fails validation on every try.
    /// </summary>
    public async Task<GeneratedJobDescription> GenerateJobDescriptionAsync(ConceptUri occupation, int seed = 0, int maxNodes = 60, CancellationToken cancellationToken = default)
    {
        var kernel = await KernelAsync(cancellationToken).ConfigureAwait(false);
        var worker = new OccupationTeacher(mediator, kernel, seed, maxNodes, maxAttempts: 3, sentenceCount: 0, TeachOptions.DefaultCreatedAt);
        var context = await worker.ContextAsync(occupation, cancellationToken).ConfigureAwait(false);
        var bySkill = context.Skills.ToDictionary(s => s.Uri, StringComparer.Ordinal);
        var hitsBefore = kernel.Usage.CacheHits;
        var input = new TeachingInput { Task = TeachingTasks.JobDescription, Seed = seed, Occupation = context.Occupation, Skills = context.Skills };
        var (job, errors) = await worker.AskAsync<JobDescriptionAnswer>(PromptLibrary.JobDescription, input, a => OccupationTeacher.ValidateJob(a, bySkill), cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            throw new TeacherFailedException($"the teacher's job description for {occupation} failed validation: {string.Join("; ", errors)}");
        }

        var skills = OccupationTeacher.Resolve(job.Answer.Skills!, bySkill).Select(u => new GeneratedSkill(u, bySkill[u].Label, bySkill[u].Relation)).ToList();
        return new GeneratedJobDescription(
            occupation.Value,
            job.Answer.Title ?? context.Occupation.Label,
            job.Answer.JobDescription!.Trim(),
            skills,
            new TeacherProvenance(kernel.Provider.ProviderName, kernel.Provider.ModelName, "sha256:" + job.PromptHash),
            kernel.Usage.CacheHits > hitsBefore);
    }

    Task<GeneratedJobDescription> IJobDescriptionWriter.WriteAsync(ConceptUri occupation, int seed, CancellationToken cancellationToken) =>
        GenerateJobDescriptionAsync(occupation, seed, cancellationToken: cancellationToken);

    public void Dispose()
    {
        _kernel?.Dispose();
        _gate.Dispose();
    }

    private async Task<TeacherKernel> KernelAsync(CancellationToken cancellationToken)
    {
        if (_kernel is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _kernel ??= await TeacherKernel.CreateAsync(provider, graph, cacheDirectory, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
