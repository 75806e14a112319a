using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Graph;

namespace SkillGraph.Student.Serving;

/// <summary>
/// The student's <see cref="ISkillExtractor"/> for a long-running host: loaded once, in the background, when first asked
/// for (the label index of a new skill catalog takes ≈ 30 s to build for full ESCO, then it is cached), and shared by
/// every request; until then requests get <c>STUDENT_LOADING</c>. A host that never extracts never pays for it.
/// With <see cref="StudentOptions.BatchAcrossRequests"/>, concurrent requests share encoder runs (<see cref="ExtractionBatcher"/>).
/// </summary>
public sealed partial class StudentSkillExtractor(IGraphStore store, IOptions<StudentOptions> options, ILogger<StudentSkillExtractor> logger) : ISkillExtractor, IDisposable
{
    private readonly BackgroundLoad<LoadedStudent> _student = new(() => LoadAsync(store, options.Value, logger), "student model");
    private ExtractionBatcher? _batcher;

    /// <summary>Starts loading if nothing has asked before; completes when the extractor is ready.</summary>
    public Task WhenReady => _student.WhenReady;

    /// <summary>The loaded extractor, or an error saying it is loading (it starts now if nobody asked before) or why it failed.</summary>
    public (SkillExtractor Extractor, ExtractorInfo Info) Get()
    {
        var loaded = _student.Get();
        return (loaded.Extractor, loaded.Info);
    }

    public async ValueTask<SkillExtraction> ExtractAsync(string text, int first, CancellationToken cancellationToken = default)
    {
        var (extractor, info) = Get();
        if (!options.Value.BatchAcrossRequests)
        {
            return new SkillExtraction(info.Version, extractor.Extract(text, first));
        }

        var batcher = LazyInitializer.EnsureInitialized(ref _batcher, () => new ExtractionBatcher(extractor));
        return new SkillExtraction(info.Version, await batcher.ExtractAsync(text, first, cancellationToken).ConfigureAwait(false));
    }

    public void Dispose()
    {
        _batcher?.Dispose();
        _student.Dispose();
    }

    private static async Task<LoadedStudent> LoadAsync(IGraphStore store, StudentOptions options, ILogger logger)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var catalog = await StoreCatalog.LoadAsync(store).ConfigureAwait(false);
            var modelPath = string.IsNullOrEmpty(options.ModelPath) ? null : options.ModelPath;
            var opened = StudentModels.OpenExtractor(catalog, modelPath, options.CacheDirectory, null, StudentModels.ServerThreads, narrowWhenBusy: true);
            LogReady(logger, opened.Info.Version, opened.Info.Kind, catalog.Count, started.Elapsed.TotalSeconds);
            return new LoadedStudent(opened.Extractor, opened.Info);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            throw;
        }
    }

    private sealed record LoadedStudent(SkillExtractor Extractor, ExtractorInfo Info) : IDisposable
    {
        public void Dispose() => Extractor.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Student {Version} ({Kind}) ready over {Skills} skills after {Seconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string version, string kind, int skills, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The student model could not be loaded")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
