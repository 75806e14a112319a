using System.CommandLine;
using System.Globalization;
using SkillGraph.Domain;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;
using SkillGraph.Student.Evaluation;
using SkillGraph.Student.Matching;
using SkillGraph.Student.Training;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph train [--data FILE...] [--held-out FILE] [--out DIR] [--seed N] …</c>: distils teacher-labelled
/// sentences into the student extractor's heads (DIR/student/extractor-heads.bin + card), over the store's skill catalog.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Teacher-labelled sentences: SkillSkape-format .csv (sentence, skills) or the teacher's .jsonl sentence records ({\"text\",\"skills\":[uri]}). Default $SKILLGRAPH_DATA/skillskape/train.csv.",
            AllowMultipleArgumentsPerToken = true,
        };
        var heldOut = new Option<string?>("--held-out") { Description = "Held-out teacher data the fusion weight is chosen on (same formats; default $SKILLGRAPH_DATA/skillskape/dev.csv)." };
        var output = new Option<string>("--out") { Description = "Output folder; the heads go to OUT/student/extractor-heads.bin with their card.", DefaultValueFactory = _ => "models" };
        var seed = new Option<int>("--seed") { Description = "Training seed: the same seed and data give the same heads.", DefaultValueFactory = _ => 13 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => 5 };
        var learningRate = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 3e-4f };
        var temperature = new Option<float>("--tau") { Description = "InfoNCE temperature.", DefaultValueFactory = _ => 0.03f };
        var hard = new Option<int>("--hard-negatives") { Description = "Hard negatives per pair (the target's nearest labels).", DefaultValueFactory = _ => 2 };
        var alphas = new Option<string>("--alphas") { Description = "Fusion weights (sentence vs span score) measured on the held-out teacher data, comma-separated.", DefaultValueFactory = _ => "0.8,0.7,0.6,0.45" };
        var alpha = new Option<string>("--alpha") { Description = "The fusion weight to ship, or 'auto' (the default): the best of --alphas on the held-out teacher data (R-P@5, then MRR).", DefaultValueFactory = _ => "auto" };
        var interpolation = new Option<string>("--interpolate") { Description = "Heads = λ·trained + (1 − λ)·identity (WiSE-FT); 1 = the trained heads as they are; 'auto' (the default): the best of --interpolations on the held-out teacher data.", DefaultValueFactory = _ => "auto" };
        var interpolations = new Option<string>("--interpolations") { Description = "Interpolations λ measured on the held-out teacher data with --interpolate auto, comma-separated.", DefaultValueFactory = _ => "1,0.8,0.6" };
        var records = new Option<string[]>("--records")
        {
            Description = "Teacher records (JSONL from `skillgraph teach`; several files, e.g. the offline and the replay teacher's): also train the matcher head on them (OUT/student/matcher.onnx; held-out and calibration occupations split off by seeded hashes).",
            AllowMultipleArgumentsPerToken = true,
        };
        var expectationRecords = new Option<string[]>("--expectation-records")
        {
            Description = "Of the --records files, those whose jobs the matcher's phrase expectation (what a strong resume answers in an ad) is fitted on; default: all of them. Name the files whose ads are written as the ones the matcher will read (decision 0045).",
            AllowMultipleArgumentsPerToken = true,
        };
        var featureCache = new Option<string?>("--feature-cache") { Description = "Keep the matcher's feature rows in this file and reuse them when the records, the extractor and the feature definitions are the same (fitting heads again takes seconds, reading the records minutes)." };
        var matcherHidden = new Option<int>("--matcher-hidden") { Description = "The match head: 0 = logistic regression, N = one hidden layer of N ReLU units (non-negative weights either way, so the score stays monotone).", DefaultValueFactory = _ => 0 };
        var matcherPairwise = new Option<float>("--matcher-pairwise") { Description = "Weight of the pairwise term (matched vs unmatched resume of one job) beside the per-resume loss of the linear match head; 0 = per-resume only.", DefaultValueFactory = _ => 4f };
        var matcherWithout = new Option<string[]>("--matcher-without")
        {
            Description = "Match features the head must not weigh (their weights stay 0), by name (MatchAnalyzer.FeatureNames, e.g. term_coverage).",
            AllowMultipleArgumentsPerToken = true,
        };
        var noCrossStyle = new Option<bool>("--no-cross-style") { Description = "With several --records files, do not also pair one file's jobs with another's resumes for the same occupation." };
        var maxRecords = new Option<int>("--max-records") { Description = "Use at most this many records of each file for the matcher, spread evenly over it (feature extraction costs ≈ 0.2 s a record).", DefaultValueFactory = _ => 600 };
        var selectRecords = new Option<string[]>("--select-records")
        {
            Description = "Teacher records the knobs are also chosen on (with --interpolate/--alpha/--graph-weight auto): the occupations the match head holds out (its seeded split) give their matched resumes (occupation suggestion Acc@1) and, when FILE.sentences.jsonl is beside it, their sentences (R-P@5).",
            AllowMultipleArgumentsPerToken = true,
        };
        var selectWholeRecords = new Option<string[]>("--select-whole-records")
        {
            Description = "As --select-records, but every record counts: records no part of the student trains on (e.g. the replay teacher over SkillSkape dev).",
            AllowMultipleArgumentsPerToken = true,
        };
        var selectSpans = new Option<string?>("--select-spans") { Description = "SkillSpan sentences the knobs are also chosen on (token F1; default $SKILLGRAPH_DATA/skillspan/dev.json; 'none' to leave spans out)." };
        var selectMax = new Option<int>("--select-max") { Description = "At most this many texts of each selection style beyond --held-out, spread evenly (each costs one scorer pass per λ and α).", DefaultValueFactory = _ => 600 };
        var graphWeight = new Option<string>("--graph-weight") { Description = "β of the graph re-ranking the knobs are chosen with, or 'auto' (the default): the best of --graph-weights under the same rule.", DefaultValueFactory = _ => "auto" };
        var graphWeights = new Option<string>("--graph-weights") { Description = "β tried with --graph-weight auto, comma-separated (0 = off).", DefaultValueFactory = _ => "0,0.05,0.1" };
        var only = new Option<string?>("--only") { Description = "extractor | matcher: train just one (matcher: over the extractor `extract` would use)." };
        only.AcceptOnlyFromAmong("extractor", "matcher");
        var command = new Command("train", "Train the student from teacher data: the extractor heads from labelled sentences, the match head from records (pure C#, ONNX output; minutes on 2 cores).")
        {
            data, heldOut, output, seed, epochs, learningRate, temperature, hard, alphas, alpha, interpolation, interpolations, records, expectationRecords, maxRecords, featureCache, noCrossStyle, matcherHidden, matcherPairwise, matcherWithout, only,
            selectRecords, selectWholeRecords, selectSpans, selectMax, graphWeight, graphWeights,
        };
        epochs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--epochs must be between 1 and 100");
            }
        });
        foreach (var list in new[] { alphas, interpolations, graphWeights })
        {
            list.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<string>() is { } a && a.Split(',').Any(x => !float.TryParse(x, CultureInfo.InvariantCulture, out var v) || v is < 0 or > 1))
                {
                    r.AddError($"{list.Name} must be numbers between 0 and 1, comma-separated");
                }
            });
        }

        alpha.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } a && a != "auto" && (!float.TryParse(a, CultureInfo.InvariantCulture, out var v) || v is < 0 or > 1))
            {
                r.AddError("--alpha must be a number between 0 and 1, or auto");
            }
        });
        graphWeight.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } a && a != "auto" && (!float.TryParse(a, CultureInfo.InvariantCulture, out var v) || v is < 0 or > 1))
            {
                r.AddError("--graph-weight must be between 0 and 1, or auto");
            }
        });
        interpolation.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } a && a != "auto" && (!float.TryParse(a, CultureInfo.InvariantCulture, out var v) || v is < 0 or > 1))
            {
                r.AddError("--interpolate must be between 0 and 1, or auto");
            }
        });
        async Task<string> TrainExtractorAsync(ParseResult parse, SqliteGraphStore store, string studentDirectory, CancellationToken ct)
        {
            var root = EvaluationData.ResolveRoot(Environment.GetEnvironmentVariable(EvaluationData.DataVariable));
            var trainPaths = parse.GetValue(data) is { Length: > 0 } given ? given : [Path.Combine(root, "skillskape", "train.csv")];
            var heldOutPath = parse.GetValue(heldOut) ?? Path.Combine(root, "skillskape", "dev.csv");
            var spansPath = parse.GetValue(selectSpans) ?? Path.Combine(root, "skillspan", "dev.json");
            var selectPaths = (parse.GetValue(selectRecords) ?? []).Concat(parse.GetValue(selectWholeRecords) ?? []).ToList();
            foreach (var path in trainPaths.Append(heldOutPath).Concat(selectPaths).Concat(spansPath == "none" ? [] : [spansPath]))
            {
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"{path}: no such file (set $SKILLGRAPH_DATA or pass --data / --held-out).");
                }

                EvaluationData.RefuseTestSplit(path);
            }

            var catalog = await StoreCatalog.LoadAsync(store, ct).ConfigureAwait(false);
            var train = trainPaths.Select(p => EvaluationData.Load(catalog, p)).ToList();
            var held = EvaluationData.Load(catalog, heldOutPath);
            foreach (var set in train.Append(held))
            {
                await Console.Error.WriteLineAsync($"skillgraph: {set.Name}: {set.Items.Count} sentences, {set.UnknownLabels} labels not in this store's {catalog.Count} skills").ConfigureAwait(false);
            }

            // A run in which no sentence can be learnt from must fail, not write heads trained on nothing (issue 15, item 7).
            if (!train.Any(set => set.Items.Any(item => item.Gold.Length > 0)))
            {
                throw new SkillGraphException(ErrorCode.BadInput, $"{string.Join(", ", trainPaths)}: no sentence names a skill of this store's {catalog.Count}; nothing to train on and nothing was written.");
            }

            using var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2, Quantize = true });
            var index = await new ProgressReporter().RunAsync("student", report => Task.FromResult(StudentModels.LoadOrBuildIndex(
                catalog, encoder, StudentModels.IndexPath(catalog, StudentCli.CacheDirectory(store)),
                new SyncProgress<(int Done, int Total)>(p => report("embedding skill labels (once)", p.Done, p.Total))))).ConfigureAwait(false);
            var prior = await SkillGraphPrior.LoadAsync(store, ct).ConfigureAwait(false);
            var styles = SelectionStyles(catalog, prior, spansPath, parse.GetValue(selectRecords) ?? [], parse.GetValue(selectWholeRecords) ?? [], parse.GetValue(selectMax));
            foreach (var style in styles)
            {
                await Console.Error.WriteLineAsync($"skillgraph: selection style {style.Name}: {style.Count} texts ({style.Measure})").ConfigureAwait(false);
            }

            var options = new ExtractorTrainOptions
            {
                Seed = parse.GetValue(seed),
                Epochs = parse.GetValue(epochs),
                LearningRate = parse.GetValue(learningRate),
                Temperature = parse.GetValue(temperature),
                HardNegatives = parse.GetValue(hard),
                Alphas = Floats(parse.GetValue(alphas)!),
                Alpha = parse.GetValue(alpha) is "auto" or null ? null : float.Parse(parse.GetValue(alpha)!, CultureInfo.InvariantCulture),
                Interpolations = Floats(parse.GetValue(interpolations)!),
                Interpolation = parse.GetValue(interpolation) is "auto" or null ? null : float.Parse(parse.GetValue(interpolation)!, CultureInfo.InvariantCulture),
                GraphWeights = Floats(parse.GetValue(graphWeights)!),
                GraphWeight = parse.GetValue(graphWeight) is "auto" or null ? null : float.Parse(parse.GetValue(graphWeight)!, CultureInfo.InvariantCulture),
            };
            var result = ExtractorTraining.Train(catalog, index, encoder, train, held, options, line =>
            {
                ct.ThrowIfCancellationRequested();
                Console.Error.WriteLine($"train: {line}");
            }, styles, prior);
            var headsPath = Path.Combine(studentDirectory, StudentHeads.FileName);
            result.Heads.Save(headsPath);
            result.Card.Save(StudentHeads.CardPath(headsPath));
            Console.WriteLine($"every setting on the held-out styles ({string.Join(" · ", result.Styles)}; worst and mean of each figure over the best setting's):");
            foreach (var cell in result.Grid)
            {
                Console.WriteLine($"  {cell}");
            }

            Console.WriteLine($"chosen (the smallest worst-case relative drop, then the mean): {result.Chosen}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"extractor heads {result.Heads.Version}: {result.HeldOut}; graph re-ranking β {result.Chosen.Setting.GraphWeight} (the hosts' Student:GraphWeight); trained in {result.Card.TrainSeconds:0} s"));
            Console.WriteLine($"  {headsPath} ({new FileInfo(headsPath).Length / 1024} KiB) and {StudentHeads.CardPath(headsPath)}");
            return headsPath;
        }

        static List<HeldOutStyle> SelectionStyles(SkillCatalog catalog, SkillGraphPrior prior, string spansPath, string[] heldOutOccupations, string[] whole, int max)
        {
            var styles = new List<HeldOutStyle>();
            if (spansPath != "none")
            {
                var spans = SpanEvaluation.Load(spansPath);
                styles.Add(new SpanStyle($"SkillSpan {Path.GetFileNameWithoutExtension(spansPath)}", StudentCli.Spread(spans, max)));
            }

            var split = new MatcherTrainOptions();
            foreach (var (path, all) in heldOutOccupations.Select(p => (p, false)).Concat(whole.Select(p => (p, true))))
            {
                var file = Path.GetFileName(path);
                var kept = MatchTriple.ReadJsonl(path).Where(t => all || MatcherTrainer.IsHeldOut(t.OccupationUri, split)).ToList();
                var which = all ? string.Empty : ", held-out occupations";
                var sentences = Path.ChangeExtension(path, ".sentences.jsonl");
                if (File.Exists(sentences))
                {
                    var ids = kept.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
                    var set = EvaluationData.LoadSentenceRecords(catalog, sentences, ids.Contains, $"{file} sentences{which}");
                    styles.Add(new RankingStyle(set.Name, StudentCli.Spread(set.Items, max)));
                }

                styles.Add(new SuggestionStyle($"{file} matched resumes{which}", StudentCli.Spread(kept.Select(t => (t.ResumeMatched, t.OccupationUri)).ToList(), max), prior));
            }

            return styles;
        }

        static float[] Floats(string list) => [.. list.Split(',').Select(a => float.Parse(a, CultureInfo.InvariantCulture))];

        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            var studentDirectory = Path.Combine(OutputRoots.Check(parse.GetValue(output)!, "--out"), "student");
            OutputRoots.Check(studentDirectory, "--out"); // OUT/student may be a link
            if (parse.GetValue(featureCache) is { } cache)
            {
                OutputRoots.Check(cache, "--feature-cache");
            }

            var trainExtractor = parse.GetValue(only) is null or "extractor";
            var recordsPaths = parse.GetValue(records) ?? [];
            if (parse.GetValue(only) == "matcher" && recordsPaths.Length == 0)
            {
                throw new ArgumentException("--only matcher needs --records (teacher records from `skillgraph teach`).");
            }

            foreach (var path in recordsPaths.Where(p => !File.Exists(p)))
            {
                throw new FileNotFoundException($"{path}: no such file.");
            }

            var expectationPaths = parse.GetValue(expectationRecords) ?? [];
            foreach (var path in expectationPaths.Where(p => !recordsPaths.Any(r => Path.GetFullPath(r) == Path.GetFullPath(p))))
            {
                throw new ArgumentException($"--expectation-records {path}: not one of the --records files.");
            }

            var without = new HashSet<int>();
            foreach (var name in parse.GetValue(matcherWithout) ?? [])
            {
                var index = MatchAnalyzer.FeatureNames.ToList().IndexOf(name);
                without.Add(index >= 0 ? index : throw new ArgumentException($"--matcher-without {name}: no such match feature (one of {string.Join(", ", MatchAnalyzer.FeatureNames)})."));
            }

            List<MatchTriple>? triples = null;
            if (recordsPaths.Length > 0 && parse.GetValue(only) != "extractor")
            {
                var sources = recordsPaths.Select(p => (IReadOnlyList<MatchTriple>)StudentCli.Spread(MatchTriple.ReadJsonl(p), parse.GetValue(maxRecords))).ToList();
                triples = [.. sources.SelectMany(s => s)];
                if (!parse.GetValue(noCrossStyle))
                {
                    // Jobs of one file with the resumes of another for the same occupation: the head meets two writing styles in one pair.
                    triples.AddRange(StudentCli.Spread(MatchTriple.AcrossSources(sources), parse.GetValue(maxRecords)));
                }
            }

            var recordsPath = string.Join(" + ", recordsPaths.Select(Path.GetFileName));
            using var store = await CliRunner.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            string? headsPath = null;
            if (trainExtractor)
            {
                headsPath = await TrainExtractorAsync(parse, store, studentDirectory, ct).ConfigureAwait(false);
            }

            if (triples is not null)
            {
                var (_, extractor, info) = await StudentCli.OpenExtractorAsync(store, headsPath, ct, intraOpThreads: 2).ConfigureAwait(false);
                using (extractor)
                {
                    var facts = await SkillFacts.LoadAsync(store, ct).ConfigureAwait(false);
                    var result = MatcherTrainer.Train(triples, new MatchAnalyzer(extractor, facts), new MatcherTrainOptions
                    {
                        Version = $"matcher-evidence-{info.Version}",
                        Hidden = parse.GetValue(matcherHidden),
                        PairwiseWeight = parse.GetValue(matcherPairwise),
                        DisabledFeatures = without,
                        PhraseExpectationSources = expectationPaths.Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal),
                        TrainingData = $"{triples.Count} teacher triples (job, matched resume, unmatched resume) from {recordsPath}, {triples.Count(t => t.Source == MatcherTrainer.AcrossStyles)} of them one file's job with another's resumes; features from {info.Version}",
                    }, new SyncProgress<string>(line => Console.Error.WriteLine($"train: matcher: {line}")), ct, parse.GetValue(featureCache));
                    var matcherPath = Path.Combine(studentDirectory, "matcher.onnx");
                    result.Save(matcherPath);
                    Console.WriteLine($"matcher head: held-out {result.HeldOut}; train {result.Train}");
                    Console.WriteLine($"  {matcherPath} and {Path.ChangeExtension(matcherPath, ".card.json")}");
                }
            }

            return CliRunner.Ok;
        }));
        return command;
    }
}
