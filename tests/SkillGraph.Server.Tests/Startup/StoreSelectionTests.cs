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
        var (exitCode, stderr, elapsed) = await ServerProcess.RunAsync(("Graph__Store", "Neo4j"), ("Graph__Neo4j__Url", "http://127.0.0.1:9"), ("Graph__Neo4j__Password", "x"), ("Graph__Neo4j__User", "neo4j"));
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
        var (exitCode, stderr, _) = await ServerProcess.RunAsync(("Graph__Store", "postgres"));
        Assert.Equal(2, exitCode); // BAD_INPUT
        Assert.Equal("skillgraph-server: error: Graph:Store = 'postgres': give Embedded or Neo4j.", stderr.Trim());
    }
}
