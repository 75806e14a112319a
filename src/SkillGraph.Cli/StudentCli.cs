using SkillGraph.Cli.Commands;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;

namespace SkillGraph.Cli;

/// <summary>How every student verb opens the extractor: over the store's skill catalog, label index cached beside the store.</summary>
internal static class StudentCli
{
    /// <summary>The <c>--model</c> option of the verbs that extract.</summary>
    public static System.CommandLine.Option<string?> ModelOption() => new("--model")
    {
        Description = $"Extractor heads (.bin, from `skillgraph train`) or a whole scorer (.onnx); default {StudentHeads.DefaultPath} when it exists, else the heads shipped with skillgraph.",
    };

    public static string CacheDirectory(SqliteGraphStore store) => Path.Combine(Path.GetDirectoryName(store.FilePath)!, "student");

    public static async Task<(SkillCatalog Catalog, SkillExtractor Extractor, ExtractorInfo Info)> OpenExtractorAsync(SqliteGraphStore store, string? modelPath, CancellationToken cancellationToken, int intraOpThreads = 1)
    {
        var catalog = await StoreCatalog.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var (extractor, info) = await new ProgressReporter().RunAsync("student", report =>
            Task.FromResult(StudentModels.OpenExtractor(catalog, modelPath, CacheDirectory(store),
                new SyncProgress<(int Done, int Total)>(p => report("embedding skill labels (once)", p.Done, p.Total)), intraOpThreads))).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"skillgraph: student {info.Version} ({info.Kind}{(info.Source is null ? string.Empty : $", {info.Source}")}) over {catalog.Count} skills").ConfigureAwait(false);
        return (catalog, extractor, info);
    }

    /// <summary>At most <paramref name="max"/> items, taken evenly across the list (so every part of a sampled run is represented).</summary>
    public static List<T> Spread<T>(IReadOnlyList<T> items, int max) =>
        items.Count <= max ? [.. items] : [.. Enumerable.Range(0, max).Select(i => items[(int)((long)i * items.Count / max)])];
}
