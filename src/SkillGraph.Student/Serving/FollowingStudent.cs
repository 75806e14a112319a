using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Student.Serving;

/// <summary>
/// The loaded student of a long-running host, following the graph: for the skills a change touched it embeds only the
/// labels its index does not hold yet (<see cref="SkillIndex.Follow"/>), rebuilds the scorer from the cached vectors and
/// swaps catalog and scorer as one reference (<see cref="SkillExtractor.Follow"/>). The label cache follows in the
/// background: the new index is written under the new catalog's name, then the file of the catalog it replaced is deleted,
/// so that a restart finds the store's current catalog cached (a process stopped before the write re-embeds at its next start).
/// One change at a time: the caller serialises <see cref="FollowAsync"/>.
/// </summary>
internal sealed partial class FollowingStudent(OpenedStudent opened, string cacheDirectory, ILogger logger) : IDisposable
{
    /// <summary>How long the cache waits after a change before it is written (≈ 76 MB for full ESCO: 99k label vectors in half precision).</summary>
    private static readonly TimeSpan CacheWriteDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _cacheLock = new();
    private State _state = new(opened.Index, opened.Info);
    private string? _cachedPath = opened.Index is null ? null : opened.Info.IndexPath;
    private bool _cacheDirty;
    private Task _cacheWrite = Task.CompletedTask;
    private bool _warnedCannotFollow;
    private bool _graphDirty;
    private Task _graphRead = Task.CompletedTask;

    public SkillExtractor Extractor => opened.Extractor;

    public ExtractorInfo Info => Volatile.Read(ref _state).Info;

    /// <summary>Makes the extractor answer as the store's concepts <paramref name="concepts"/> are now; null when that changes nothing it answers.</summary>
    public async Task<StudentFollow?> FollowAsync(IReadOnlyList<ConceptUri> concepts, IGraphStore store, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        ReadGraphInBackground(store);
        var state = _state;
        if (state.Index is null)
        {
            if (!_warnedCannotFollow)
            {
                _warnedCannotFollow = true;
                LogCannotFollow(logger, state.Info.Source);
            }

            return null;
        }

        var read = await store.GetConceptsAsync(concepts, cancellationToken).ConfigureAwait(false);
        var before = Extractor.Catalog;
        var upserts = new List<SkillEntry>();
        var removed = new List<string>();
        for (var i = 0; i < concepts.Count; i++)
        {
            var at = before.IndexOfUri(concepts[i].Value);
            if (StoreCatalog.Extractable(read[i]))
            {
                var entry = StoreCatalog.Entry(read[i]!, before.OccupationLabels);
                if (at < 0 || !SameLabels(before[at], entry))
                {
                    upserts.Add(entry);
                }
            }
            else if (at >= 0)
            {
                removed.Add(concepts[i].Value);
            }
        }

        if (upserts.Count == 0 && removed.Count == 0)
        {
            return null; // e.g. a relation added, a description fixed
        }

        var after = before.With(upserts, removed);
        var embedded = 0;
        var index = state.Index.Follow(before, after, labels =>
        {
            embedded += labels.Count;
            return Extractor.Encoder.Encoder.Embed(labels, 64);
        });
        var scorer = StudentModels.BuildScorer(opened.Heads, index, after, opened.IntraOpThreads, opened.NarrowWhenBusy);
        try
        {
            Extractor.Follow(after, scorer);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }

        Volatile.Write(ref _state, new State(index, StudentModels.Info(opened.Heads, state.Info.Source, after, StudentModels.IndexPath(after, cacheDirectory))));
        WriteCacheInBackground();
        var followed = new StudentFollow(upserts.Count, removed.Count, embedded, started.Elapsed);
        LogFollowed(logger, followed.Changed, followed.Removed, followed.LabelsEmbedded, followed.Elapsed.TotalMilliseconds);
        return followed;
    }

    /// <summary>Completes when the graph re-ranking reads the graph as it was after the last change followed (at once when it is off).</summary>
    public Task WhenGraphRead
    {
        get
        {
            lock (_cacheLock)
            {
                return _graphRead;
            }
        }
    }

    public void Dispose()
    {
        Task writing;
        Task reading;
        lock (_cacheLock)
        {
            writing = _cacheWrite;
            reading = _graphRead;
        }

        writing.Wait(TimeSpan.FromSeconds(30));
        reading.Wait(TimeSpan.FromSeconds(30));
        Extractor.Dispose();
    }

    /// <summary>
    /// The graph re-ranking's snapshot (occupation listings, hierarchy) read again after any change — a relation as much as a
    /// label — in the background, one second after it, so the change answers as fast as before and a burst of changes reads
    /// the whole graph once or twice, not once per change.
    /// </summary>
    private void ReadGraphInBackground(IGraphStore store)
    {
        if (Extractor.Reranking is null)
        {
            return;
        }

        lock (_cacheLock)
        {
            _graphDirty = true;
            if (_graphRead.IsCompleted)
            {
                _graphRead = Task.Run(async () =>
                {
                    await Task.Delay(CacheWriteDelay).ConfigureAwait(false); // a burst of changes reads once
                    await ReadGraphAsync(store).ConfigureAwait(false);
                });
            }
        }
    }

    private async Task ReadGraphAsync(IGraphStore store)
    {
        while (true)
        {
            lock (_cacheLock)
            {
                if (!_graphDirty)
                {
                    return;
                }

                _graphDirty = false;
            }

            try
            {
                if (Extractor.Reranking is { } current)
                {
                    Extractor.UseGraph(new GraphReranking(await SkillGraphPrior.LoadAsync(store).ConfigureAwait(false), current.Options));
                }
            }
            catch (Exception ex)
            {
                LogGraphNotRead(logger, ex); // the re-ranking keeps its previous snapshot until the next change
            }
        }
    }

    private static bool SameLabels(SkillEntry a, SkillEntry b) =>
        string.Equals(a.PreferredLabel, b.PreferredLabel, StringComparison.Ordinal) && a.AltLabels.SequenceEqual(b.AltLabels, StringComparer.Ordinal);

    private void WriteCacheInBackground()
    {
        lock (_cacheLock)
        {
            _cacheDirty = true;
            if (_cacheWrite.IsCompleted)
            {
                _cacheWrite = Task.Run(async () =>
                {
                    await Task.Delay(CacheWriteDelay).ConfigureAwait(false); // a burst of changes writes once
                    WriteCache();
                });
            }
        }
    }

    /// <summary>Writes the latest index until none is newer than the one written (changes in a burst write once or twice).</summary>
    private void WriteCache()
    {
        while (true)
        {
            State state;
            lock (_cacheLock)
            {
                if (!_cacheDirty)
                {
                    return;
                }

                _cacheDirty = false;
                state = _state;
            }

            try
            {
                var path = state.Info.IndexPath;
                StudentModels.SaveIndex(state.Index!, path);
                if (_cachedPath is { } previous && !string.Equals(previous, path, StringComparison.Ordinal))
                {
                    File.Delete(previous); // the catalog it was built for is no longer the store's
                }

                _cachedPath = path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogCacheNotWritten(logger, ex);
            }
        }
    }

    private sealed record State(SkillIndex? Index, ExtractorInfo Info);

    [LoggerMessage(Level = LogLevel.Information, Message = "Student followed a graph change: {Changed} skills new or relabelled, {Removed} removed, {Labels} labels embedded, in {Milliseconds:0} ms")]
    private static partial void LogFollowed(ILogger logger, int changed, int removed, int labels, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The student scorer {Source} was trained for one skill catalog and does not follow graph changes; use heads (the default) to follow them")]
    private static partial void LogCannotFollow(ILogger logger, string? source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The student's graph re-ranking could not read the graph after a change; it keeps the previous snapshot")]
    private static partial void LogGraphNotRead(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The student's label cache could not be rewritten after a graph change; the next start re-embeds the labels")]
    private static partial void LogCacheNotWritten(ILogger logger, Exception exception);
}
