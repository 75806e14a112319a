using Microsoft.Extensions.Logging;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// Tells this server's graph-change observers (the student) what other servers changed: with N replicas over one Neo4j
/// database, a change made through replica A is followed by A at once (<see cref="CurationWriter"/>) and by every other
/// replica at its next poll of the change log. Each poll reads the change sets of the last 15 seconds (clocks of replicas
/// may differ by seconds), skips those already seen, and passes the concepts of the rest on; a change made here is
/// passed on once more, which the observers take as "nothing new".
/// </summary>
public sealed class ChangeLogFollower(IGraphStore graph, IEnumerable<IGraphChangeObserver> observers, TimeProvider clock, ILogger<ChangeLogFollower> logger)
{
    private static readonly TimeSpan Lookback = TimeSpan.FromSeconds(15);
    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Reads the change sets made since the last poll (or since this server started) and tells the observers; returns how many were new.</summary>
    public async ValueTask<int> PollAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - Lookback > _started ? now - Lookback : _started - TimeSpan.FromSeconds(5);
        var fresh = new List<ChangeSet>();
        await foreach (var set in graph.AllChangeSetsAsync(new ChangeFilter(null, since), cancellationToken).ConfigureAwait(false))
        {
            if (_seen.TryAdd(set.Id, set.CreatedAt))
            {
                fresh.Add(set);
            }
        }

        foreach (var old in _seen.Where(s => s.Value < since - Lookback).Select(s => s.Key).ToList())
        {
            _seen.Remove(old);
        }

        var concepts = fresh.SelectMany(s => s.Concepts).Distinct().ToList();
        if (concepts.Count > 0)
        {
            foreach (var observer in observers)
            {
                try
                {
                    await observer.OnConceptsChangedAsync(concepts, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "{Observer} could not follow {Count} change sets from the change log", observer.GetType().Name, fresh.Count);
                }
            }
        }

        return fresh.Count;
    }
}
