namespace SkillGraph.Server.Tests.Schema;

[Collection(EscoCollection.Name)]
public sealed class SchemaSnapshotTests(EscoServerFixture esco)
{
    public static string SnapshotPath => Path.Combine(TestPaths.RepositoryRoot, "src", "SkillGraph.Server", "schema.graphql");

    /// <summary>
    /// The served schema equals the checked-in <c>schema.graphql</c>, so every schema change shows in review.
    /// After an intended change: <c>SKILLGRAPH_UPDATE_SCHEMA=1 dotnet test tests/SkillGraph.Server.Tests</c>.
    /// </summary>
    [Fact]
    public async Task ServedSchemaEqualsTheCheckedInSnapshot()
    {
        var served = (await esco.Client.GetStringAsync("/graphql/sdl")).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("SKILLGRAPH_UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, served);
        }

        var snapshot = File.Exists(SnapshotPath) ? (await File.ReadAllTextAsync(SnapshotPath)).ReplaceLineEndings("\n") : "";
        Assert.True(
            snapshot == served,
            $"The schema changed. Review the difference, then run SKILLGRAPH_UPDATE_SCHEMA=1 dotnet test tests/SkillGraph.Server.Tests to update {SnapshotPath}.\n--- served ---\n{served}");
    }
}
