using System.Diagnostics;
using Microsoft.Extensions.Options;
using SkillGraph.Server.GraphQL;

namespace SkillGraph.Server;

/// <summary>
/// One log line (Information, category <c>SkillGraph.Server.RuntimeStatsLogging</c>) every
/// <see cref="DiagnosticsOptions.RuntimeStatsEvery"/>: garbage collections per generation, the managed heap, the working set,
/// the thread pool (threads, queued work items) and the GraphQL documents kept parsed — what <c>dotnet-counters</c> would show, where it is not installed
/// (bench/soak.sh reads these lines).
/// </summary>
public sealed class RuntimeStatsLogging(IOptions<DiagnosticsOptions> options, GraphQLRunner runner, ILogger<RuntimeStatsLogging> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RuntimeStatsEvery is not { } every || every <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        do
        {
            using var process = Process.GetCurrentProcess();
            logger.LogInformation(
                "runtime: gc0={Gen0} gc1={Gen1} gc2={Gen2} heapMiB={Heap} workingSetMiB={WorkingSet} threadPoolThreads={Threads} threadPoolQueue={Queue} completedWorkItems={Completed} cachedDocuments={Documents} cachedCharacters={Characters}",
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalMemory(false) / (1024 * 1024), process.WorkingSet64 / (1024 * 1024),
                ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, ThreadPool.CompletedWorkItemCount, runner.CacheSize.Documents, runner.CacheSize.Characters);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
