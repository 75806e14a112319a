using System.Diagnostics;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;

namespace SkillGraph.Server.Student;

/// <summary>
/// Loads the student extractor once, in the background, when it is first asked for (the label index of a new skill
/// catalog takes ≈ 30 s to build for full ESCO, then it is cached beside the store), and serves it to every request.
/// A server that never extracts never pays for it.
/// </summary>
/// <remarks>
/// With <c>Student:BatchAcrossRequests</c> = true, extractions of concurrent requests are batched through one worker
/// (<see cref="ExtractionBatcher"/>): more throughput, answers that vary slightly with batch partners. Off by default.
/// </remarks>
public sealed partial class StudentService(IGraphStore store, SqliteGraphStore embedded, IConfiguration configuration, ILogger<StudentService> logger) : IDisposable
{
    private readonly BackgroundLoad<LoadedStudent> _student = new(() => LoadAsync(store, embedded, logger), "student model");
    private readonly bool _batch = configuration.GetValue("Student:BatchAcrossRequests", false);
    private ExtractionBatcher? _batcher;

    /// <summary>Starts loading if nothing has asked before; completes when the extractor is ready.</summary>
    public Task WhenReady => _student.WhenReady;

    /// <summary>The extractor, or an error saying it is loading (it starts now if nobody asked before) or why it failed.</summary>
    public (SkillExtractor Extractor, ExtractorInfo Info) Get()
    {
        var loaded = _student.Get();
        return (loaded.Extractor, loaded.Info);
    }

    /// <summary>The <paramref name="top"/> skills of a text from the loaded student (batched with concurrent requests when configured).</summary>
    public async Task<IReadOnlyList<SkillMention>> ExtractAsync(string text, int top, CancellationToken cancellationToken)
    {
        var (extractor, _) = Get();
        if (!_batch)
        {
            return extractor.Extract(text, top);
        }

        var batcher = LazyInitializer.EnsureInitialized(ref _batcher, () => new ExtractionBatcher(extractor));
        return await batcher.ExtractAsync(text, top, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _batcher?.Dispose();
        _student.Dispose();
    }

    private static async Task<LoadedStudent> LoadAsync(IGraphStore store, SqliteGraphStore embedded, ILogger logger)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var catalog = await StoreCatalog.LoadAsync(store).ConfigureAwait(false);
            var cache = Path.Combine(Path.GetDirectoryName(embedded.FilePath)!, "student");
            var opened = StudentModels.OpenExtractor(catalog, null, cache, null, StudentModels.ServerThreads, narrowWhenBusy: true);
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

/// <summary>The student is still loading; the request may be retried.</summary>
public sealed class StudentLoadingException(string message) : Exception(message);
