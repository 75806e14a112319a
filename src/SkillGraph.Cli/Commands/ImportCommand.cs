using System.CommandLine;
using System.Diagnostics;
using SkillGraph.Graph;
using SkillGraph.Graph.Import;

namespace SkillGraph.Cli.Commands;

/// <summary><c>skillgraph import esco --dir DIR | --zip FILE...</c>: replaces the graph with an ESCO download, all or nothing.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Import a classification into the graph store.");
        var esco = new Command("esco", "Import the official ESCO CSV download (a folder of CSVs or the zips). Replaces the graph in one transaction; importing twice changes nothing.");
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Folder with the extracted CSV files (e.g. ../shared/data/esco/v1.1.1)." };
        var zip = new Option<FileInfo[]>("--zip") { Description = "The download's zip files (classification and relations).", AllowMultipleArgumentsPerToken = true };
        var language = new Option<string>("--language") { Description = "Language of the label files (the _xx suffix).", DefaultValueFactory = _ => "en" };
        var storeKind = new Option<string>("--store")
        {
            Description = "Where to import: embedded (the --db file) or neo4j (Graph__Neo4j__Url, __Database, __User/__Password or __Token from the environment; batched explicit transactions).",
            DefaultValueFactory = _ => "embedded",
        };
        storeKind.AcceptOnlyFromAmong("embedded", "neo4j");
        esco.Options.Add(storeKind);
        esco.Options.Add(dir);
        esco.Options.Add(zip);
        esco.Options.Add(language);
        esco.Validators.Add(result =>
        {
            var hasDir = result.GetValue(dir) is not null;
            var hasZip = result.GetValue(zip) is { Length: > 0 };
            if (hasDir == hasZip)
            {
                result.AddError("give either --dir DIR or --zip FILE... (one of them).");
            }
        });
        esco.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            var stopwatch = Stopwatch.StartNew();
            using IEscoSource source = parse.GetValue(dir) is { } folder
                ? new DirectoryEscoSource(folder.FullName)
                : new ZipEscoSource([.. parse.GetValue(zip)!.Select(f => f.FullName)]);
            var importer = new EscoImporter(parse.GetValue(language)!);
            importer.CheckFiles(source);
            using var store = parse.GetValue(storeKind) == "neo4j"
                ? await CliRunner.OpenNeo4jAsync(ct).ConfigureAwait(false)
                : (IGraphStore)await CliRunner.OpenStoreAsync(parse, ct, seedSample: false).ConfigureAwait(false);
            var (batch, result) = await new ProgressReporter().RunAsync("import", async report =>
            {
                var read = importer.Read(source, new SyncProgress<ImportProgress>(p => report("reading ESCO files", p.FileIndex, p.FileCount)), ct);
                var written = await store.WriteAsync(batch: read, new SyncProgress<WriteProgress>(p => report($"writing {p.Stage}", p.Done, p.Total)), ct).ConfigureAwait(false);
                return (read, written);
            }).ConfigureAwait(false);

            var counts = await store.CountAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"Imported {batch.Source} into {store} in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            Console.WriteLine($"  {counts.Occupations} occupations, {counts.Skills} skills, {counts.SkillGroups} skill groups, {counts.IscoGroups} ISCO groups; {counts.Essential} essential and {counts.Optional} optional relations.");
            Console.WriteLine($"  concepts: {result.Inserted} new, {result.Updated} changed, {result.Unchanged} unchanged, {result.Removed} removed.");
            if (batch.Skipped.Count > 0)
            {
                Console.WriteLine($"  skipped {batch.Skipped.Count} rows that could not be imported:");
                foreach (var group in batch.Skipped.GroupBy(s => (s.File, s.Category, s.Reason)))
                {
                    Console.WriteLine($"    {group.Count()} × {group.Key.File} ({group.Key.Category}): {group.Key.Reason}, e.g. line {group.First().Line}: {group.First().Detail}");
                }

                Console.WriteLine("  (`skillgraph stats --json` lists them.)");
            }

            return CliRunner.Ok;
        }));
        import.Subcommands.Add(esco);
        return import;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (no SynchronizationContext hop).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
