using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using SkillGraph.Domain;
using SkillGraph.Teacher;
using SkillGraph.Teacher.Checks;
using Spectre.Console;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph teach</c>: the teacher writes graph-grounded training records (job description, matching and
/// non-matching resume, labelled sentences) for sampled occupations; <c>teach --check FILE</c> checks a dataset.
/// </summary>
internal static class TeachCommand
{
    public static Command Create()
    {
        var occupations = new Option<int?>("--occupations") { Description = "How many occupations to sample (stratified over ISCO major groups; default 10)." };
        var occupation = new Option<string[]>("--occupation") { Description = "Occupation URIs to teach, in this order (instead of sampling).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo?>("--out") { Description = "The records file (JSONL); sentences go to OUT.sentences.jsonl, rejections to OUT.rejected.jsonl." };
        var provider = new Option<string?>("--provider") { Description = "offline | replay | openai | azure | openai-compatible (default $Teacher__Provider, else offline)." };
        var model = new Option<string?>("--model") { Description = "Model name (real providers; else $SKILLGRAPH_TEACHER_MODEL / $OPENAI_MODEL)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Base URL of an OpenAI-compatible server or the Azure endpoint. API keys come only from the environment." };
        var deployment = new Option<string?>("--deployment") { Description = "Azure OpenAI deployment." };
        var replayDir = new Option<string?>("--replay-dir") { Description = "Folder of the recorded corpus for --provider replay (default $SKILLGRAPH_DATA/skillskape)." };
        var replaySplit = new Option<string?>("--replay-split") { Description = "Which recorded file --provider replay reads: train (default) or dev; test.csv is never read." };
        replaySplit.AcceptOnlyFromAmong("train", "dev");
        var maxNodes = new Option<int?>("--max-nodes") { Description = "Size of each occupation's graph context, in nodes (10–1000; default 60). Replay covers more occupations with a larger context." };
        var seed = new Option<int>("--seed") { Description = "Sampling and offline-teacher seed: the same seed gives byte-identical files.", DefaultValueFactory = _ => 7 };
        var concurrency = new Option<int>("--concurrency") { Description = "Occupations taught at once (records are still written in sampled order).", DefaultValueFactory = _ => 1 };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Stop cleanly once the run has cost this much (in the currency of the configured prices)." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Answer cache by prompt hash (default .teacher-cache beside --out)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Ask the model again even when an answer is cached." };
        var createdAt = new Option<string?>("--created-at") { Description = "The records' createdAt (ISO 8601; default $SOURCE_DATE_EPOCH, else 1970-01-01T00:00:00Z, so reruns are byte-identical)." };
        var check = new Option<FileInfo?>("--check") { Description = "Check a dataset instead: duplicates, label leakage, coverage, lengths." };
        var command = new Command("teach", "Have the teacher write graph-grounded training data (RJDB recipe), or check a dataset with --check.")
        {
            occupations, occupation, output, provider, model, endpoint, deployment, replayDir, replaySplit, maxNodes, seed, concurrency, maxCost, cacheDir, noCache, createdAt, check,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(check) is null && result.GetValue(output) is null)
            {
                result.AddError("give --out FILE.jsonl (or --check FILE to check a dataset)");
            }
        });
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            if (parse.GetValue(check) is { } file)
            {
                return Check(file.FullName);
            }

            // The flags, then the environment (Teacher__*, then the documented variables), as the server binds them.
            var configuration = new ConfigurationManager();
            configuration.AddEnvironmentVariables();
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Teacher:Provider"] = parse.GetValue(provider) is { } name ? TeacherProviderOptions.KindName(TeacherProviderOptions.ParseKind(name)) : null,
                ["Teacher:Model"] = parse.GetValue(model),
                ["Teacher:Endpoint"] = parse.GetValue(endpoint),
                ["Teacher:Deployment"] = parse.GetValue(deployment),
                ["Teacher:ReplayDirectory"] = parse.GetValue(replayDir),
                ["Teacher:ReplaySplit"] = parse.GetValue(replaySplit),
            }.Where(setting => setting.Value is not null));
            configuration.AddInMemoryCollection(TeacherConfiguration.FromDocumentedVariables(configuration));
            var options = new TeachOptions
            {
                Occupations = parse.GetValue(occupations) ?? 10,
                OccupationUris = parse.GetValue(occupation) is { Length: > 0 } uris ? [.. uris.Select(ConceptUri.Parse)] : null,
                OutputPath = OutputRoots.Check(parse.GetValue(output)!.FullName, "--out"),
                Provider = BindProvider(configuration),
                Seed = parse.GetValue(seed),
                MaxNodes = parse.GetValue(maxNodes) ?? TeachOptions.DefaultMaxNodes,
                Concurrency = parse.GetValue(concurrency),
                MaxCost = parse.GetValue(maxCost),
                CacheDirectory = parse.GetValue(cacheDir) is { } cache ? OutputRoots.Check(cache, "--cache-dir") : null,
                UseCache = !parse.GetValue(noCache),
                CreatedAt = TeachOptions.ResolveCreatedAt(parse.GetValue(createdAt), configuration["SOURCE_DATE_EPOCH"]),
            };

            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var run = new TeachingRun(services.Mediator, services.Store);
            var summary = await new ProgressReporter().RunAsync("teach", report =>
                run.RunAsync(options, new SyncProgress<TeachProgress>(p => report("occupations", p.Done, p.Total)), ct)).ConfigureAwait(false);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Taught {summary.Planned} occupations with {summary.Provider}/{summary.Model} in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Written} records and {summary.Sentences} sentences written, {summary.Skipped} already done, {summary.Rejected} rejected."));
            foreach (var (reason, n) in summary.RejectedByReason)
            {
                Console.WriteLine($"  rejected {n} × {reason}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  model calls {summary.ModelCalls} (cache hits {summary.CacheHits}), tokens {summary.InputTokens} in / {summary.OutputTokens} out, cost {summary.Cost:0.####}{(summary.StoppedByMaxCost ? " — stopped at --max-cost; rerun to continue" : string.Empty)}"));
            Console.WriteLine($"  records: {summary.OutputPath}\n  sentences: {summary.SentencesPath}\n  rejected: {summary.RejectedPath}");
            if (summary.Written == 0 && summary.Rejected > 0)
            {
                // Every occupation this run taught failed: a scheduled run must notice (issue 15, item 7).
                var reason = summary.RejectedByReason.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault() ?? "rejected";
                throw new SkillGraphException(ErrorCode.TeacherFailed, string.Create(CultureInfo.InvariantCulture,
                    $"every occupation taught failed ({summary.Rejected} rejected, no record written; most often: {reason}); see {summary.RejectedPath}"));
            }

            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>The <c>Teacher</c> section; a value that does not convert (a provider name, a price) is one clear error.</summary>
    private static TeacherProviderOptions BindProvider(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(TeacherProviderOptions.Section).Get<TeacherProviderOptions>() ?? new TeacherProviderOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException(ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message, ex);
        }
    }

    private static int Check(string file)
    {
        var report = DatasetCheck.Run(file);
        var table = new Table().AddColumn("check").AddColumn("value").AddColumn("ok");
        foreach (var finding in report.Findings)
        {
            table.AddRow(Markup.Escape(finding.Check), Markup.Escape(finding.Value), finding.Ok ? "[green]yes[/]" : "[red]NO[/]");
        }

        AnsiConsole.Write(table);
        Console.WriteLine(report.Passed ? "The dataset passes every check." : "The dataset fails a check (see the rows marked NO).");
        return report.Passed ? CliRunner.Ok : CliRunner.Failed;
    }
}
