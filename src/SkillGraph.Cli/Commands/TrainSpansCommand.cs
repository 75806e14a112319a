using System.CommandLine;
using System.Globalization;
using SkillGraph.Student;
using SkillGraph.Student.Evaluation;
using SkillGraph.Student.Spans;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph train-spans [--out DIR] [--seed N] [--hold-out N]</c>: fits the span tagger on SkillSpan train
/// (the first N sentences held out to choose its knobs, the ones <c>eval --span-grid</c> chooses thresholds on) and writes
/// DIR/student/span-tagger.bin with its card (docs/decisions/0027).
/// </summary>
internal static class TrainSpansCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output folder; the tagger goes to OUT/student/span-tagger.bin with its card.", DefaultValueFactory = _ => "models" };
        var seed = new Option<int>("--seed") { Description = "Training seed: the same seed and data give the same tagger.", DefaultValueFactory = _ => 13 };
        var holdOut = new Option<int>("--hold-out") { Description = "The first N SkillSpan train sentences are held out to choose context, threshold and decoding rule.", DefaultValueFactory = _ => 800 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training words.", DefaultValueFactory = _ => 12 };
        var contexts = new Option<string>("--contexts") { Description = "Neighbouring words on each side whose states are features, each tried, comma-separated.", DefaultValueFactory = _ => "0,1,2,3" };
        var command = new Command("train-spans", "Train the span tagger (begin/inside/outside over frozen encoder word states) on SkillSpan train; knobs chosen on its first sentences.")
        {
            output, seed, holdOut, epochs, contexts,
        };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            var directory = Path.Combine(OutputRoots.Check(parse.GetValue(output)!, "--out"), "student");
            OutputRoots.Check(directory, "--out");
            var root = EvaluationData.ResolveRoot(Environment.GetEnvironmentVariable(EvaluationData.DataVariable));
            var path = Path.Combine(root, "skillspan", "train.json");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file (set $SKILLGRAPH_DATA).");
            }

            var all = SpanEvaluation.Load(path);
            var n = Math.Clamp(parse.GetValue(holdOut), 1, all.Count - 1);
            var options = new SpanTaggerTrainOptions
            {
                Seed = parse.GetValue(seed),
                Epochs = parse.GetValue(epochs),
                Contexts = [.. parse.GetValue(contexts)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            };
            using var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2, Quantize = true });
            var trained = SpanTaggerTrainer.Train(encoder, [.. all.Skip(n)], [.. all.Take(n)], options, line => Console.Error.WriteLine($"train-spans: {line}"));
            ct.ThrowIfCancellationRequested();
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, SpanTagger.FileName);
            trained.Tagger.Save(file);
            var h = trained.HoldOut;
            new ModelCard
            {
                Name = "skillgraph-span-tagger",
                Version = trained.Tagger.Version,
                Seed = options.Seed,
                TrainingData = string.Create(CultureInfo.InvariantCulture,
                    $"SkillSpan train.json without its first {n} sentences ({trained.TrainSentences} sentences, {trained.TrainWords} words; skill and knowledge spans as begin/inside/outside word tags); knobs chosen on the first {n} (exact span F1, then token F1); int8 encoder"),
                HyperParameters = new Dictionary<string, string>
                {
                    ["context"] = trained.Tagger.Context.ToString(CultureInfo.InvariantCulture),
                    ["threshold"] = trained.Tagger.Threshold.ToString("0.00", CultureInfo.InvariantCulture),
                    ["splitAtBegin"] = trained.Tagger.SplitAtBegin ? "true" : "false",
                    ["trimPunctuation"] = trained.Tagger.TrimPunctuation ? "true" : "false",
                    ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                    ["lr"] = options.LearningRate.ToString(CultureInfo.InvariantCulture),
                    ["batch"] = options.Batch.ToString(CultureInfo.InvariantCulture),
                    ["l2"] = options.L2.ToString(CultureInfo.InvariantCulture),
                },
                Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    ["trainHoldOut (tagger alone)"] = new Dictionary<string, double>
                    {
                        ["sentences"] = h.Sentences,
                        ["exactP"] = Math.Round(h.ExactPrecision, 4),
                        ["exactR"] = Math.Round(h.ExactRecall, 4),
                        ["exactF1"] = Math.Round(h.ExactF1, 4),
                        ["tokenP"] = Math.Round(h.TokenPrecision, 4),
                        ["tokenR"] = Math.Round(h.TokenRecall, 4),
                        ["tokenF1"] = Math.Round(h.TokenF1, 4),
                    },
                },
                Selection = trained.Selection,
                TrainSeconds = Math.Round(trained.Seconds, 1),
                CatalogFingerprint = "none (the tagger reads no skill catalog)",
            }.Save(Path.ChangeExtension(file, ".card.json"));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"span tagger {trained.Tagger.Version} (context {trained.Tagger.Context}, threshold {trained.Tagger.Threshold:0.00}, split {trained.Tagger.SplitAtBegin}, trim {trained.Tagger.TrimPunctuation}) → {file}; hold-out {h}")).ConfigureAwait(false);
            return CliRunner.Ok;
        }));
        return command;
    }
}
