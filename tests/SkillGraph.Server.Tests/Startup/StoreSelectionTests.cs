using System.Diagnostics;

namespace SkillGraph.Server.Tests.Startup;

/// <summary>
/// <c>Graph:Store</c> picks the adapter by configuration alone; the real server process, started as a user would
/// (<c>dotnet SkillGraph.Server.dll</c>), fails fast with one line when the store it is told to use cannot serve.
/// </summary>
public sealed class StoreSelectionTests
{
    [Fact]
    public async Task Neo4jWithNoReachableServerStopsTheServerAtOnceWithOneLine()
    {
        // Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
        var (exitCode, stderr, elapsed) = await RunServerAsync(("Graph__Store", "Neo4j"), ("Graph__Neo4j__Url", "http://127.0.0.1:9"), ("Graph__Neo4j__Password", "x"), ("Graph__Neo4j__User", "neo4j"));
        Assert.Equal(8, exitCode); // STORE_UNAVAILABLE
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("skillgraph-server: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9", lines[0], StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task AnUnknownStoreKindIsOneLineNamingTheSetting()
    {
        var (exitCode, stderr, _) = await RunServerAsync(("Graph__Store", "postgres"));
        Assert.Equal(2, exitCode); // BAD_INPUT
        Assert.Equal("skillgraph-server: error: Graph:Store = 'postgres': give Embedded or Neo4j.", stderr.Trim());
    }

    private static async Task<(int ExitCode, string Stderr, TimeSpan Elapsed)> RunServerAsync(params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SkillGraph.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var started = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("the server did not stop: it should have refused to start");
        }

        return (process.ExitCode, await stderr, started.Elapsed);
    }
}
