using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SkillGraph.Domain;
using SkillGraph.Formats;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;
using SkillGraph.Student.Evaluation;
using SkillGraph.Student.Matching;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph eval [--model PATH] [--results FILE]</c>: the student against held-out teacher data and the human
/// validation sets, as markdown tables (stdout, and between markers in FILE, e.g. bench/RESULTS.md).
/// </summary>
internal static class EvalCommand
{
    public const string BeginMarker = "<!-- skillgraph eval: begin -->";
    public const string EndMarker = "<!-- skillgraph eval: end -->";

    public static Command Create()
    {
        var model = StudentCli.ModelOption();
        var heldOut = new Option<string?>("--held-out") { Description = "Held-out teacher data (default $SKILLGRAPH_DATA/skillskape/dev.csv)." };
        var spanLimit = new Option<int?>("--span-sentences") { Description = "Evaluate spans on the first N SkillSpan dev sentences only (default all)." };
        var results = new Option<string?>("--results") { Description = $"Also write the tables into this markdown file, between {BeginMarker} and {EndMarker} (appended when absent)." };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N queries of each extraction set (a quick check; default all)." };
        var records = new Option<string[]>("--records")
        {
            Description = "Teacher records (JSONL from `skillgraph teach`, one or more files): also evaluate the matcher (beside the TF-IDF and MiniLM cosine baselines) on each file's held-out occupations (the split `train --records` holds out), and occupation suggestion on the first file's.",
            AllowMultipleArgumentsPerToken = true,
        };
        var heldOutRecords = new Option<string[]>("--held-out-records")
        {
            Description = "Records the matcher never trained on at all (e.g. the replay teacher over SkillSkape dev, or hand-written pairs): evaluated whole, beside the baselines.",
            AllowMultipleArgumentsPerToken = true,
        };
        var maxRecords = new Option<int>("--max-records") { Description = "Read at most this many records of each file, spread evenly over it, before the held-out split.", DefaultValueFactory = _ => 600 };
        var matcherModel = new Option<string?>("--matcher") { Description = $"The match head to evaluate (default {ResumeMatcher.DefaultModelPath}, else the shipped one)." };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the zero-shot (untrained heads) row." };
        var graphWeight = new Option<float>("--graph-weight") { Description = "β of the graph re-ranking (the occupations the text points to raise the skills they require); 0 = off.", DefaultValueFactory = _ => GraphRerankOptions.DefaultWeight };
        var graphSkills = new Option<int>("--graph-skills") { Description = "K: how many of the best extracted skills point to occupations.", DefaultValueFactory = _ => new GraphRerankOptions().Skills };
        var consolidate = new Option<bool>("--consolidate") { Description = "Move a skill behind the others when its direct broader or narrower skill ranks above it on the same span." };
        var spanExtent = new Option<SpanExtent>("--span-extent") { Description = "Spans of the answers: best (the candidate span that scored the skill), phrase (the phrase it lies in) or tagged (joined with the span tagger's span that overlaps it most; the default, as the server serves: Student:SpanExtent).", DefaultValueFactory = _ => SkillExtractorDefaults.SpanExtent };
        var spanGrid = new Option<bool>("--span-grid") { Description = "Only measure each --span-extent on SkillSpan (threshold and extent chosen on train, dev reported) and stop." };
        var rerankGrid = new Option<bool>("--rerank-grid") { Description = "Only measure the graph re-ranking settings (β × K × consolidation) on the held-out teacher data, the set its defaults are chosen on, and stop." };
        var only = new Option<string?>("--only") { Description = "Evaluate only the extractor (no matcher tables), only the matcher (with --records / --held-out-records; no extraction tables; occupation suggestion included), or only occupation suggestion (on the same records)." };
        only.AcceptOnlyFromAmong("extractor", "matcher", "suggestion");
        var command = new Command("eval", "Evaluate the student: R-Precision@1/5/10 and MRR on held-out teacher data and TECH/HOUSE validation, span F1 on SkillSpan dev; with --records the matcher (beside TF-IDF and MiniLM cosine) and occupation suggestion.")
        {
            model, heldOut, limit, spanLimit, records, heldOutRecords, maxRecords, matcherModel, results, noBaseline, only, graphWeight, graphSkills, consolidate, rerankGrid, spanExtent, spanGrid,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(only) is not null && r.GetValue(results) is not null)
            {
                r.AddError("--results rewrites the whole eval section of the file; run eval without --only to write it");
            }

            if (r.GetValue(only) is "matcher" or "suggestion" && (r.GetValue(records) ?? []).Length + (r.GetValue(heldOutRecords) ?? []).Length == 0)
            {
                r.AddError($"--only {r.GetValue(only)} needs --records or --held-out-records");
            }
        });
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            if (parse.GetValue(results) is { } resultsFile)
            {
                OutputRoots.Check(resultsFile, "--results");
            }

            var root = EvaluationData.ResolveRoot(Environment.GetEnvironmentVariable(EvaluationData.DataVariable));
            var heldOutPath = parse.GetValue(heldOut) ?? Path.Combine(root, "skillskape", "dev.csv");
            var spanDev = Path.Combine(root, "skillspan", "dev.json");
            var spanTrain = Path.Combine(root, "skillspan", "train.json");
            foreach (var path in new[] { heldOutPath, spanDev, spanTrain, Path.Combine(root, "skill-extraction-val", "tech_validation_annotations.csv") })
            {
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"{path}: no such file (set $SKILLGRAPH_DATA).");
                }
            }

            // Checked before the long work starts: a typo here should not cost a minute and a half.
            foreach (var path in (parse.GetValue(records) ?? []).Concat(parse.GetValue(heldOutRecords) ?? []).Append(parse.GetValue(matcherModel)))
            {
                if (path is not null && !File.Exists(path))
                {
                    throw new FileNotFoundException($"{path}: no such file.");
                }
            }

            var clock = Stopwatch.StartNew();
            var graph = new GraphRerankOptions { Weight = parse.GetValue(graphWeight), Skills = parse.GetValue(graphSkills), Consolidate = parse.GetValue(consolidate) };
            using var services = await StudentCli.OpenAsync(parse, parse.GetValue(model), ct, intraOpThreads: 2, graph: graph).ConfigureAwait(false);
            var store = services.Store;
            var (extractor, info) = StudentCli.Loaded(services);
            var catalog = extractor.Catalog;
            extractor.SpanExtent = parse.GetValue(spanExtent);
            if (parse.GetValue(spanGrid))
            {
                var train = SpanEvaluation.Load(spanTrain, 800);
                var development = SpanEvaluation.Load(spanDev, parse.GetValue(spanLimit));
                Console.WriteLine($"spans, student `{info.Version}` (threshold and extent chosen on {train.Count} SkillSpan train sentences; dev n = {development.Count}):");
                foreach (var extent in Enum.GetValues<SpanExtent>())
                {
                    extractor.SpanExtent = extent;
                    var timed = Stopwatch.StartNew();
                    var onTrain = SpanEvaluation.Best(train, SpanEvaluation.Predict(train, extractor));
                    var seconds = timed.Elapsed.TotalSeconds;
                    var onDev = SpanEvaluation.Score(development, SpanEvaluation.Predict(development, extractor), onTrain.Threshold);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {extent}: train {onTrain} ({seconds:F0} s)"));
                    Console.WriteLine($"  {extent}: dev   {onDev}");
                }

                return CliRunner.Ok;
            }

            if (parse.GetValue(rerankGrid))
            {
                var teacher = EvaluationData.Load(catalog, heldOutPath);
                var items = teacher.Items.Where(i => i.Gold.Length > 0).Take(parse.GetValue(limit) ?? int.MaxValue).ToList();
                var prior = await SkillGraphPrior.LoadAsync(store, ct).ConfigureAwait(false);
                Console.WriteLine($"graph re-ranking on {teacher.Name} (n = {items.Count}), student `{info.Version}`:");
                var grid = RerankSelection.Grid(items, extractor, prior, RerankSelection.Settings([0f, 0.02f, 0.05f, 0.1f, 0.2f], [5, 12, 20], [false, true]), cell => Console.WriteLine($"  {cell}"));
                Console.WriteLine($"best (R-P@5, then MRR): {RerankSelection.Best(grid)}");
                return CliRunner.Ok;
            }

            {
                var first = parse.GetValue(limit) ?? int.MaxValue;
                var sets = new[]
                {
                    EvaluationData.Load(catalog, heldOutPath),
                    EvaluationData.LoadValidation(catalog, root, "tech"),
                    EvaluationData.LoadValidation(catalog, root, "house"),
                }.Select(s => s with { Items = [.. s.Items.Where(i => i.Gold.Length > 0).Take(first)] }).ToArray();
                var md = new StringBuilder();
                md.AppendLine(CultureInfo.InvariantCulture, $"Written by `skillgraph eval` over a store of {catalog.Count} skills ({DateTime.UtcNow:yyyy-MM-dd}). Cells: R-P@1 / R-P@5 / R-P@10, MRR; n = queries.");
                md.AppendLine();
                if (parse.GetValue(only) is "matcher" or "suggestion")
                {
                    await MatcherSectionAsync(md, parse.GetValue(records) ?? [], parse.GetValue(heldOutRecords) ?? [], parse.GetValue(maxRecords), parse.GetValue(matcherModel), services, store, extractor, ct, matcherTables: parse.GetValue(only) == "matcher").ConfigureAwait(false);
                    Console.WriteLine(md.ToString());
                    return CliRunner.Ok;
                }

                md.AppendLine("#### Extractor");
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"| model | {string.Join(" | ", sets.Select(s => $"{s.Name} (n = {s.Items.Count(i => i.Gold.Length > 0)})"))} |");
                md.AppendLine(CultureInfo.InvariantCulture, $"| --- |{string.Concat(sets.Select(_ => " --- |"))}");
                async Task Row(string name, SkillExtractor ex)
                {
                    var cells = new List<string>();
                    foreach (var set in sets)
                    {
                        ct.ThrowIfCancellationRequested();
                        var m = ExtractionMetrics.Of(set.Items, ex);
                        await Console.Error.WriteLineAsync($"eval: {name} on {set.Name}: {m}").ConfigureAwait(false);
                        cells.Add(string.Create(CultureInfo.InvariantCulture, $"{m.RPrecision1 * 100:F1} / **{m.RPrecision5 * 100:F1}** / {m.RPrecision10 * 100:F1}, {m.Mrr:F3}"));
                    }

                    md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", cells)} |");
                }

                var reranked = extractor.Reranking is { Options: { Active: true } used }
                    ? string.Create(CultureInfo.InvariantCulture, $"; graph re-ranking β {used.Weight}, K {used.Skills}{(used.Consolidate ? ", consolidated" : string.Empty)}")
                    : string.Empty;
                await Row($"student `{info.Version}` ({info.Kind}{reranked})", extractor).ConfigureAwait(false);
                if (!parse.GetValue(noBaseline) && info.Kind != "zero-shot")
                {
                    var (baseline, _) = StudentModels.Open(catalog, heads: null, source: null, StudentCli.CacheDirectory(store), null, 2);
                    using (baseline)
                    {
                        baseline.UseGraph(extractor.Reranking);
                        await Row("zero-shot: the same pipeline with untrained (identity) heads", baseline).ConfigureAwait(false);
                    }
                }

                md.AppendLine(CultureInfo.InvariantCulture, $"| teacher | 100 by definition on {sets[0].Name} (its recorded labels are the reference) | n/a | n/a |");
                md.AppendLine();
                md.AppendLine("The teacher writes labelled text; it does not read arbitrary text, so it has no extraction score on the human sets.");
                md.AppendLine();

                // Spans: the threshold is chosen on SkillSpan train, the figure reported on dev.
                var tuneSet = SpanEvaluation.Load(spanTrain, 800);
                var devSet = SpanEvaluation.Load(spanDev, parse.GetValue(spanLimit));
                md.AppendLine("#### Spans (SkillSpan dev: skill + knowledge spans, no ESCO links)");
                md.AppendLine();
                md.AppendLine("| model | span extent | threshold (chosen on 800 train sentences) | exact span P / R / F1 | token P / R / F1 |");
                md.AppendLine("| --- | --- | --- | --- | --- |");
                var served = extractor.SpanExtent;
                var devSentences = 0;
                foreach (var extent in new[] { served, SpanExtent.Best }.Distinct())
                {
                    extractor.SpanExtent = extent;
                    var tuned = SpanEvaluation.Best(tuneSet, SpanEvaluation.Predict(tuneSet, extractor));
                    var dev = SpanEvaluation.Score(devSet, SpanEvaluation.Predict(devSet, extractor), tuned.Threshold);
                    devSentences = dev.Sentences;
                    await Console.Error.WriteLineAsync($"eval: spans, {extent} (threshold from SkillSpan train) {dev}").ConfigureAwait(false);
                    md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"| student `{info.Version}` | {extent.ToString().ToLowerInvariant()}{(extent == served ? " (served)" : string.Empty)} | {dev.Threshold:0.00} | {dev.ExactPrecision * 100:F1} / {dev.ExactRecall * 100:F1} / **{dev.ExactF1 * 100:F1}** | {dev.TokenPrecision * 100:F1} / {dev.TokenRecall * 100:F1} / **{dev.TokenF1 * 100:F1}** |"));
                }

                extractor.SpanExtent = served;
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"n = {devSentences} dev sentences.");
                if (parse.GetValue(only) != "extractor")
                {
                    await MatcherSectionAsync(md, parse.GetValue(records) ?? [], parse.GetValue(heldOutRecords) ?? [], parse.GetValue(maxRecords), parse.GetValue(matcherModel), services, store, extractor, ct).ConfigureAwait(false);
                }

                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"Evaluation took {clock.Elapsed.TotalSeconds:0} s on this machine.");

                var text = md.ToString();
                Console.WriteLine(text);
                if (parse.GetValue(results) is { } resultsPath)
                {
                    WriteBetweenMarkers(resultsPath, text);
                    await Console.Error.WriteLineAsync($"skillgraph: tables written to {resultsPath}").ConfigureAwait(false);
                }
            }

            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>The matcher's table (the student and the two baselines on each records file; unless <paramref name="matcherTables"/> is false) and occupation suggestion's.</summary>
    private static async Task MatcherSectionAsync(StringBuilder md, string[] records, string[] heldOutRecords, int maxRecords, string? matcherModel, CliServices services, SqliteGraphStore store, SkillExtractor extractor, CancellationToken ct, bool matcherTables = true)
    {
        var split = new MatcherTrainOptions();
        var sets = records.Select(p => (Path: p, Whole: false))
            .Concat(heldOutRecords.Select(p => (Path: p, Whole: true)))
            .Select(set =>
            {
                var all = StudentCli.Spread(MatchTriple.ReadJsonl(set.Path), maxRecords);
                var held = set.Whole ? all : [.. all.Where(t => MatcherTrainer.IsHeldOut(t.OccupationUri, split))];
                var name = set.Whole ? $"{Path.GetFileName(set.Path)} (all {held.Count}, never trained on)" : $"{Path.GetFileName(set.Path)} (held-out occupations: {held.Count} of {all.Count})";
                return (Name: name, Triples: (IReadOnlyList<MatchTriple>)held);
            })
            .ToList();
        if (sets.Count > 0)
        {
            if (matcherTables)
            {
                var facts = await SkillFacts.LoadAsync(store, ct).ConfigureAwait(false);
                using var matcher = ResumeMatcher.Open(extractor, facts, matcherModel);
                md.AppendLine();
                md.AppendLine("#### Matcher");
                md.AppendLine();
                md.AppendLine("Pairwise accuracy: the share of jobs whose matched resume scores above the unmatched one; ROC-AUC over all resumes; at the head's threshold the accuracy over all resumes and for each class; ECE: expected calibration error of the score read as a probability (10 bins). The baselines have no threshold.");
                md.AppendLine();
                md.AppendLine("| set | scorer | pairwise accuracy | ROC-AUC | accuracy at threshold (matched / unmatched) | ECE |");
                md.AppendLine("| --- | --- | --- | --- | --- | --- |");
                var explained = new List<(string Set, ExplainerMetrics Metrics)>();
                foreach (var (name, held) in sets)
                {
                    var student = MatcherEvaluation.Run(held, matcher, new SyncProgress<string>(line => Console.Error.WriteLine($"eval: matcher: {line}")), ct);
                    if (student.Explainer is { } explainer)
                    {
                        explained.Add((name, explainer));
                        await Console.Error.WriteLineAsync($"eval: explainer on {name}: {explainer}").ConfigureAwait(false);
                    }

                    var tfIdf = MatchBaselines.TfIdf(held);
                    var miniLm = MatchBaselines.MiniLm(held, extractor.Encoder);
                    await Console.Error.WriteLineAsync($"eval: matcher on {name}: student {student}; TF-IDF {tfIdf}; MiniLM {miniLm}").ConfigureAwait(false);
                    md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | student `{matcher.Version}` | **{student.PairwiseAccuracy:F3}** | **{student.RocAuc:F3}** | {student.AccuracyAtThreshold:F3} ({student.MatchedAccuracy:F3} / {student.UnmatchedAccuracy:F3}) at {student.Threshold:0.00} | {student.CalibrationError:F3} |"));
                    md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| | TF-IDF cosine | {tfIdf.PairwiseAccuracy:F3} | {tfIdf.RocAuc:F3} | n/a | n/a |"));
                    md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| | MiniLM cosine | {miniLm.PairwiseAccuracy:F3} | {miniLm.RocAuc:F3} | n/a | n/a |"));
                }

                md.AppendLine("| every set | teacher | 1 by construction (it wrote each matched and unmatched resume) | n/a | n/a | n/a |");
                if (explained.Count > 0)
                {
                    md.AppendLine();
                    md.AppendLine("#### Explainer (what the covered and missing lists say about the teacher's skills)");
                    md.AppendLine();
                    md.AppendLine("The teacher wrote each job and matched resume about the record's skills, and filtered some of them out of the unmatched resume. \"Listed\": the record's skills the matcher lists for the job (covered or missing, one skill per phrase of the job with the phrase's other readings as its alternatives); of those, the share it calls covered by the matched resume. Of the filtered-out skills it lists: the share it calls missing from the unmatched resume.");
                    md.AppendLine();
                    md.AppendLine("| set | teacher skills | listed for the job | listed: covered by the matched resume | filtered-out skills listed | of those: missing from the unmatched resume |");
                    md.AppendLine("| --- | --- | --- | --- | --- | --- |");
                    foreach (var (set, e) in explained)
                    {
                        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {set} | {e.Skills} | {e.Listed:F3} | **{e.CoveredWhenPresent:F3}** | {e.Removed} | **{e.MissingWhenRemoved:F3}** |"));
                    }
                }
            }

            // Suggestion on the sets whose occupations are in the graph (the hand-written pairs': those they were mapped to by hand).
            var suggestionSets = sets.Where(s => s.Triples.Count > 0 && s.Triples.All(t => t.RightOccupations.Count > 0)).ToList();
            if (suggestionSets.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("#### Occupation suggestion (is the record's occupation suggested for its text?)");
                md.AppendLine();
                md.AppendLine("Each set's job descriptions without their title line (the first line, when it is one of the occupation's labels: it would name the answer), and its matched resumes as written. Where no title line was removed (the job names its occupation in running text), also the job without its first sentence. \"skills only\": ranked by the extracted skills alone; \"skills + titles\": also by the occupations the text names by title (what the API answers). A hand-written job counts as right any of the occupations it was mapped to by hand (tests/Shared/HandWritten).");
                md.AppendLine();
                md.AppendLine("| set | text | n | ranked by | Acc@1 | Acc@5 | Acc@10 | MRR |");
                md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
                foreach (var (setName, triples) in suggestionSets)
                {
                    var occupations = triples.SelectMany(t => t.RightOccupations).Distinct(StringComparer.Ordinal).ToList();
                    var concepts = await store.GetConceptsAsync([.. occupations.Select(ConceptUri.Parse)], ct).ConfigureAwait(false);
                    var titles = occupations.Zip(concepts).ToDictionary(p => p.First, p => p.Second is { } c ? c.AltLabels().Prepend(c.PreferredLabel).ToList() : [], StringComparer.Ordinal);
                    var jobs = triples.Select(t => (Text: SuggestionEvaluation.WithoutTitleLine(t.JobDescription, t.RightOccupations.SelectMany(o => titles[o])), Right: (IReadOnlyCollection<string>)t.RightOccupations)).ToList();
                    var stripped = jobs.Zip(triples).Count(p => !ReferenceEquals(p.First.Text, p.Second.JobDescription));
                    var texts = new List<(string Kind, List<(string Text, IReadOnlyCollection<string> Right)> Items)> { ($"job description ({stripped} title lines removed)", jobs) };
                    if (stripped == 0)
                    {
                        texts.Add(("job description without its first sentence", [.. jobs.Select(j => (SuggestionEvaluation.WithoutFirstSentence(j.Text), j.Right))]));
                    }

                    texts.Add(("matched resume", [.. triples.Select(t => (t.ResumeMatched, (IReadOnlyCollection<string>)t.RightOccupations))]));
                    foreach (var (text, items) in texts)
                    {
                        foreach (var useTitles in new[] { false, true })
                        {
                            var s = await SuggestionEvaluation.RunAsync(services.Mediator, items, cancellationToken: ct, useTitles: useTitles).ConfigureAwait(false);
                            var by = useTitles ? "skills + titles" : "skills only";
                            await Console.Error.WriteLineAsync($"eval: suggestion on {setName}, {text}, {by}: {s}").ConfigureAwait(false);
                            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {setName} | {text} | {s.Count} | {by} | {s.AccuracyAt1:F3} | {s.AccuracyAt5:F3} | **{s.AccuracyAt10:F3}** | {s.Mrr:F3} |"));
                        }
                    }
                }
            }
        }
    }

    /// <summary>Replaces the text between the markers (or appends a marked section), writing the file atomically.</summary>
    public static void WriteBetweenMarkers(string path, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var block = $"{BeginMarker}\n{section.TrimEnd()}\n{EndMarker}";
        var begin = existing.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = existing.IndexOf(EndMarker, StringComparison.Ordinal);
        var updated = begin >= 0 && end > begin
            ? string.Concat(existing.AsSpan(0, begin), block, existing.AsSpan(end + EndMarker.Length))
            : existing.TrimEnd() + "\n\n" + block + "\n";
        AtomicFile.WriteAllText(path, updated);
    }
}
