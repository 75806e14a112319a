using System.Diagnostics;
using System.Globalization;
using SkillGraph.Student;
using SkillGraph.Student.Matching;
using SkillGraph.Testing;

namespace SkillGraph.Bench;

/// <summary>
/// <c>SkillGraph.Bench hostile [repeats]</c>: the students on hostile texts (issue 15, item 3; <see cref="HostileTexts"/>), opened as
/// the server opens them (two ONNX threads, one while another call runs): for each text, what the encoder reads (tokens, chunks,
/// phrases, candidate spans) and the latency of <c>extractSkills</c> (top 10), of <c>matchResume</c> with the text as both job and
/// resume, and with the text as the resume of a short job. Run by bench/hostile.sh.
/// </summary>
public static class HostileTextTiming
{
    private const string Job = "We need a backend developer with Java, SQL and 5 years of experience.";

    public static int Run(int repeats)
    {
        using var store = BenchStore.Open();
        var catalog = StoreCatalog.LoadAsync(store).GetAwaiter().GetResult();
        var cache = Path.Combine(Path.GetDirectoryName(BenchStore.DatabasePath)!, "student");
        var (extractor, info) = StudentModels.OpenExtractor(catalog, null, cache, null, StudentModels.ServerThreads, narrowWhenBusy: true);
        using var _ = extractor;
        var facts = SkillFacts.LoadAsync(store).GetAwaiter().GetResult();
        using var matcher = ResumeMatcher.Open(extractor, facts);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"student {info.Version}, matcher {matcher.Version}; {StudentModels.ServerThreads} ONNX threads (one while another call runs); best of {repeats}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        matcher.Match(Job, "Backend developer, 6 years of Java and SQL.");
        Console.WriteLine("| text | chars | tokens | chunks | phrases | spans | extractSkills ms | matchResume (text, text) ms | matchResume (job, text) ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var worst = 0.0;
        foreach (var (name, text) in HostileTexts.All)
        {
            var segments = extractor.Encoder.Segmenter.Segment(text);
            var tokens = segments.Chunks.Sum(c => c.TokenIds.Length);
            var extract = Best(repeats, () => extractor.Extract(text, 10));
            var both = Best(repeats, () => matcher.Match(text, text));
            var resume = Best(repeats, () => matcher.Match(Job, text));
            worst = Math.Max(worst, Math.Max(extract, Math.Max(both, resume)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {text.Length} | {tokens} | {segments.Chunks.Count} | {segments.Phrases.Count} | {segments.Spans.Count} | {extract:F0} | {both:F0} | {resume:F0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slowest call: {worst:F0} ms; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }

    private static double Best(int repeats, Action call)
    {
        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var started = Stopwatch.StartNew();
            call();
            best = Math.Min(best, started.Elapsed.TotalMilliseconds);
        }

        return best;
    }
}
