using System.Diagnostics;
using SkillGraph.Bench.Peers;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Bench;

/// <summary>
/// <c>SkillGraph.Bench curation [SECONDS] [READERS] [ROUNDS] [COMPACT_AFTER]</c>: issue 12's targets for small writes on a copy of the full
/// ESCO store (the shared benchmark store is not written). (1) The time of <c>WriteAsync</c> of a one-concept label edit,
/// beside a full reload (what every write cost before) and the snapshot derivation alone. (2) READERS threads run a mix
/// of walks and searches through the Mediator handlers, in phases of SECONDS each, ROUNDS times: alone (idle store) and
/// with a writer making 100 single-concept changes a second, taking turns — reads/s of each and the medians; then once
/// with a writer going as fast as it can (the sustained writes/s). (3) The written store's counts and searches against a fresh load of the same file.
/// </summary>
public static class CurationLoad
{
    private const int PacedWritesPerSecond = 100;
    private static readonly string[] Queries = ["software developer", "java", "manag", "proj manag team", "cook food", "sell"];

    public static int Run(int seconds, int readers, int rounds, int? compactAfter)
    {
        BenchStore.Open().Dispose();
        var path = Path.Combine(Path.GetTempPath(), $"skillgraph-curation-{Environment.ProcessId}.db");
        File.Copy(BenchStore.DatabasePath, path, overwrite: true);
        try
        {
            using var store = SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path, SeedSampleWhenEmpty = false }).GetAwaiter().GetResult();
            store.CompactAfter = compactAfter ?? store.CompactAfter;
            var changes = new SingleConceptChanges(store, seed: 12);
            Console.WriteLine($"store: {store.Snapshot.Concepts.Count} concepts; load average {LoadAverage()}");
            MeasureWriteLatency(store, changes);
            using var workloads = new Workloads(store);
            var alone = ReadsAlone(workloads, seconds);
            var idle = new List<double>();
            var busy = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                // Idle and paced phases take turns going first; the idle phase's writer thread wakes as often but never writes.
                foreach (var rate in round % 2 == 1 ? new[] { 0, PacedWritesPerSecond } : [PacedWritesPerSecond, 0])
                {
                    (rate == 0 ? idle : busy).Add(Phase($"round {round} {(rate == 0 ? "idle" : $"+{rate} w/s")}", workloads, readers, seconds, changes.Next, rate));
                }
            }

            idle.Sort();
            busy.Sort();
            var (idleMedian, busyMedian) = (idle[idle.Count / 2], busy[busy.Count / 2]);
            Console.WriteLine($"median reads/s over {rounds} rounds: idle {idleMedian:0}, with {PacedWritesPerSecond} writes/s {busyMedian:0}: {100 * (busyMedian - idleMedian) / idleMedian:+0;-0}%");
            Phase("as many writes as go", workloads, readers, seconds, changes.Next, int.MaxValue);
            var pending = store.Snapshot.Pending;
            var afterWrites = ReadsAlone(workloads, seconds);
            Console.WriteLine($"one reader alone: {alone:0} reads/s on the snapshot as loaded, {afterWrites:0} with {pending} changed lists and concepts beside the built arrays ({100 * (afterWrites - alone) / alone:+0;-0}%); load average {LoadAverage()}");

            CheckAgainstFreshLoad(store, path);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static void MeasureWriteLatency(SqliteGraphStore store, SingleConceptChanges changes)
    {
        for (var i = 0; i < 50; i++)
        {
            changes.LabelEdit(); // warm-up: JIT, SQLite page cache
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var writes = Time(300, () => changes.LabelEdit());
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var derive = Time(300, () => changes.DeriveOnly());
        var reload = Time(3, store.Reload);
        var index = Time(1, store.Snapshot.Warm); // a reload leaves the label index to the next search
        var compact = Time(3, () => store.Snapshot.Compact());
        Console.WriteLine($"WriteAsync, one-concept label edit (300): median {Ms(writes, 0.5)} ms, p90 {Ms(writes, 0.9)}, p99 {Ms(writes, 0.99)}, max {Ms(writes, 1)}; {allocated / 300 / 1024} KB allocated a write; load average {LoadAverage()}");
        Console.WriteLine($"  snapshot derivation alone (300): median {Ms(derive, 0.5)} ms, p99 {Ms(derive, 0.99)}");
        Console.WriteLine($"  full reload from the file, what each write cost before (3): median {Ms(reload, 0.5)} ms, then {Ms(index, 0.5)} ms for the label index at the next search");
        Console.WriteLine($"  compaction in memory with the label index (3): median {Ms(compact, 0.5)} ms (every {store.CompactAfter} changed lists or concepts)");
    }

    /// <summary>One thread runs the read mix for <paramref name="seconds"/>, nothing else: reads/s (what the overlays cost a read).</summary>
    private static double ReadsAlone(Workloads workloads, int seconds)
    {
        var mix = new ReadMix(workloads, seed: 99);
        var clock = Stopwatch.StartNew();
        var reads = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            mix.Next();
            reads++;
        }

        return reads / clock.Elapsed.TotalSeconds;
    }

    /// <summary>READERS threads read for SECONDS while one thread writes <paramref name="rate"/> single-concept changes a second (int.MaxValue: no pause); reads/s.</summary>
    private static double Phase(string name, Workloads workloads, int readers, int seconds, Func<int> writer, int rate)
    {
        long reads = 0;
        var writes = 0;
        var writeTimes = new List<double>();
        using var stop = new CancellationTokenSource();
        var gen2 = GC.CollectionCount(2);
        var threads = Enumerable.Range(0, readers).Select(r => new Thread(() =>
        {
            var mix = new ReadMix(workloads, seed: r);
            while (!stop.IsCancellationRequested)
            {
                mix.Next();
                Interlocked.Increment(ref reads);
            }
        })).ToList();
        threads.Add(new Thread(() =>
        {
            var started = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                if (rate != int.MaxValue && writes >= Stopwatch.GetElapsedTime(started).TotalSeconds * rate)
                {
                    Thread.Sleep(1);
                    continue;
                }

                var begun = Stopwatch.GetTimestamp();
                writer();
                writeTimes.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                writes++;
            }
        }));

        var clock = Stopwatch.StartNew();
        threads.ForEach(t => t.Start());
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        stop.Cancel();
        threads.ForEach(t => t.Join());
        var elapsed = clock.Elapsed.TotalSeconds;
        writeTimes.Sort();
        var writeFigures = rate == 0 ? string.Empty
            : $"; writes {writes / elapsed,6:0} /s (median {Ms(writeTimes, 0.5)} ms, p99 {Ms(writeTimes, 0.99)}, max {Ms(writeTimes, 1)})";
        Console.WriteLine($"{name,-22} reads {reads / elapsed,7:0} /s{writeFigures}; gen2 GCs {GC.CollectionCount(2) - gen2}; load average {LoadAverage()}");
        return reads / elapsed;
    }

    private static void CheckAgainstFreshLoad(SqliteGraphStore store, string path)
    {
        using var fresh = SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path, SeedSampleWhenEmpty = false }).GetAwaiter().GetResult();
        string Counts(IGraphStore s) => System.Text.Json.JsonSerializer.Serialize(s.CountAsync().AsTask().GetAwaiter().GetResult() with { LastImport = null });
        string Search(IGraphStore s) => string.Join('\n', Queries.Append("curated").Select(q => string.Join(';', s.SearchAsync(new SearchQuery(q, null, 50)).AsTask().GetAwaiter().GetResult())));
        var same = Counts(store) == Counts(fresh) && Search(store) == Search(fresh);
        Console.WriteLine($"after the writes: counts and searches {(same ? "equal" : "DIFFER FROM")} a fresh load of the file; {Counts(store)}");
    }

    private static List<double> Time(int times, Action action)
    {
        var ms = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        ms.Sort();
        return ms;
    }

    private static string Ms(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? "-" : sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>One reader's mix: occupation context, related occupations, skill gap, related skills, searches.</summary>
    private sealed class ReadMix(Workloads workloads, int seed)
    {
        private readonly ConceptUri[] _occupations = [.. PeerWorkloads.Occupations.Select(ConceptUri.Parse)];
        private readonly ConceptUri[] _skills = [.. PeerWorkloads.Skills.Select(ConceptUri.Parse)];
        private readonly Random _random = new(seed);
        private int _step;

        public void Next()
        {
            var occupation = _occupations[_random.Next(_occupations.Length)];
            switch (_step++ % 6)
            {
                case 0: workloads.Context(occupation); break;
                case 1: workloads.Related(occupation); break;
                case 2: workloads.Gap(occupation, workloads.HeldSkills(occupation)); break;
                case 3: workloads.Neighbourhood(_skills[_random.Next(_skills.Length)]); break;
                default: workloads.Store.SearchAsync(new SearchQuery(Queries[_random.Next(Queries.Length)])).AsTask().GetAwaiter().GetResult(); break;
            }
        }
    }

    /// <summary>
    /// Single-concept changes a steward makes: half label edits of a skill, two in five an essential skill added to or
    /// removed from an occupation, one in ten a new skill with its broader skill. Each is one <c>WriteAsync</c>.
    /// </summary>
    private sealed class SingleConceptChanges
    {
        private readonly SqliteGraphStore _store;
        private readonly Random _random;
        private readonly ConceptUri[] _skills;
        private readonly ConceptUri[] _occupations;
        private int _count;

        public SingleConceptChanges(SqliteGraphStore store, int seed)
        {
            _store = store;
            _random = new Random(seed);
            _skills = [.. store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All).AsTask().GetAwaiter().GetResult().Items];
            _occupations = [.. store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), PageRequest.All).AsTask().GetAwaiter().GetResult().Items];
        }

        public int Next()
        {
            var kind = _random.Next(10);
            if (kind < 5)
            {
                return LabelEdit();
            }

            if (kind < 9)
            {
                var relation = new Relation(_occupations[_random.Next(_occupations.Length)], RelationType.EssentialSkill, _skills[_random.Next(_skills.Length)]);
                var exists = _store.GetNeighboursAsync(relation.Source, relation.Type, Direction.Outgoing, PageRequest.All).AsTask().GetAwaiter().GetResult().Items.Contains(relation.Target);
                return Write(exists ? new GraphBatch { RemoveRelations = [relation], Source = "bench" } : new GraphBatch { AddRelations = [relation], Source = "bench" });
            }

            var uri = ConceptUri.Parse($"http://data.europa.eu/esco/skill/curated-{_random.Next():x8}-{++_count}");
            return Write(new GraphBatch
            {
                Concepts = [new(new Concept { Uri = uri, Kind = ConceptKind.Skill, PreferredLabel = $"curated skill {_count}", Labels = [new($"steward skill {_count}", LabelKind.Alternative)] })],
                AddRelations = [new(uri, RelationType.Broader, _skills[_random.Next(_skills.Length)])],
                Source = "bench",
            });
        }

        /// <summary>A new preferred label for a random skill, written with the version read (as a steward's edit is).</summary>
        public int LabelEdit()
        {
            var concept = Edited();
            return Write(new GraphBatch { Concepts = [new(concept, concept.Version)], Source = "bench" });
        }

        /// <summary>The snapshot a label edit would give, derived and thrown away (the store is not written).</summary>
        public int DeriveOnly()
        {
            var concept = Edited();
            return _store.Snapshot.With([concept with { Version = concept.Version + 1 }], [], [], _store.Snapshot.LastImport, _store.CompactAfter / 4).Concepts.Count;
        }

        private Concept Edited()
        {
            var uri = _skills[_random.Next(_skills.Length)];
            var concept = _store.GetConceptsAsync([uri]).AsTask().GetAwaiter().GetResult()[0]!;
            var label = concept.PreferredLabel.StartsWith("curated ", StringComparison.Ordinal) ? concept.PreferredLabel["curated ".Length..] : "curated " + concept.PreferredLabel;
            return concept with { PreferredLabel = label };
        }

        private int Write(GraphBatch batch) => _store.WriteAsync(batch).AsTask().GetAwaiter().GetResult().Updated;
    }
}
