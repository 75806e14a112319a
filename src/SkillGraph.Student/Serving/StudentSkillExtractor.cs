using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Student.Serving;

/// <summary>
/// The student's <see cref="ISkillExtractor"/> for a long-running host: loaded once, in the background, when first asked
/// for (the label index of a new skill catalog takes ≈ 30 s to build for full ESCO, then it is cached), and shared by
/// every request; until then requests get <c>STUDENT_LOADING</c>. A host that never extracts never pays for it.
/// With <see cref="StudentOptions.BatchAcrossRequests"/>, concurrent requests share encoder runs (<see cref="ExtractionBatcher"/>).
/// It follows the graph (<see cref="FollowAsync"/>): a skill created or relabelled by a steward is extractable when the
/// change answers, a deprecated one no longer is.
/// </summary>
public sealed partial class StudentSkillExtractor(IGraphStore store, IOptions<StudentOptions> options, ILogger<StudentSkillExtractor> logger) : ISkillExtractor, IDisposable
{
    private readonly BackgroundLoad<FollowingStudent> _student = new(() => LoadAsync(store, options.Value, logger), "student model");
    private readonly HashSet<ConceptUri> _pending = [];
    private readonly SemaphoreSlim _following = new(1, 1);
    private ExtractionBatcher? _batcher;

    /// <summary>Starts loading if nothing has asked before; completes when the extractor is ready.</summary>
    public Task WhenReady => _student.WhenReady;

    /// <summary>The loaded extractor, or an error saying it is loading (it starts now if nobody asked before) or why it failed.</summary>
    public (SkillExtractor Extractor, ExtractorInfo Info) Get()
    {
        var loaded = _student.Get();
        return (loaded.Extractor, loaded.Info);
    }

    /// <summary>What the last change the student followed took (null before the first).</summary>
    public StudentFollow? LastFollow { get; private set; }

    /// <summary>
    /// Follows a committed change of <paramref name="concepts"/>: the extractor answers as the store holds them now (only
    /// their new labels embedded) before this completes. A student not asked for yet needs nothing (its load reads the graph
    /// after the change); one still loading follows the change as soon as it is loaded. Null when nothing was followed now.
    /// The change is committed, so following it is not cancelled with the request that made it.
    /// </summary>
    public async ValueTask<StudentFollow?> FollowAsync(IReadOnlyList<ConceptUri> concepts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        if (!_student.Started)
        {
            return null;
        }

        lock (_pending)
        {
            _pending.UnionWith(concepts);
        }

        if (_student.Loaded is null)
        {
            // loading: its catalog may have been read before this change, so follow the change once it is loaded
            _ = FollowWhenLoadedAsync();
            return null;
        }

        return await FollowPendingAsync().ConfigureAwait(false);
    }

    public async ValueTask<SkillExtraction> ExtractAsync(string text, int first, CancellationToken cancellationToken = default)
    {
        var (extractor, info) = Get();
        if (!options.Value.BatchAcrossRequests)
        {
            return new SkillExtraction(info.Version, extractor.Extract(text, first, cancellationToken));
        }

        var batcher = LazyInitializer.EnsureInitialized(ref _batcher, () => new ExtractionBatcher(extractor));
        return new SkillExtraction(info.Version, await batcher.ExtractAsync(text, first, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Several texts with shared encoder runs (<see cref="SkillExtractor.ExtractMany"/>); they are one request's already, so never batched with others.</summary>
    public ValueTask<IReadOnlyList<SkillExtraction>> ExtractEachAsync(IReadOnlyList<string> texts, int first, CancellationToken cancellationToken = default)
    {
        var (extractor, info) = Get();
        return ValueTask.FromResult<IReadOnlyList<SkillExtraction>>([.. extractor.ExtractMany(texts, first, cancellationToken).Select(m => new SkillExtraction(info.Version, m))]);
    }

    public void Dispose()
    {
        _batcher?.Dispose();
        _student.Dispose();
        _following.Dispose();
    }

    private async Task FollowWhenLoadedAsync()
    {
        try
        {
            await _student.WhenReady.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // a failed load is logged, and says why to every request
        }

        try
        {
            await FollowPendingAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFollowFailed(logger, ex); // it stays waiting for the next change
        }
    }

    /// <summary>Follows every change waiting, one follow at a time; what fails stays waiting for the next change.</summary>
    private async ValueTask<StudentFollow?> FollowPendingAsync()
    {
        await _following.WaitAsync().ConfigureAwait(false);
        List<ConceptUri> concepts;
        try
        {
            lock (_pending)
            {
                concepts = [.. _pending];
                _pending.Clear();
            }

            if (concepts.Count == 0 || _student.Loaded is not { } student)
            {
                return null;
            }

            try
            {
                var followed = await student.FollowAsync(concepts, store, CancellationToken.None).ConfigureAwait(false);
                LastFollow = followed ?? LastFollow;
                return followed;
            }
            catch
            {
                lock (_pending)
                {
                    _pending.UnionWith(concepts);
                }

                throw;
            }
        }
        finally
        {
            _following.Release();
        }
    }

    private static async Task<FollowingStudent> LoadAsync(IGraphStore store, StudentOptions options, ILogger logger)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var catalog = await StoreCatalog.LoadAsync(store).ConfigureAwait(false);
            var modelPath = string.IsNullOrEmpty(options.ModelPath) ? null : options.ModelPath;
            var opened = StudentModels.OpenStudent(catalog, modelPath, options.CacheDirectory, null, StudentModels.ServerThreads, narrowWhenBusy: true);
            opened.Extractor.SpanExtent = options.SpanExtent;
            if (options.GraphRerank is { Active: true } graph)
            {
                opened.Extractor.UseGraph(new GraphReranking(await SkillGraphPrior.LoadAsync(store).ConfigureAwait(false), graph));
            }

            LogReady(logger, opened.Info.Version, opened.Info.Kind, catalog.Count, started.Elapsed.TotalSeconds);
            return new FollowingStudent(opened, options.CacheDirectory, logger);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Student {Version} ({Kind}) ready over {Skills} skills after {Seconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string version, string kind, int skills, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The student could not follow a graph change made while it loaded; the next change retries it")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The student model could not be loaded")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
