namespace SkillGraph.Server.Tests.Walks;

/// <summary>
/// The teacher behind <c>generateJobDescription</c> is configured by the server's section <c>Teacher</c>, bound and
/// checked at start: a wrong provider or a real provider without its key stops the server before it serves.
/// </summary>
[Collection(EscoCollection.Name)]
public sealed class GenerateJobDescriptionConfigurationTests(EscoServerFixture esco)
{
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";

    [Fact]
    public async Task TheTeacherSectionChoosesTheTeacherOfGenerateJobDescription()
    {
        await using var factory = new ServerFactory(esco.DatabasePath, new Dictionary<string, string> { ["Teacher:Provider"] = "offline", ["Teacher:Model"] = "configured-offline" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(SkillGraph.Application.Features.Keys.ApiKeySecret.Header, esco.StewardKey);

        var job = (await client.QueryAsync($$"""{ generateJobDescription(occupationUri: "{{Developer}}", seed: 3) { teacher } }""")).Data()["generateJobDescription"]!;

        Assert.Equal("offline/configured-offline", job["teacher"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownProviderStopsTheServerAtStart()
    {
        await using var factory = new ServerFactory(esco.DatabasePath, new Dictionary<string, string> { ["Teacher:Provider"] = "gpt" });

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Equal("Failed to convert configuration value 'gpt' at 'Teacher:Provider' to type 'SkillGraph.Teacher.TeacherProviderKind'.", error.Message);
        Assert.StartsWith("'gpt' is not a teacher provider (offline, replay, openai, azure, openai-compatible).", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealProviderWithoutItsKeyStopsTheServerAtStartWithOneLine()
    {
        // No key anywhere: Teacher__ApiKey empty and the documented variables removed from the child's environment.
        var (exitCode, stderr, _) = await Startup.ServerProcess.RunAsync(("Teacher__Provider", "openai"), ("Teacher__Model", "gpt-4o-mini"), ("Teacher__ApiKey", string.Empty));

        Assert.Equal(2, exitCode);
        Assert.Equal("skillgraph-server: error: the openai provider needs an API key (OPENAI_API_KEY)", stderr.Trim());
    }
}
