using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Server.Tests.Startup;

/// <summary><c>Diagnostics:RuntimeStatsEvery</c> logs GC counts and the thread-pool queue (bench/soak.sh reads the line); unset, nothing.</summary>
public sealed class RuntimeStatsTests
{
    [Theory]
    [InlineData("00:00:00.100", true)]
    [InlineData(null, false)]
    public async Task TheRuntimeLineIsLoggedOnlyWhenAsked(string? every, bool logged)
    {
        var folder = TestPaths.NewTempDirectory();
        var database = Path.Combine(folder, "sample.db");
        using (await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = database, WarmSearchIndex = false }))
        {
        }

        var lines = new ConcurrentQueue<string>();
        var settings = every is null ? null : new Dictionary<string, string> { ["Diagnostics:RuntimeStatsEvery"] = every };
        await using (var factory = new ServerFactory(database, settings).WithWebHostBuilder(web => web.ConfigureLogging(l => l.AddProvider(new Lines(lines)))))
        {
            _ = factory.Server;
            await Task.Delay(800);
        }

        var runtime = lines.Where(l => l.Contains("runtime: gc0=", StringComparison.Ordinal)).ToList();
        Assert.Equal(logged, runtime.Count > 0);
        Assert.All(runtime, l => Assert.Matches(@"gc0=\d+ gc1=\d+ gc2=\d+ heapMiB=\d+ workingSetMiB=\d+ threadPoolThreads=\d+ threadPoolQueue=\d+", l));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private sealed class Lines(ConcurrentQueue<string> into) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => into.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
