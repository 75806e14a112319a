using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkillGraph.Graph;

namespace SkillGraph.Teacher.Chat;

/// <summary>An SK kernel whose chat service is the configured teacher behind the cache, with its usage meter.</summary>
public sealed class TeacherKernel : IDisposable
{
    private readonly HttpClient? _http;

    private TeacherKernel(Kernel kernel, TeacherProviderOptions provider, TeacherUsage usage, HttpClient? http)
    {
        Kernel = kernel;
        Provider = provider;
        Usage = usage;
        _http = http;
    }

    public Kernel Kernel { get; }

    public TeacherProviderOptions Provider { get; }

    public TeacherUsage Usage { get; }

    /// <summary>
    /// Builds the teacher for <paramref name="provider"/>: offline and replay here; OpenAI, Azure OpenAI and
    /// OpenAI-compatible servers through SK's connectors over <see cref="TeacherHttp"/> (timeouts, retries, rate limit).
    /// <paramref name="transport"/> replaces the socket handler (tests).
    /// </summary>
    public static async Task<TeacherKernel> CreateAsync(TeacherProviderOptions provider, IGraphStore graph, string? cacheDirectory, ILoggerFactory? loggerFactory = null, HttpMessageHandler? transport = null, CancellationToken cancellationToken = default)
    {
        var errors = provider.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(provider));
        }

        HttpClient? http = provider.IsRemote ? TeacherHttp.CreateClient(provider, transport, loggerFactory) : null;
        IChatCompletionService chat = provider.Kind switch
        {
            TeacherProviderKind.Offline => new OfflineTeacherChatService(provider.ModelName),
            TeacherProviderKind.Replay => new ReplayChatService(
                await ReplayCorpus.LoadAsync(provider.ReplayDirectory ?? throw new ArgumentException("the replay provider needs the SkillSkape folder (--replay-dir or SKILLGRAPH_REPLAY_DIR)", nameof(provider)), graph, provider.ReplaySplit, cancellationToken).ConfigureAwait(false),
                provider.ModelName),
            TeacherProviderKind.OpenAI => new OpenAIChatCompletionService(provider.Model!, provider.ApiKey!, httpClient: http, loggerFactory: loggerFactory),
            TeacherProviderKind.OpenAICompatible => new OpenAIChatCompletionService(provider.Model!, provider.Endpoint!, provider.ApiKey ?? "none", httpClient: http, loggerFactory: loggerFactory),
            TeacherProviderKind.AzureOpenAI => new AzureOpenAIChatCompletionService(provider.Deployment!, provider.Endpoint!.ToString(), provider.ApiKey!, provider.Model, http, loggerFactory, provider.ApiVersion),
            _ => throw new ArgumentException($"unknown teacher provider {provider.Kind}", nameof(provider)),
        };

        var usage = new TeacherUsage(provider.InputPricePerMillion, provider.OutputPricePerMillion);
        var builder = Kernel.CreateBuilder();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IChatCompletionService>(new CachingChatService(chat, provider.ProviderName, provider.ModelName, cacheDirectory, usage));
        return new TeacherKernel(builder.Build(), provider, usage, http);
    }

    /// <summary>The execution settings of every teacher call: JSON answers, the run's temperature and seed.</summary>
    public PromptExecutionSettings Settings(int seed) => new OpenAIPromptExecutionSettings
    {
        Temperature = Provider.Temperature,
        MaxTokens = Provider.MaxOutputTokens,
        Seed = seed,
        ResponseFormat = "json_object",
    };

    public void Dispose() => _http?.Dispose();
}
