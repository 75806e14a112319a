using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using SkillGraph.Domain;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Tests.Support;

namespace SkillGraph.Teacher.Tests.Providers;

/// <summary>Each provider is built from configuration into SK's own chat service, and the real ones speak their wire formats.</summary>
[Collection(TeacherCollection.Name)]
public sealed class ProviderConfigurationTests(TeacherFixture fixture)
{
    [Theory]
    [InlineData("offline", TeacherProviderKind.Offline)]
    [InlineData("replay", TeacherProviderKind.Replay)]
    [InlineData("openai", TeacherProviderKind.OpenAI)]
    [InlineData("azure", TeacherProviderKind.AzureOpenAI)]
    [InlineData("openai-compatible", TeacherProviderKind.OpenAICompatible)]
    [InlineData("ollama", TeacherProviderKind.OpenAICompatible)]
    public void ProviderNamesParse(string name, TeacherProviderKind kind) => Assert.Equal(kind, TeacherProviderOptions.ParseKind(name));

    [Fact]
    public void AnUnknownProviderOrAMissingSettingIsOneClearMessage()
    {
        Assert.Contains("'gpt' is not a teacher provider", Assert.Throws<ArgumentException>(() => TeacherProviderOptions.ParseKind("gpt")).Message, StringComparison.Ordinal);
        var errors = new TeachOptions { OutputPath = "x.jsonl", Provider = new TeacherProviderOptions { Kind = TeacherProviderKind.OpenAICompatible } }.Validate().ToList();
        Assert.Contains(errors, e => e.Contains("base URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("model", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai", "OPENAI_API_KEY", "sk-1", nameof(TeacherProviderOptions.ApiKey))]
    [InlineData("openai", "OPENAI_MODEL", "gpt-4o-mini", nameof(TeacherProviderOptions.Model))]
    [InlineData("openai-compatible", "OPENAI_BASE_URL", "http://localhost:11434/v1", nameof(TeacherProviderOptions.Endpoint))]
    [InlineData("openai-compatible", "OPENAI_MODEL", "llama3.1", nameof(TeacherProviderOptions.Model))]
    [InlineData("openai", "SKILLGRAPH_TEACHER_MODEL", "teacher-model", nameof(TeacherProviderOptions.Model))]
    [InlineData("openai-compatible", "SKILLGRAPH_TEACHER_ENDPOINT", "http://127.0.0.1:8000/v1", nameof(TeacherProviderOptions.Endpoint))]
    [InlineData("openai", "SKILLGRAPH_TEACHER_API_KEY", "teacher-key", nameof(TeacherProviderOptions.ApiKey))]
    [InlineData("azure", "SKILLGRAPH_TEACHER_API_KEY", "teacher-key", nameof(TeacherProviderOptions.ApiKey))]
    [InlineData("azure", "AZURE_OPENAI_ENDPOINT", "https://example.openai.azure.com/", nameof(TeacherProviderOptions.Endpoint))]
    [InlineData("azure", "AZURE_OPENAI_API_KEY", "azure-key", nameof(TeacherProviderOptions.ApiKey))]
    [InlineData("azure", "AZURE_OPENAI_DEPLOYMENT", "gpt-4o-teacher", nameof(TeacherProviderOptions.Deployment))]
    [InlineData("azure", "AZURE_OPENAI_API_VERSION", "2024-10-21", nameof(TeacherProviderOptions.ApiVersion))]
    [InlineData("azure", "AZURE_OPENAI_MODEL", "gpt-4o", nameof(TeacherProviderOptions.Model))]
    [InlineData("replay", "SKILLGRAPH_REPLAY_DIR", "/data/skillskape", nameof(TeacherProviderOptions.ReplayDirectory))]
    [InlineData("replay", "SKILLGRAPH_REPLAY_SPLIT", "dev", nameof(TeacherProviderOptions.ReplaySplit))]
    [InlineData("offline", "SKILLGRAPH_TEACHER_INPUT_PRICE", "2.5", nameof(TeacherProviderOptions.InputPricePerMillion))]
    [InlineData("openai", "SKILLGRAPH_TEACHER_OUTPUT_PRICE", "10", nameof(TeacherProviderOptions.OutputPricePerMillion))]
    public void EachDocumentedVariableTakesEffectThroughTheBoundSection(string provider, string variable, string value, string property)
    {
        var without = HostBinding(new() { ["Teacher:Provider"] = provider });
        var with = HostBinding(new() { ["Teacher:Provider"] = provider, [variable] = value });

        Assert.Equal(TeacherProviderOptions.ParseKind(provider), with.Kind);
        Assert.Equal(value, Read(with, property));
        Assert.NotEqual(value, Read(without, property));
    }

    [Fact]
    public void TheBoundSectionWinsThenSkillGraphVariablesThenTheProvidersOwn()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Teacher:Provider"] = "openai",
            ["OPENAI_MODEL"] = "from-openai",
            ["SKILLGRAPH_TEACHER_MODEL"] = "from-skillgraph",
            ["OPENAI_API_KEY"] = "openai-key",
            ["AZURE_OPENAI_API_KEY"] = "azure-key",
            ["AZURE_OPENAI_DEPLOYMENT"] = "deployment",
            ["SKILLGRAPH_DATA"] = "/srv/data",
        };
        var options = HostBinding(environment);
        Assert.Equal("from-skillgraph", options.Model);
        Assert.Equal("openai-key", options.ApiKey); // the Azure variables are for the azure provider only
        Assert.Null(options.Deployment);
        Assert.Equal(Path.Combine("/srv/data", "skillskape"), options.ReplayDirectory);

        environment["Teacher:Model"] = "from-section";
        environment["Teacher:Provider"] = "azure";
        var azure = HostBinding(environment);
        Assert.Equal("from-section", azure.Model);
        Assert.Equal("azure-key", azure.ApiKey);
        Assert.Equal("deployment", azure.Deployment);
    }

    [Fact]
    public void AzureSettingsFromTheEnvironmentMakeValidOptions()
    {
        var options = HostBinding(new()
        {
            ["Teacher:Provider"] = "azure",
            ["AZURE_OPENAI_ENDPOINT"] = "https://example.openai.azure.com/",
            ["AZURE_OPENAI_API_KEY"] = "k",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4o-teacher",
            ["SKILLGRAPH_TEACHER_INPUT_PRICE"] = "2.5",
        });
        Assert.Equal(new Uri("https://example.openai.azure.com/"), options.Endpoint);
        Assert.Equal("gpt-4o-teacher", options.Deployment);
        Assert.Equal(2.5m, options.InputPricePerMillion);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void TheSectionTakesProviderNamesAndTheRetrySettings()
    {
        var options = HostBinding(new()
        {
            ["Teacher:Provider"] = "ollama",
            ["Teacher:MaxRetries"] = "2",
            ["Teacher:RetryBaseDelay"] = "00:00:00.250",
            ["Teacher:RequestTimeout"] = "00:00:30",
            ["Teacher:TotalTimeout"] = "00:02:00",
            ["Teacher:RequestsPerMinute"] = "30",
        });
        Assert.Equal(TeacherProviderKind.OpenAICompatible, options.Kind);
        Assert.Equal((2, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), 30), (options.MaxRetries, options.RetryBaseDelay, options.RequestTimeout, options.TotalTimeout, options.RequestsPerMinute));

        var bad = Assert.Throws<InvalidOperationException>(() => HostBinding(new() { ["Teacher:Provider"] = "gpt" }));
        Assert.Contains("'gpt' at 'Teacher:Provider'", bad.Message, StringComparison.Ordinal);
        Assert.Contains("'gpt' is not a teacher provider", bad.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValidatorReportsEveryMissingSettingOfARealProviderOnOneLine()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Teacher:Provider"] = "openai" });
        services.AddOptions<TeacherProviderOptions>().Bind(configuration.GetSection(TeacherProviderOptions.Section)).ValidateOnStart();
        services.AddSkillGraphTeacher();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TeacherProviderOptions>>().Value);

        Assert.Equal("the openai provider needs a model (--model or OPENAI_MODEL); the openai provider needs an API key (OPENAI_API_KEY)", error.Message);
    }

    [Fact]
    public async Task TheOpenAIProviderIsSksOpenAIConnectorCallingApiOpenAIComThroughTheRetryingClient()
    {
        var transport = new CannedTransport();
        var provider = new TeacherProviderOptions { Kind = TeacherProviderKind.OpenAI, Model = "gpt-4o-mini", ApiKey = "sk-test", RequestsPerMinute = 0 };
        using var teacher = await TeacherKernel.CreateAsync(provider, fixture.Store, cacheDirectory: null, transport: transport);

        var chat = teacher.Kernel.GetRequiredService<IChatCompletionService>();
        var answer = await chat.GetChatMessageContentAsync(new ChatHistory("say hi"), teacher.Settings(7), teacher.Kernel);

        Assert.Equal("hi", answer.Content);
        Assert.Equal("https://api.openai.com/v1/chat/completions", transport.Uri);
        Assert.Equal("Bearer sk-test", transport.Authorization);
        Assert.Contains("\"model\":\"gpt-4o-mini\"", transport.Body, StringComparison.Ordinal);
        Assert.Contains("\"seed\":7", transport.Body, StringComparison.Ordinal);
        Assert.Equal(1, teacher.Usage.ModelCalls);
        Assert.Equal(11, teacher.Usage.InputTokens);
    }

    [Fact]
    public async Task TheAzureProviderIsSksAzureConnectorCallingTheDeployment()
    {
        await using var server = new FakeChatCompletionsServer();
        var provider = new TeacherProviderOptions { Kind = TeacherProviderKind.AzureOpenAI, Endpoint = new Uri(server.BaseUrl, "/"), Deployment = "teacher-deployment", ApiKey = "azure-key", Model = "gpt-4o", RequestsPerMinute = 0 };
        var options = new TeachOptions { OutputPath = Path.Combine(fixture.NewDirectory(), "azure.jsonl"), Occupations = 1, SentencesPerOccupation = 0, Provider = provider };

        var summary = await fixture.NewRun().RunAsync(options);

        Assert.Equal(1, summary.Written);
        Assert.All(server.Paths, p => Assert.StartsWith("/openai/deployments/teacher-deployment/chat/completions?api-version=", p, StringComparison.Ordinal));
        Assert.All(server.Authorizations, a => Assert.Equal("azure-key", a));
        Assert.Equal("azure", summary.Provider);
        Assert.Equal("gpt-4o", summary.Model);
    }

    [Fact]
    public async Task EachProviderIsBuiltIntoSksChatServiceBehindTheCache()
    {
        var offline = await TeacherKernel.CreateAsync(new TeacherProviderOptions(), fixture.Store, null);
        Assert.IsType<CachingChatService>(offline.Kernel.GetRequiredService<IChatCompletionService>());
        offline.Dispose();

        using var compatible = await TeacherKernel.CreateAsync(new TeacherProviderOptions { Kind = TeacherProviderKind.OpenAICompatible, Endpoint = new Uri("http://localhost:11434/v1"), Model = "llama3.1" }, fixture.Store, null);
        Assert.Equal("llama3.1", compatible.Kernel.GetRequiredService<IChatCompletionService>().Attributes["ModelId"]);
    }

    /// <summary>
    /// What the hosts do: their configuration (here <paramref name="environment"/> stands for the environment), the
    /// documented variables mapped into the Teacher section by <see cref="TeacherConfiguration"/>, the section bound.
    /// </summary>
    private static TeacherProviderOptions HostBinding(Dictionary<string, string?> environment)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(environment);
        configuration.AddInMemoryCollection(TeacherConfiguration.FromDocumentedVariables(configuration));
        return configuration.GetSection(TeacherProviderOptions.Section).Get<TeacherProviderOptions>() ?? new TeacherProviderOptions();
    }

    private static string? Read(TeacherProviderOptions options, string property) => property switch
    {
        nameof(TeacherProviderOptions.ApiKey) => options.ApiKey,
        nameof(TeacherProviderOptions.Model) => options.Model,
        nameof(TeacherProviderOptions.Endpoint) => options.Endpoint?.ToString(),
        nameof(TeacherProviderOptions.Deployment) => options.Deployment,
        nameof(TeacherProviderOptions.ApiVersion) => options.ApiVersion,
        nameof(TeacherProviderOptions.ReplayDirectory) => options.ReplayDirectory,
        nameof(TeacherProviderOptions.ReplaySplit) => TeacherProviderOptions.SplitName(options.ReplaySplit),
        nameof(TeacherProviderOptions.InputPricePerMillion) => options.InputPricePerMillion.ToString(CultureInfo.InvariantCulture),
        nameof(TeacherProviderOptions.OutputPricePerMillion) => options.OutputPricePerMillion.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(property, nameof(property)),
    };

    /// <summary>Stands in for api.openai.com at the socket: records the request, answers one canned completion.</summary>
    private sealed class CannedTransport : HttpMessageHandler
    {
        public string? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public string Body { get; private set; } = string.Empty;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri!.ToString();
            Authorization = request.Headers.Authorization?.ToString();
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            const string json = """{"id":"c","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":1,"total_tokens":12}}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
