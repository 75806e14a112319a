using System.CommandLine;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.ApiKeys;
using SkillGraph.Application;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;
using SkillGraph.Graph.Neo4j;

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
        catch (Exception ex) when (Known(ex) is { } exitCode)
        {
            await Console.Error.WriteLineAsync($"skillgraph: error: {OneLine(ex.Message)}").ConfigureAwait(false);
            if (parse.GetValue(CliOptions.Verbose))
            {
                await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return exitCode;
        }
        catch (Exception ex) when (!parse.GetValue(CliOptions.Verbose))
        {
            await Console.Error.WriteLineAsync($"skillgraph: unexpected error: {OneLine(ex.Message)} (run with --verbose for details)").ConfigureAwait(false);
            return Failed;
        }
    }

    /// <summary>
    /// The one place where errors become exit codes (README, "Exit codes"): the service's own errors by their code
    /// (<see cref="ErrorCodes.ExitCode"/>), malformed input and arguments as <c>BAD_INPUT</c>, file-system and SQLite
    /// failures as 1; <c>null</c>: not an error the user can act on (an unexpected one).
    /// </summary>
    public static int? Known(Exception exception) => exception switch
    {
        SkillGraphException e => ErrorCodes.ExitCode(e.Code),
        FormatException or ArgumentException or InvalidDataException => ErrorCodes.ExitCode(ErrorCode.BadInput),
        IOException or UnauthorizedAccessException or SqliteException => Failed,
        _ => null,
    };

    public static Task<SqliteGraphStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken, bool seedSample = true) =>
        SqliteGraphStore.OpenAsync(
            new EmbeddedStoreOptions
            {
                Path = EmbeddedStoreOptions.ResolvePath(parse.GetValue(CliOptions.Database), Environment.GetEnvironmentVariable(EmbeddedStoreOptions.PathVariable)),
                SeedSampleWhenEmpty = seedSample,
                WarmSearchIndex = false, // a one-shot command builds the label index only if it searches
            },
            cancellationToken);

    /// <summary>
    /// The Neo4j adapter over <c>Graph:Neo4j</c> from the environment (<c>Graph__Neo4j__Url</c>, <c>__Database</c>,
    /// <c>__User</c>/<c>__Password</c> or <c>__Token</c>), as the server binds it; checked and connected at once.
    /// </summary>
    public static async Task<IGraphStore> OpenNeo4jAsync(CancellationToken cancellationToken) =>
        await Neo4jGraphStore.ConnectAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The file of the API keys: <c>--db</c>, else <c>$Auth__KeysPath</c> (where a server with its own key file keeps them),
    /// else <c>$SKILLGRAPH_DB</c>, else data/skillgraph.db — by default the store's own file, as the server has it.
    /// </summary>
    public static string KeysPath(ParseResult parse) =>
        EmbeddedStoreOptions.ResolvePath(
            parse.GetValue(CliOptions.Database),
            Environment.GetEnvironmentVariable("Auth__KeysPath") is { Length: > 0 } keys ? keys : Environment.GetEnvironmentVariable(EmbeddedStoreOptions.PathVariable));

    /// <summary>The application's pipeline over the key store at <see cref="KeysPath"/>, for the <c>keys</c> verbs; the graph is not opened.</summary>
    public static CliServices OpenKeyServices(ParseResult parse)
    {
        var keys = new SqliteApiKeyStore(KeysPath(parse));
        return CliServices.Compose(null, services => services.AddSingleton<IApiKeyStore>(keys));
    }

    /// <summary>The store and the application's Mediator pipeline, as the server has them.</summary>
    public static async Task<CliServices> OpenServicesAsync(ParseResult parse, CancellationToken cancellationToken) =>
        CliServices.Compose(await OpenStoreAsync(parse, cancellationToken).ConfigureAwait(false));

    // An ArgumentException appends " (Parameter 'name')": the message already says which argument.
    private static string OneLine(string message) => System.Text.RegularExpressions.Regex.Replace(message.ReplaceLineEndings(" ").Trim(), @" \(Parameter '[^']*'\)$", string.Empty);
}

/// <summary>
/// What a verb that sends Mediator requests holds: the store, the service provider with the application's pipeline and
/// whatever ports the verb loaded (the student, the teacher), and what to dispose with them.
/// </summary>
internal sealed class CliServices : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IDisposable[] _owned;

    private readonly SqliteGraphStore? _store;

    private CliServices(SqliteGraphStore? store, ServiceProvider provider, IDisposable[] owned)
    {
        _store = store;
        _provider = provider;
        _owned = owned;
        Mediator = provider.GetRequiredService<IMediator>();
    }

    public SqliteGraphStore Store => _store ?? throw new InvalidOperationException("this verb opened no graph store.");

    public IMediator Mediator { get; }

    public IServiceProvider Services => _provider;

    /// <summary>
    /// The application over <paramref name="store"/>, plus the ports <paramref name="add"/> registers; takes ownership of the
    /// store and of <paramref name="owned"/>. Every request is sent as the local operator (the admin's rights).
    /// </summary>
    public static CliServices Compose(SqliteGraphStore? store, Action<IServiceCollection>? add = null, params IDisposable[] owned)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(store ?? NoGraphStore.Create());

        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        add?.Invoke(services);
        return new CliServices(store, services.BuildServiceProvider(), owned);
    }

    public void Dispose()
    {
        _provider.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _store?.Dispose();
    }
}
