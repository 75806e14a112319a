using System.Diagnostics;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillGraph.Application;
using SkillGraph.Application.Features.Curation.GetChangeSets;
using SkillGraph.Application.Features.Curation.UpdateConcept;
using SkillGraph.Domain;
using SkillGraph.Graph;
using Xunit.Abstractions;

namespace SkillGraph.Tests.Graph;

/// <summary>
/// Issue 15 item 5, for every adapter (the embedded store here, a live Neo4j when NEO4J_URL is set): 16 stewards edit four
/// skills through the real <c>updateConcept</c> slice, each change set renaming the skill and rewriting its description
/// with the same stamp, while 64 readers read the four skills. No lost update: each skill's version grew by exactly its
/// successful writes, and its change log holds exactly those change sets. No half change set: every read shows a label and
/// a description of the same change set. Runs <c>SKILLGRAPH_CONCURRENCY_SECONDS</c> (default 5; <c>bench/concurrency.sh</c>: 60).
/// </summary>
public abstract partial class CurationConcurrencyTests(ITestOutputHelper output)
{
    private const int Writers = 16;
    private const int Readers = 64;
    private const int Targets = 4;

    /// <summary>A new store with the sample graph, owned by the test.</summary>
    protected abstract Task<IGraphStore> CreateStoreWithSampleGraphAsync();

    [SkippableFact]
    public async Task Sixteen_writers_and_sixty_four_readers_lose_no_update_and_see_no_half_change_set()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("SKILLGRAPH_CONCURRENCY_SECONDS"), out var configured) ? configured : 5;
        using var store = await CreateStoreWithSampleGraphAsync();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(store);
        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        await using var provider = services.BuildServiceProvider();
        var mediator = provider.GetRequiredService<IMediator>();

        var targets = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), new PageRequest(Targets))).Items.ToList();
        var initial = (await store.GetConceptsAsync(targets)).Select(c => c!.Version).ToArray();
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var successes = new int[Targets];
        var conflicts = 0;
        var reads = 0L;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var stamp = 0;
        // A deadline read by the loops themselves: a timer's callback could wait behind 80 busy loops for a thread.
        var duration = TimeSpan.FromSeconds(seconds);
        var watch = Stopwatch.StartNew();

        async Task Write(int writer)
        {
            var random = new Random(writer);
            while (watch.Elapsed < duration)
            {
                var target = random.Next(Targets);
                try
                {
                    var current = (await store.GetConceptsAsync([targets[target]]))[0]!;
                    await Task.Yield(); // other writers may change it now: what a steward's read-then-write meets
                    var n = Interlocked.Increment(ref stamp);
                    await mediator.Send(new UpdateConcept(targets[target], current.Version, $"concurrent skill {target} #{n}", null, $"edited by writer {writer} as #{n}", $"writer {writer}"));
                    Interlocked.Increment(ref successes[target]);
                }
                catch (ConcurrencyConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"writer {writer}: {ex.GetType().Name}: {ex.Message}");
                    return;
                }
            }
        }

        async Task Read(int reader)
        {
            while (watch.Elapsed < duration)
            {
                await Task.Yield();
                foreach (var concept in await store.GetConceptsAsync(targets))
                {
                    var label = Stamp().Match(concept!.PreferredLabel);
                    var description = Stamp().Match(concept.Description ?? "");
                    if (label.Success != description.Success || (label.Success && label.Value != description.Value))
                    {
                        failures.Enqueue($"reader {reader} saw half a change set: '{concept.PreferredLabel}' with '{concept.Description}' (version {concept.Version})");
                    }
                }

                Interlocked.Increment(ref reads);
            }
        }

        await Task.WhenAll([.. Enumerable.Range(0, Writers).Select(w => Task.Run(() => Write(w))), .. Enumerable.Range(0, Readers).Select(r => Task.Run(() => Read(r)))]);
        watch.Stop();

        var final = await store.GetConceptsAsync(targets);
        var logged = new int[Targets];
        for (var t = 0; t < Targets; t++)
        {
            var log = await mediator.Send(new GetChangeSets(targets[t], started, new PageRequest(PageRequest.MaxPageSize)));
            logged[t] = log.TotalCount;
        }

        var written = successes.Sum();
        output.WriteLine($"{GetType().Name}: {watch.Elapsed.TotalSeconds:0.0} s, {Writers} writers, {Readers} readers: {written} writes ({written / watch.Elapsed.TotalSeconds:0} /s), "
            + $"{conflicts} conflicts, {reads} reads of {Targets} skills ({reads / watch.Elapsed.TotalSeconds:0} /s), {failures.Count} failures; versions +{string.Join("/", final.Select((c, i) => c!.Version - initial[i]))}, "
            + $"successes {string.Join("/", successes)}, change sets {string.Join("/", logged)}");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(10)));
        Assert.True(written > Writers, $"only {written} writes succeeded");
        Assert.True(reads > Readers, $"only {reads} reads");
        Assert.Equal(successes.Select(s => (long)s), final.Select((c, i) => c!.Version - initial[i]));
        Assert.Equal(successes, logged);
        if (Environment.GetEnvironmentVariable("SKILLGRAPH_CONCURRENCY_REPORT") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, $"{GetType().Name}: {watch.Elapsed.TotalSeconds:0.0} s; writes {written} ({written / watch.Elapsed.TotalSeconds:0} /s); conflicts {conflicts}; reads {reads} ({reads / watch.Elapsed.TotalSeconds:0} /s); lost updates {successes.Select((s, i) => Math.Abs(final[i]!.Version - initial[i] - s)).Sum()}; half change sets 0\n");
        }
    }

    [GeneratedRegex(@"#\d+$")]
    private static partial Regex Stamp();
}
