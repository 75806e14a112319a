using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Cli.Commands;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;
using SkillGraph.Student.Matching;
using SkillGraph.Student.Serving;

namespace SkillGraph.Cli;

/// <summary>How every student verb opens the extractor: over the store's skill catalog, label index cached beside the store.</summary>
internal static class StudentCli
{
    /// <summary>The <c>--model</c> option of the verbs that extract.</summary>
    public static System.CommandLine.Option<string?> ModelOption() => new("--model")
    {
        Description = $"Extractor heads (.bin, from `skillgraph train`) or a whole scorer (.onnx); default {StudentHeads.DefaultPath} when it exists, else the heads shipped with skillgraph.",
    };

    /// <summary>Where the label vectors of the store's skills are cached: beside the store, as the server has it.</summary>
    public static string CacheDirectory(SqliteGraphStore store) => new EmbeddedStoreOptions { Path = store.FilePath }.CacheDirectory;

    /// <summary>
    /// The store and the application with the student loaded up front (progress on stderr) as its <see cref="ISkillExtractor"/>,
    /// and with <paramref name="matcherPath"/> (or the default head, when <paramref name="withMatcher"/>) its <see cref="IResumeMatcher"/>.
    /// </summary>
    /// <remarks>The extractor re-ranks its answers over the graph as <paramref name="graph"/> says (default <see cref="GraphRerankOptions"/>).</remarks>
    public static async Task<CliServices> OpenAsync(ParseResult parse, string? modelPath, CancellationToken cancellationToken, bool withMatcher = false, string? matcherPath = null, int intraOpThreads = 1, GraphRerankOptions? graph = null)
    {
        var store = await CliRunner.OpenStoreAsync(parse, cancellationToken).ConfigureAwait(false);
        SkillExtractor? opened = null;
        try
        {
            var facts = withMatcher ? await SkillFacts.LoadAsync(store, cancellationToken).ConfigureAwait(false) : null;
            var (_, extractor, info) = await OpenExtractorAsync(store, modelPath, cancellationToken, intraOpThreads).ConfigureAwait(false);
            opened = extractor;
            await UseGraphAsync(extractor, store, graph ?? new GraphRerankOptions(), cancellationToken).ConfigureAwait(false);
            var student = new LoadedSkillExtractor(extractor, info);
            var matcher = facts is null ? null : ResumeMatcher.Open(extractor, facts, matcherPath);
            if (matcher is not null)
            {
                await Console.Error.WriteLineAsync($"skillgraph: matcher {matcher.Version}").ConfigureAwait(false);
            }

            return CliServices.Compose(store, services =>
            {
                services.AddSingleton<ISkillExtractor>(student);
                if (matcher is not null)
                {
                    services.AddSingleton<IResumeMatcher>(matcher);
                }
            }, matcher is null ? [extractor] : [matcher, extractor]);
        }
        catch
        {
            opened?.Dispose();
            store.Dispose();
            throw;
        }
    }

    public static async Task<(SkillCatalog Catalog, SkillExtractor Extractor, ExtractorInfo Info)> OpenExtractorAsync(SqliteGraphStore store, string? modelPath, CancellationToken cancellationToken, int intraOpThreads = 1)
    {
        var catalog = await StoreCatalog.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var (extractor, info) = await new ProgressReporter().RunAsync("student", report =>
            Task.FromResult(StudentModels.OpenExtractor(catalog, modelPath, CacheDirectory(store),
                new SyncProgress<(int Done, int Total)>(p => report("embedding skill labels (once)", p.Done, p.Total)), intraOpThreads))).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"skillgraph: student {info.Version} ({info.Kind}{(info.Source is null ? string.Empty : $", {info.Source}")}) over {catalog.Count} skills").ConfigureAwait(false);
        return (catalog, extractor, info);
    }

    /// <summary>Makes <paramref name="extractor"/> re-rank over the store's graph as <paramref name="options"/> say (nothing is read when they are inactive).</summary>
    public static async Task UseGraphAsync(SkillExtractor extractor, SqliteGraphStore store, GraphRerankOptions options, CancellationToken cancellationToken)
    {
        if (!options.Active)
        {
            return;
        }

        extractor.UseGraph(new GraphReranking(await SkillGraphPrior.LoadAsync(store, cancellationToken).ConfigureAwait(false), options));
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"skillgraph: graph re-ranking β {options.Weight}, K {options.Skills}, {options.Occupations} occupations{(options.Consolidate ? ", broader/narrower consolidated" : string.Empty)}")).ConfigureAwait(false);
    }

    /// <summary>The extractor <see cref="OpenAsync"/> loaded into <paramref name="services"/>.</summary>
    public static (SkillExtractor Extractor, ExtractorInfo Info) Loaded(CliServices services)
    {
        var loaded = (LoadedSkillExtractor)services.Services.GetRequiredService<ISkillExtractor>();
        return (loaded.Extractor, loaded.Info);
    }

    /// <summary>At most <paramref name="max"/> items, taken evenly across the list (so every part of a sampled run is represented).</summary>
    public static List<T> Spread<T>(IReadOnlyList<T> items, int max) =>
        items.Count <= max ? [.. items] : [.. Enumerable.Range(0, max).Select(i => items[(int)((long)i * items.Count / max)])];
}
