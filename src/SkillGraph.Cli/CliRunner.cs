using System.CommandLine;
using Microsoft.Data.Sqlite;
using SkillGraph.Application.Common;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;

namespace SkillGraph.Cli;

/// <summary>
/// Runs a verb: opens the store, maps Ctrl-C to cancellation, and turns every failure into one line on
/// stderr and a non-zero exit code (the full exception only with --verbose).
/// </summary>
internal static class CliRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<CancellationToken, Task<int>> verb)
    {
        try
        {
            return await verb(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("skillgraph: cancelled; nothing was changed.").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception ex) when (ex is EscoImportException or GraphStoreException or RequestValidationException or ConceptNotFoundException or GraphWriteException or ConcurrencyConflictException
            or FormatException or ArgumentException or IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"skillgraph: error: {OneLine(ex.Message)}").ConfigureAwait(false);
            if (parse.GetValue(CliOptions.Verbose))
            {
                await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return Failed;
        }
        catch (Exception ex) when (!parse.GetValue(CliOptions.Verbose))
        {
            await Console.Error.WriteLineAsync($"skillgraph: unexpected error: {OneLine(ex.Message)} (run with --verbose for details)").ConfigureAwait(false);
            return Failed;
        }
    }

    public static Task<SqliteGraphStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken, bool seedSample = true) =>
        SqliteGraphStore.OpenAsync(
            new EmbeddedStoreOptions
            {
                Path = EmbeddedStoreOptions.ResolvePath(parse.GetValue(CliOptions.Database)),
                SeedSampleWhenEmpty = seedSample,
                WarmSearchIndex = false, // a one-shot command builds the label index only if it searches
            },
            cancellationToken);

    /// <summary>The store and the application's Mediator pipeline, as the server has them.</summary>
    public static async Task<CliServices> OpenServicesAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var store = await OpenStoreAsync(parse, cancellationToken).ConfigureAwait(false);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IGraphStore>(services, store);
        Application.DependencyInjection.AddSkillGraphApplication(services);
        return new CliServices(store, Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

/// <summary>What a verb that runs Mediator requests holds: the store and the service provider.</summary>
internal sealed class CliServices(SqliteGraphStore store, Microsoft.Extensions.DependencyInjection.ServiceProvider provider) : IDisposable
{
    public SqliteGraphStore Store { get; } = store;

    public Mediator.IMediator Mediator { get; } = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Mediator.IMediator>(provider);

    public void Dispose()
    {
        provider.Dispose();
        Store.Dispose();
    }
}
