using System.Net;
using System.Text;
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

    [Fact]
    public void SettingsComeFromTheEnvironmentWhenTheOptionsLeaveThemOpen()
    {
        var environment = new Dictionary<string, string>
        {
            ["AZURE_OPENAI_ENDPOINT"] = "https://example.openai.azure.com/",
            ["AZURE_OPENAI_API_KEY"] = "k",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4o-teacher",
            ["SKILLGRAPH_TEACHER_INPUT_PRICE"] = "2.5",
        };
        var options = new TeacherProviderOptions { Kind = TeacherProviderKind.AzureOpenAI }.FromEnvironment(environment.GetValueOrDefault);
        Assert.Equal(new Uri("https://example.openai.azure.com/"), options.Endpoint);
        Assert.Equal("gpt-4o-teacher", options.Deployment);
        Assert.Equal(2.5m, options.InputPricePerMillion);
        Assert.Empty(options.Validate());
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
