using System.Diagnostics;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;

namespace SkillGraph.Server.Student;

/// <summary>
/// Loads the student extractor once, in the background at start (the label index of a new skill catalog takes
/// ≈ 30 s to build for full ESCO, then it is cached beside the store), and serves it to every request.
/// </summary>
public sealed partial class StudentService(IGraphStore store, SqliteGraphStore embedded, ILogger<StudentService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<(SkillExtractor Extractor, ExtractorInfo Info)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _since = Stopwatch.StartNew();

    /// <summary>The extractor, or an error saying it is still loading (or why it failed).</summary>
    public (SkillExtractor Extractor, ExtractorInfo Info) Get()
    {
        if (_ready.Task.IsCompletedSuccessfully)
        {
            return _ready.Task.Result;
        }

        if (_ready.Task.IsFaulted)
        {
            throw new InvalidOperationException($"the student model could not be loaded: {_ready.Task.Exception!.InnerException!.Message}");
        }

        throw new StudentLoadingException($"the student model is still loading ({_since.Elapsed.TotalSeconds:0} s so far; a new skill catalog takes about 30 s once); try again shortly.");
    }

    public Task WhenReady => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var uris = (await store.ListConceptsAsync(new ConceptFilter(Domain.ConceptKind.Skill), PageRequest.All, stoppingToken).ConfigureAwait(false)).Items;
            var concepts = await store.GetConceptsAsync(uris, stoppingToken).ConfigureAwait(false);
            var catalog = new SkillCatalog(concepts.Select(c => new SkillEntry(c!.Uri.Value, c.PreferredLabel, [.. c.AltLabels()])));
            var cache = Path.Combine(Path.GetDirectoryName(embedded.FilePath)!, "student");
            var opened = StudentModels.OpenExtractor(catalog, null, cache);
            LogReady(logger, opened.Info.Version, opened.Info.Kind, catalog.Count, _since.Elapsed.TotalSeconds);
            _ready.SetResult(opened);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
            _ready.SetException(ex);
        }
    }

    public override void Dispose()
    {
        if (_ready.Task.IsCompletedSuccessfully)
        {
            _ready.Task.Result.Extractor.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Student {Version} ({Kind}) ready over {Skills} skills after {Seconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string version, string kind, int skills, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The student model could not be loaded")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>The student is still loading; the request may be retried.</summary>
public sealed class StudentLoadingException(string message) : Exception(message);
