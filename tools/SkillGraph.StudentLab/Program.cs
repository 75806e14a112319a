using System.Diagnostics;
using System.Globalization;
using SkillGraph.Student;
using SkillGraph.StudentLab;

// StudentLab: build the label index, train the scorer heads, evaluate and time the student's skill extractor.
// Data: $SKILLGRAPH_DATA (default ../shared/data from the repository root). Cache: <repo>/.cache/student.
var cmd = args.Length > 0 ? args[0] : "help";
if (cmd is "help" or "-h" or "--help")
{
    Console.WriteLine("""
        usage: StudentLab <command> [options]
          index                         embed every ESCO label -> .cache/student/labels.sgix
          (every command that encodes takes --encoder int8|fp32|PATH; default int8 = the embedded MiniLM quantised at load)
          train [--out PATH] [--context Phrase|Chunk|Standalone] [--beta 0.5] [--epochs 3] [--tau 0.05] [--lr 5e-4]
                [--neg 512] [--hard 2] [--seed 13] [--alpha A] [--alphas 0.7,0.6,0.5,0.4] [--configs "--hard 2|--hard 4"]
                                        train both heads, pick alpha on SkillSkape dev (unless --alpha), write scorer .onnx + card
          eval [--model PATH] [--threads 2]   R-P@1/5/10 + MRR on SkillSkape dev, TECH val, HOUSE val through SkillExtractor
          time [--model PATH] [--threads 2]   median latency (30-word sentence, 300-word text) and throughput
          explore [--context ..] [--betas ..] [--alphas ..]   untrained (identity head, fp32 encoder) fusion grid
          quantize [--out PATH]         int8 copy of the embedded encoder + fp32-vs-int8 check (optional: int8 is done at load)
          quantize --scorer PATH [--out PATH]   int8 copy of a scorer model (faster, slightly less accurate)
          eval/time also take --context, --diversity X (span-overlap penalty), --show tech|house (per-query errors)
        default model: models/student/scorer.onnx
        """);
    return;
}
var catalog = Data.LoadEsco();
Console.WriteLine($"catalog: {catalog.Count} skills, {catalog.Skills.Sum(s => s.AltLabels.Count)} alt labels; data {Data.Root}");
var opt = Args.Parse(args);
var defaultModel = Path.Combine(Data.RepoRoot, "models", "student", "scorer.onnx");
var indexPath = Path.Combine(Data.CacheDir, "labels.sgix");
switch (cmd)
{
    case "index":
        {
            using var enc = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2 });
            var sw = Stopwatch.StartNew();
            var index = SkillIndex.Build(catalog, enc, new Progress<(int Done, int Total)>(p => { if (p.Done % 10240 < 2048) Console.WriteLine($"  {p.Done}/{p.Total} {sw.Elapsed.TotalSeconds:F0}s"); }));
            index.Save(indexPath);
            Console.WriteLine($"index: {index.Preferred.Length} preferred + {index.Alt.Length} alt labels in {sw.Elapsed.TotalSeconds:F1}s -> {indexPath} ({new FileInfo(indexPath).Length / 1e6:F1} MB)");
            break;
        }
    case "explore":
        {
            var index = Lab.LoadIndex(indexPath, catalog);
            using var enc = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2 });
            var tenc = new TextEncoder(enc, null, Lab.Context(opt));
            var sets = Lab.EvalSets(catalog, tenc);
            foreach (var beta in opt.Floats("betas", [0f, 0.5f, 1f]))
            {
                using var scorer = new SkillScorer(ScorerModel.Build(null, 384, index.LabelMatrix(beta), catalog.Count), 2);
                foreach (var alpha in opt.Floats("alphas", [1f, 0.7f, 0.5f, 0.3f, 0f]))
                    foreach (var set in sets) Console.WriteLine($"beta {beta} alpha {alpha} {set.Name,-5} {Eval.Run(set, scorer, alpha)}");
            }
            break;
        }
    case "train":
        {
            var beta = opt.Float("beta", 0.5f);
            var context = Lab.Context(opt);
            var index = Lab.LoadIndex(indexPath, catalog);
            using var enc = new MiniLmEncoder(Lab.EncoderOptions(opt, 2));
            var tenc = new TextEncoder(enc, null, context);
            var labels = index.LabelMatrix(beta);
            var sw = Stopwatch.StartNew();
            var train = Data.LoadSkillSkape(catalog, "train", out _);
            var ts = TrainingSet.Build(train.Select(t => new LabelledExample(t.Text, t.Gold)), tenc, labels, index, opt.Float("span-thr", 0.35f));
            var pairSeconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"pairs: {ts} built in {pairSeconds:F1}s");
            var sets = Lab.EvalSets(catalog, tenc);
            int[][]? neighbours = null;
            foreach (var config in (opt.Str("configs") ?? "").Split('|'))
            {
                var c = Args.Parse(["x", .. config.Split(' ', StringSplitOptions.RemoveEmptyEntries)], opt);
                if (c.Float("hard", 2) > 0 && neighbours is null)
                {
                    sw.Restart();
                    neighbours = ProjectionTrainer.NearestLabels(labels, catalog.Count, 20);
                    Console.WriteLine($"nearest labels in {sw.Elapsed.TotalSeconds:F1}s");
                }
                var to = new TrainerOptions
                {
                    Epochs = (int)c.Float("epochs", 3),
                    LearningRate = c.Float("lr", 5e-4f),
                    Temperature = c.Float("tau", 0.05f),
                    BatchSize = (int)c.Float("batch", 128),
                    SharedNegatives = (int)c.Float("neg", 512),
                    Seed = (int)c.Float("seed", 13),
                    HardNegatives = (int)c.Float("hard", 2),
                    Neighbours = neighbours,
                };
                Console.WriteLine($"== config: {(config.Length == 0 ? "(defaults)" : config)}");
                sw.Restart();
                var w = new ProjectionTrainer(to).Train(ts.ForSentenceHead, labels, catalog.Count, Console.WriteLine);
                var wSpan = new ProjectionTrainer(to).Train(ts.ForSpanHead, labels, catalog.Count, Console.WriteLine);
                var trainSeconds = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"trained both heads in {trainSeconds:F1}s");
                using var scorer = new SkillScorer(ScorerModel.Build(w, 384, labels, catalog.Count, null, wSpan), 2);
                var best = (Alpha: 0f, Score: -1.0);
                var results = new Dictionary<(float, string), Metrics>();
                foreach (var alpha in c.Floats("alphas", [0.7f, 0.6f, 0.5f, 0.4f]))
                    foreach (var set in sets)
                    {
                        var mt = results[(alpha, set.Name)] = Eval.Run(set, scorer, alpha);
                        Console.WriteLine($"alpha {alpha} {set.Name,-5} {mt}");
                        if (set.Name == "dev" && mt.Rp5 > best.Score) best = (alpha, mt.Rp5);
                    }
                var chosen = c.Float("alpha", best.Alpha);
                Console.WriteLine($"best alpha on SkillSkape dev: {best.Alpha}; using {chosen}");
                if (c.Str("out") is not { } outPath) continue;
                var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>();
                foreach (var set in sets)
                {
                    var m = Eval.Run(set, scorer, chosen);
                    metrics[set.Name] = new Dictionary<string, double> { ["queries"] = m.Queries, ["rp1"] = m.Rp1, ["rp5"] = m.Rp5, ["rp10"] = m.Rp10, ["mrr"] = m.Mrr };
                }
                var card = new ModelCard
                {
                    Name = "skillgraph-student-scorer",
                    Version = "1",
                    Seed = to.Seed,
                    TrainingData = $"SkillSkape train.csv (recorded teacher output): sentence->skill and aligned span->skill pairs; ESCO v1.1.1 alternative->preferred label pairs ({ts})",
                    HyperParameters = new Dictionary<string, string>
                    {
                        ["alpha"] = F(chosen),
                        ["labelAltWeight"] = F(beta),
                        ["spanContext"] = context.ToString(),
                        ["temperature"] = F(to.Temperature),
                        ["batch"] = F(to.BatchSize),
                        ["epochs"] = F(to.Epochs),
                        ["lr"] = F(to.LearningRate),
                        ["sharedNegatives"] = F(to.SharedNegatives),
                        ["hardNegatives"] = F(to.HardNegatives),
                        ["spanThreshold"] = F(c.Float("span-thr", 0.35f)),
                    },
                    Metrics = metrics,
                    TrainSeconds = trainSeconds,
                    CatalogFingerprint = catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture),
                };
                ScorerModel.Save(outPath, w, wSpan, labels, catalog, chosen, context, card);
                Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length / 1e6:F1} MB) and {Path.ChangeExtension(outPath, ".card.json")}");
            }
            break;
        }
    case "eval":
        {
            var model = opt.Str("model") ?? defaultModel;
            using var ex = SkillExtractor.Load(catalog, model, new ExtractorOptions
            {
                IntraOpThreads = (int)opt.Float("threads", 2),
                EncoderModelPath = Lab.EncoderOptions(opt, 2).ModelPath,
                QuantizeEncoder = Lab.EncoderOptions(opt, 2).Quantize,
                SpanContext = opt.Str("context") is { } sc ? Enum.Parse<SpanContext>(sc, true) : null,
                SpanOverlapPenalty = opt.Float("diversity", 0f),
            });
            Console.WriteLine($"model {model}: alpha {ex.Scorer.Alpha}, span context {ex.Encoder.SpanContext}");
            foreach (var (name, items) in new[]
            {
            ("dev", Data.LoadSkillSkape(catalog, "dev", out _)),
            ("tech", Data.LoadValidation(catalog, "tech", out _)),
            ("house", Data.LoadValidation(catalog, "house", out _)),
        })
                Console.WriteLine($"{name,-5} {Eval.RunExtractor(items, ex, catalog)}");
            if (opt.Str("show") is { } show)
                foreach (var item in Data.LoadValidation(catalog, show, out _))
                {
                    var top = ex.Extract(item.Text, 5);
                    var hits = top.Count(m => item.Gold.Contains(catalog.IndexOfUri(m.Uri)));
                    Console.WriteLine($"[{hits}/{Math.Min(5, item.Gold.Length)}] {item.Text}");
                    Console.WriteLine($"    gold: {string.Join(" | ", item.Gold.Select(g => catalog[g].PreferredLabel))}");
                    Console.WriteLine($"    top5: {string.Join(" | ", top.Select(m => $"{m.Label} ({m.Score:F2} '{item.Text[m.Spans[0].Start..m.Spans[0].End]}')"))}");
                }
            break;
        }
    case "time":
        Lab.Time(catalog, opt.Str("model") ?? defaultModel, Lab.EncoderOptions(opt, (int)opt.Float("threads", 2)),
            opt.Str("context") is { } tc ? Enum.Parse<SpanContext>(tc, true) : null);
        break;
    case "quantize" when opt.Str("scorer") is { } scorerPath:
        {
            var outPath = opt.Str("out") ?? Path.ChangeExtension(scorerPath, ".int8.onnx");
            var (bytes, n) = EncoderQuantizer.Quantize(File.ReadAllBytes(scorerPath));
            File.WriteAllBytes(outPath, bytes);
            if (File.Exists(Path.ChangeExtension(scorerPath, ".card.json")) && ModelCard.Load(Path.ChangeExtension(scorerPath, ".card.json")) is { } card)
                (card with
                {
                    Name = card.Name + "-int8",
                    TrainingData = card.TrainingData + $"; MatMuls quantised to int8 from {Path.GetFileName(scorerPath)} (metrics below are the fp32 model's; re-run eval)",
                }).Save(Path.ChangeExtension(outPath, ".card.json"));
            Console.WriteLine($"quantised {n} MatMuls of {scorerPath} -> {outPath} ({bytes.Length / 1e6:F1} MB)");
            break;
        }
    case "quantize":
        {
            var outPath = opt.Str("out") ?? Path.Combine(Data.RepoRoot, "models", "student", "encoder-int8.onnx");
            var sw = Stopwatch.StartNew();
            var (bytes, n) = EncoderQuantizer.Quantize(MiniLmEncoder.EmbeddedModelBytes());
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            File.WriteAllBytes(outPath, bytes);
            Console.WriteLine($"quantised {n} MatMuls in {sw.Elapsed.TotalSeconds:F1}s -> {outPath} ({bytes.Length / 1e6:F1} MB)");
            using var fp = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2 });
            using var q8 = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2, ModelPath = outPath });
            var texts = Data.LoadSkillSkape(catalog, "dev", out _).Take(300).Select(t => t.Text).ToList();
            var a = fp.Embed(texts);
            var b = q8.Embed(texts);
            var cos = a.Zip(b, (x, y) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y)).ToList();
            Console.WriteLine($"cosine fp32 vs int8 over {texts.Count} sentences: mean {cos.Average():F4}, min {cos.Min():F4}");
            foreach (var (name, e) in new[] { ("fp32", fp), ("int8", q8) })
            {
                var ids = texts.Select(t => e.Tokenizer.Encode(t).ToArray()).ToList();
                foreach (var x in ids.Take(20)) e.Run([x]);
                var times = new List<double>();
                foreach (var x in ids) { var t0 = Stopwatch.StartNew(); e.Run([x]); times.Add(t0.Elapsed.TotalMilliseconds); }
                times.Sort();
                Console.WriteLine($"{name}: median single-sentence encoder run {times[times.Count / 2]:F2} ms");
            }
            break;
        }
    default:
        Console.Error.WriteLine($"unknown command {cmd}; try help");
        Environment.ExitCode = 2;
        break;
}

static string F(float v) => v.ToString(CultureInfo.InvariantCulture);
