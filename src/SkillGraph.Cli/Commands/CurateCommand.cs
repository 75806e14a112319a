using System.CommandLine;
using System.Text.Json;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.ApplyChanges;
using SkillGraph.Domain;
using SkillGraph.Formats;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph curate apply FILE.jsonl [--dry-run] [--comment TEXT]</c>: the file's curation commands, one JSON object a
/// line (<see cref="CurationChange"/>), applied all or nothing as one change set by the local operator, with a line of
/// report per command. A line that is not JSON or names no known op stops the verb before anything runs (exit code 2).
/// </summary>
internal static class CurateCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var curate = new Command("curate", "Change the graph as a steward would (the local operator has the admin's rights).");
        curate.Subcommands.Add(ApplyVerb());
        return curate;
    }

    private static Command ApplyVerb()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON Lines: {\"op\": \"createConcept\", \"ref\": \"new-1\", \"input\": {…}} per line; ops " + string.Join(", ", CurationChanges.Ops) + "; \"@new-1\" in a later uri, from, to or replacedBy names the concept created by that line." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Run every check and report; write nothing." };
        var comment = new Option<string?>("--comment") { Description = "Why (the change set's comment; default: 'curate apply FILE')." };
        var apply = new Command("apply", "Apply a file of curation commands all or nothing, as one change set, with a report per line.") { file, dryRun, comment, CliOptions.Json };
        apply.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            var path = parse.GetValue(file)!;
            var (changes, lineNumbers) = Read(path, ct);
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var result = await services.Mediator.Send(new ApplyChanges(changes, parse.GetValue(comment) ?? $"curate apply {path.Name}", parse.GetValue(dryRun)), ct).ConfigureAwait(false);
            Report(result, lineNumbers, parse.GetValue(CliOptions.Json));
            if (!result.Succeeded)
            {
                var failed = result.Lines.FirstOrDefault(l => l.Status == BatchLineStatus.Failed);
                await Console.Error.WriteLineAsync($"skillgraph: nothing was written: {(failed is null ? "the batch" : $"{path.Name}:{lineNumbers[failed.Index]}")} failed ({result.Errors[0].Code}).").ConfigureAwait(false);
                return result.Errors[0].Code switch
                {
                    "BAD_INPUT" => ErrorCodes.ExitCode(ErrorCode.BadInput),
                    "NOT_FOUND" => ErrorCodes.ExitCode(ErrorCode.NotFound),
                    _ => ErrorCodes.ExitCode(ErrorCode.IntegrityViolation),
                };
            }

            await Console.Error.WriteLineAsync(result.Written
                ? $"skillgraph: applied {changes.Count} change(s) as change set {result.ChangeSet!.Id}."
                : $"skillgraph: dry run: all {changes.Count} change(s) pass every check; nothing was written.").ConfigureAwait(false);
            return CliRunner.Ok;
        }));
        return apply;
    }

    /// <summary>The file's changes and the line number of each (blank lines are skipped); a bad line throws naming the file and line.</summary>
    private static (List<CurationChange> Changes, List<int> LineNumbers) Read(FileInfo path, CancellationToken cancellationToken)
    {
        var changes = new List<CurationChange>();
        var numbers = new List<int>();
        foreach (var (number, line) in TextLines.Read(path.FullName))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                changes.Add(CurationChanges.Parse(line));
                numbers.Add(number);
            }
            catch (SkillGraphException ex)
            {
                throw new SkillGraphException(ErrorCode.BadInput, $"{path.Name}:{number}: {ex.Message} Nothing was written.");
            }
        }

        return (changes, numbers);
    }

    private static void Report(BatchResult result, List<int> lineNumbers, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(
                new
                {
                    result.Written,
                    ChangeSet = result.ChangeSet?.Id,
                    Lines = result.Lines.Select(l => new { Line = lineNumbers[l.Index], l.Op, Status = l.Status.ToString(), Uri = l.Concept?.Uri.Value, l.Concept?.Version, l.Errors }),
                    result.Errors,
                    result.Warnings,
                },
                JsonOptions));
            return;
        }

        foreach (var line in result.Lines)
        {
            var what = line.Status switch
            {
                BatchLineStatus.Ok => line.Concept is { } concept ? $"ok {concept.Uri.Value} (version {concept.Version})" : "ok",
                BatchLineStatus.Failed => string.Join("; ", line.Errors.Select(e => $"{e.Code} {e.Message}")),
                _ => "not checked",
            };
            Console.WriteLine($"line {lineNumbers[line.Index]}\t{line.Op}\t{what}");
        }

        if (result.Lines.All(l => l.Status != BatchLineStatus.Failed))
        {
            foreach (var error in result.Errors)
            {
                Console.WriteLine($"batch\t{error.Code} {error.Message}");
            }
        }

        foreach (var warning in result.Warnings)
        {
            Console.WriteLine($"warning\t{warning}");
        }
    }
}
