using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SkillGraph.Application.Features.Curation.GetChangeSets;
using SkillGraph.Domain;
using SkillGraph.Formats;
using SkillGraph.Graph;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph changes export --since T [--concept URI] [--out FILE]</c>: the change log since a time as a delta file, one
/// change set per JSON line, oldest first (as ESCO publishes deltas between versions).
/// </summary>
internal static class ChangesCommand
{
    private static readonly JsonSerializerOptions Line = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var changes = new Command("changes", "The change log of the graph (what stewards changed, who, when, why).");
        var export = new Command("export", "Write the change sets made at or after --since as JSON lines, oldest first: {id, author, comment, createdAt, reverts, changes: [{concept, field, before, after}]}.");
        var since = new Option<string>("--since") { Description = "ISO 8601 time, e.g. 2026-11-01T00:00:00Z (a date alone is midnight UTC).", Required = true };
        var concept = new Option<string?>("--concept") { Description = "Only the change sets that touched this concept URI." };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (replaced only when the export is complete); default: standard output." };
        export.Options.Add(since);
        export.Options.Add(concept);
        export.Options.Add(output);
        export.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            var text = parse.GetValue(since)!;
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
            {
                throw new ArgumentException($"--since '{text}' is not a time (ISO 8601, e.g. 2026-11-01T00:00:00Z).");
            }

            ConceptUri? only = null;
            if (parse.GetValue(concept) is { } uriText)
            {
                only = ConceptUri.TryParse(uriText, out var uri) ? uri : throw new ArgumentException($"--concept '{uriText}' is not a concept URI.");
            }

            var file = parse.GetValue(output) is { } given ? OutputRoots.Check(given.FullName, "--out") : null;
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var written = 0;
            async Task ExportAsync(TextWriter writer)
            {
                var page = new PageRequest(PageRequest.MaxPageSize);
                while (true)
                {
                    var sets = await services.Mediator.Send(new GetChangeSets(only, from, page), ct).ConfigureAwait(false);
                    foreach (var set in sets.Items)
                    {
                        await writer.WriteLineAsync(JsonSerializer.Serialize(set, Line)).ConfigureAwait(false);
                        written++;
                    }

                    if (!sets.HasNextPage)
                    {
                        break;
                    }

                    page = page with { After = sets.EndCursor };
                }
            }

            if (file is null)
            {
                await ExportAsync(Console.Out).ConfigureAwait(false);
            }
            else
            {
                await AtomicFile.WriteAsync(file, async (stream, _) =>
                {
                    await using var writer = new StreamWriter(stream, leaveOpen: true);
                    await ExportAsync(writer).ConfigureAwait(false);
                }, ct).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"Exported {written} change sets since {from:u} to {file}.").ConfigureAwait(false);
            }

            return CliRunner.Ok;
        }));
        changes.Subcommands.Add(export);
        return changes;
    }
}
