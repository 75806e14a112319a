using System.Diagnostics;
using SkillGraph.Student;

namespace SkillGraph.StudentLab;

static class Lab
{
    public static SkillIndex LoadIndex(string path, SkillCatalog catalog)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no label index at {path}; run the index command first", path);
        var index = SkillIndex.Load(path);
        index.EnsureMatches(catalog);
        return index;
    }

    /// <summary>--encoder int8 (default: the embedded model quantised at load), fp32, or a path to an .onnx encoder.</summary>
    public static MiniLmOptions EncoderOptions(Args opt, int threads) => opt.Str("encoder") switch
    {
        null or "int8" => new MiniLmOptions { IntraOpThreads = threads, Quantize = true },
        "fp32" => new MiniLmOptions { IntraOpThreads = threads },
        var path => new MiniLmOptions { IntraOpThreads = threads, ModelPath = path },
    };

    public static SpanContext Context(Args opt) => Enum.Parse<SpanContext>(opt.Str("context") ?? nameof(SpanContext.Phrase), true);

    public static List<EvalSet> EvalSets(SkillCatalog catalog, TextEncoder tenc) =>
    [
        Eval.Prepare("dev", Data.LoadSkillSkape(catalog, "dev", out _), tenc),
        Eval.Prepare("tech", Data.LoadValidation(catalog, "tech", out _), tenc),
        Eval.Prepare("house", Data.LoadValidation(catalog, "house", out _), tenc),
    ];

    /// <summary>Latency of the full extractor (encode + score + mentions) and throughput with concurrent callers.</summary>
    public static void Time(SkillCatalog catalog, string model, MiniLmOptions encoder, SpanContext? context)
    {
        var threads = encoder.IntraOpThreads;
        using var ex = SkillExtractor.Load(catalog, model, new ExtractorOptions
        {
            IntraOpThreads = threads,
            EncoderModelPath = encoder.ModelPath,
            QuantizeEncoder = encoder.Quantize,
            SpanContext = context,
        });
        var dev = Data.LoadSkillSkape(catalog, "dev", out _);
        var rng = new Random(7);
        static int Words(string t) => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var s30 = dev.Select(d => d.Text).Where(t => Words(t) is >= 25 and <= 35).Take(200).ToList();
        var s300 = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var parts = new List<string>();
            var words = 0;
            var j = rng.Next(dev.Count);
            while (words < 300) { var t = dev[j++ % dev.Count].Text; parts.Add(t); words += Words(t); }
            s300.Add(string.Join(" ", parts));
        }
        Console.WriteLine($"span context {ex.Encoder.SpanContext}, encoder {(encoder.ModelPath ?? (encoder.Quantize ? "embedded, int8 at load" : "embedded fp32"))}, {threads} ORT thread(s) per session");
        Console.WriteLine($"30-word set: {s30.Count} dev sentences, mean {s30.Average(Words):F1} words; 300-word set: {s300.Count} texts of joined dev sentences, mean {s300.Average(Words):F0} words");
        foreach (var t in s30.Take(20)) ex.Extract(t, 10);
        foreach (var t in s300.Take(3)) ex.Extract(t, 10);
        (double Median, double P90) Measure(List<string> texts, int reps)
        {
            var all = new List<double>();
            for (var r = 0; r < reps; r++)
                foreach (var t in texts)
                {
                    var sw = Stopwatch.StartNew();
                    ex.Extract(t, 10);
                    all.Add(sw.Elapsed.TotalMilliseconds);
                }
            all.Sort();
            return (all[all.Count / 2], all[(int)(all.Count * 0.9)]);
        }
        using (var reference = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = threads }))
        {
            var ids = s30.Select(t => reference.Tokenizer.Encode(t).ToArray()).ToList();
            foreach (var x in ids.Take(10)) reference.Run([x]);
            var times = new List<double>();
            foreach (var x in ids) { var t0 = Stopwatch.StartNew(); reference.Run([x]); times.Add(t0.Elapsed.TotalMilliseconds); }
            times.Sort();
            Console.WriteLine($"machine load: loadavg {File.ReadAllText("/proc/loadavg").Trim()}; reference fp32 MiniLM run on the 30-word set: median {times[times.Count / 2]:F2} ms");
        }
        foreach (var (name, set) in new[] { ("30-word", s30), ("300-word", s300) })
        {
            var enc = new List<double>();
            var sco = new List<double>();
            var spans = new List<int>();
            foreach (var t in set)
            {
                var sw = Stopwatch.StartNew();
                var e = ex.Encoder.Encode(t);
                enc.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                ex.Scorer.Score(e, 10);
                sco.Add(sw.Elapsed.TotalMilliseconds);
                spans.Add(e.SpanCount);
            }
            enc.Sort();
            sco.Sort();
            spans.Sort();
            Console.WriteLine($"breakdown {name}: encode median {enc[enc.Count / 2]:F1} ms, score median {sco[sco.Count / 2]:F1} ms, candidate spans median {spans[spans.Count / 2]}");
        }
        var m30 = Measure(s30, 1);
        var m300 = Measure(s300, 2);
        Console.WriteLine($"latency: 30-word median {m30.Median:F1} ms (p90 {m30.P90:F1}); 300-word median {m300.Median:F1} ms (p90 {m300.P90:F1})");
        foreach (var callers in new[] { 1, 2, 4 })
        {
            var sw = Stopwatch.StartNew();
            var n = 0;
            Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, c =>
            {
                for (var i = c; i < s30.Count; i += callers) { ex.Extract(s30[i], 10); Interlocked.Increment(ref n); }
            });
            Console.WriteLine($"throughput, {callers} concurrent caller(s): {n / sw.Elapsed.TotalSeconds:F0} sentences/s");
        }
        var sample = s30[0];
        Console.WriteLine(sample);
        foreach (var m in ex.Extract(sample, 5))
            Console.WriteLine($"  {m.Score:F3} {m.Label} <- \"{string.Join("|", m.Spans.Select(sp => sample[sp.Start..sp.End]))}\" [{string.Join(",", m.Spans.Select(sp => $"{sp.Start}..{sp.End}"))}]");
    }
}
