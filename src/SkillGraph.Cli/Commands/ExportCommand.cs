using System.CommandLine;
using System.Diagnostics;
using SkillGraph.Cli.Export;

namespace SkillGraph.Cli.Commands;

/// <summary><c>skillgraph export neo4j --out DIR</c>: the graph as CSV files for <c>neo4j-admin database import full</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var export = new Command("export", "Export the graph for another store.");
        var neo4j = new Command("neo4j", "Write the graph as neo4j-admin import CSVs (nodes per label, relationships per type, header files, README.txt with the command). A rerun over the same graph writes the same bytes. The folder is replaced as one set: the export is written into DIR.tmp-<id> beside it, then swapped in by renames, so a kill leaves the previous export or the new one, never a mix; a run first puts back a previous export a killed run left in DIR.old-<id> and deletes other leftovers.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write (created if missing; replaced whole, so it may hold only the files of an export).", Required = true };
        neo4j.Options.Add(output);
        neo4j.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            var stopwatch = Stopwatch.StartNew();
            var folder = parse.GetValue(output)!;
            OutputRoots.Check(folder.FullName, "--out");
            var target = ExportFolder.Prepare(folder.FullName, Neo4jCsvExporter.Files);
            using var store = await CliRunner.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var summary = await new ProgressReporter().RunAsync("export", report =>
                new Neo4jCsvExporter(store).ExportAsync(target, report, ct)).ConfigureAwait(false);
            Console.WriteLine($"Exported {summary.Nodes} nodes and {summary.Relationships} relationships to {folder.FullName} in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            foreach (var (file, rows) in summary.RowsByFile)
            {
                Console.WriteLine($"  {file}: {rows} rows");
            }

            Console.WriteLine($"Import them with neo4j-admin (see {Path.Combine(folder.FullName, "README.txt")}).");
            return CliRunner.Ok;
        }));
        export.Subcommands.Add(neo4j);
        return export;
    }
}
