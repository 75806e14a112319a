using System.Diagnostics;
using System.Globalization;
using SkillGraph.Student;
using SkillGraph.Student.Evaluation;

namespace SkillGraph.Bench;

/// <summary>
/// <c>SkillGraph.Bench student [threads]</c>: the student extractor's speed over the full ESCO catalog, as the CLI and
/// the server open it — median latency of a 30-word sentence and a 300-word text (held-out teacher sentences, joined),
/// throughput with 1, 2 and 4 concurrent callers, the matcher's latency for a (300-word job, 300-word resume) pair, and the process's memory. Run by bench/student.sh.
/// </summary>
public static class StudentTiming
{
    public static int Run(int threads, bool narrowWhenBusy, bool batchAcrossRequests = false)
    {
        using var store = BenchStore.Open();
        var catalog = StoreCatalog.LoadAsync(store).GetAwaiter().GetResult();
        var cache = Path.Combine(Path.GetDirectoryName(BenchStore.DatabasePath)!, "student");
        var clock = Stopwatch.StartNew();
        var (extractor, info) = StudentModels.OpenExtractor(catalog, null, cache, null, threads, narrowWhenBusy);
        using var _ = extractor;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"student {info.Version} ({info.Kind}) over {catalog.Count} skills, opened in {clock.Elapsed.TotalSeconds:F1} s; {threads} ONNX thread(s) per session{(narrowWhenBusy ? ", one while another call runs (the server's setting)" : string.Empty)}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        var dev = EvaluationData.LoadSkillSkape(catalog, Path.Combine(BenchStore.DataRoot, "skillskape", "dev.csv")).Items;
        static int Words(string t) => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var s30 = dev.Select(d => d.Text).Where(t => Words(t) is >= 25 and <= 35).Take(200).ToList();
        var s300 = new List<string>();
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var parts = new List<string>();
            var words = 0;
            var j = random.Next(dev.Count);
            while (words < 300)
            {
                var t = dev[j++ % dev.Count].Text;
                parts.Add(t);
                words += Words(t);
            }

            s300.Add(string.Join(" ", parts));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"30-word set: {s30.Count} sentences, mean {s30.Average(Words):F1} words; 300-word set: {s300.Count} texts, mean {s300.Average(Words):F0} words"));
        foreach (var t in s30.Take(20))
        {
            extractor.Extract(t, 10);
        }

        foreach (var t in s300.Take(3))
        {
            extractor.Extract(t, 10);
        }

        var m30 = Measure(extractor, s30, 2);
        var m300 = Measure(extractor, s300, 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency: 30-word median {m30.Median:F1} ms (p90 {m30.P90:F1}); 300-word median {m300.Median:F1} ms (p90 {m300.P90:F1})"));
        foreach (var callers in new[] { 1, 2, 4 })
        {
            var started = Stopwatch.StartNew();
            var n = 0;
            Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, c =>
            {
                for (var i = c; i < s30.Count; i += callers)
                {
                    extractor.Extract(s30[i], 10);
                    Interlocked.Increment(ref n);
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput, {callers} concurrent caller(s): {n / started.Elapsed.TotalSeconds:F0} sentences/s"));
        }

        if (batchAcrossRequests)
        {
            using var batcher = new ExtractionBatcher(extractor);
            foreach (var callers in new[] { 1, 2, 4, 8 })
            {
                var before = batcher.Counts;
                var started = Stopwatch.StartNew();
                var n = 0;
                Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, c =>
                {
                    for (var i = c; i < s30.Count; i += callers)
                    {
                        batcher.ExtractAsync(s30[i], 10).GetAwaiter().GetResult();
                        Interlocked.Increment(ref n);
                    }
                });
                var after = batcher.Counts;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"batched across requests, {callers} concurrent caller(s): {n / started.Elapsed.TotalSeconds:F0} sentences/s ({after.Texts - before.Texts} texts in {after.Batches - before.Batches} batches)"));
            }
        }

        // The matcher: a (300-word job, 300-word resume) pair, both read and compared, as matchResume does.
        var facts = SkillGraph.Student.Matching.SkillFacts.LoadAsync(store).GetAwaiter().GetResult();
        using (var matcher = SkillGraph.Student.Matching.ResumeMatcher.Open(extractor, facts))
        {
            matcher.Match(s300[0], s300[1]);
            var pairs = new List<double>();
            for (var r = 0; r < 2; r++)
            {
                for (var i = 0; i + 1 < s300.Count; i += 2)
                {
                    var started = Stopwatch.StartNew();
                    matcher.Match(s300[i], s300[i + 1]);
                    pairs.Add(started.Elapsed.TotalMilliseconds);
                }
            }

            pairs.Sort();
            var reads = new List<double>();
            var compares = new List<double>();
            for (var i = 0; i + 1 < s300.Count; i += 2)
            {
                var started = Stopwatch.StartNew();
                var job = matcher.Analyzer.ReadJob(s300[i]);
                reads.Add(started.Elapsed.TotalMilliseconds);
                var resume = matcher.Analyzer.Read(s300[i + 1]);
                started.Restart();
                matcher.Match(job, resume);
                compares.Add(started.Elapsed.TotalMilliseconds);
            }

            reads.Sort();
            compares.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which: reading one 300-word text alone median {reads[reads.Count / 2]:F1} ms; comparing two read texts (features, head, explanation) median {compares[compares.Count / 2]:F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matcher {matcher.Version}: a 300-word job and a 300-word resume, median {pairs[pairs.Count / 2]:F1} ms (p90 {pairs[(int)(pairs.Count * 0.9)]:F1}) over {pairs.Count} pairs"));
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: working set {process.WorkingSet64 / 1048576} MiB (peak {process.PeakWorkingSet64 / 1048576} MiB), managed heap {GC.GetTotalMemory(false) / 1048576} MiB; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }

    private static (double Median, double P90) Measure(SkillExtractor extractor, List<string> texts, int repeats)
    {
        var all = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            foreach (var t in texts)
            {
                var started = Stopwatch.StartNew();
                extractor.Extract(t, 10);
                all.Add(started.Elapsed.TotalMilliseconds);
            }
        }

        all.Sort();
        return (all[all.Count / 2], all[(int)(all.Count * 0.9)]);
    }
}
