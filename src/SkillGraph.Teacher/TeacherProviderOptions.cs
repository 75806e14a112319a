using System.ComponentModel;
using Microsoft.Extensions.Configuration;

namespace SkillGraph.Teacher;

/// <summary>
/// Which chat model writes the data. Every one is an SK <c>IChatCompletionService</c>. Configuration binds it from
/// the names <see cref="TeacherProviderOptions.ParseKind"/> accepts (<see cref="TeacherProviderKindConverter"/>).
/// </summary>
[TypeConverter(typeof(TeacherProviderKindConverter))]
public enum TeacherProviderKind
{
    /// <summary>Deterministic, seeded, grounded only in the graph context of the prompt; no network.</summary>
    Offline = 1,

    /// <summary>The recorded SkillSkape corpus (train.csv or dev.csv; never test.csv) mapped onto ESCO URIs by preferred label.</summary>
    Replay = 2,

    OpenAI = 3,

    AzureOpenAI = 4,

    /// <summary>Any server that speaks OpenAI's chat-completions wire format: Ollama, vLLM, llama.cpp server, LM Studio.</summary>
    OpenAICompatible = 5,
}

/// <summary>Which file of the recorded SkillSkape corpus replay reads; test.csv is never read.</summary>
public enum ReplaySplit
{
    /// <summary>train.csv.</summary>
    Train = 0,

    /// <summary>dev.csv.</summary>
    Dev = 1,
}

/// <summary>
/// The teacher model and how to reach it. The hosts bind it from the configuration section <see cref="Section"/>
/// (<c>Teacher:Provider</c>, <c>Teacher:Model</c>, …), where <see cref="TeacherConfiguration"/> has put the documented
/// environment variables (OPENAI_API_KEY, OPENAI_BASE_URL, AZURE_OPENAI_*, SKILLGRAPH_TEACHER_*); the library reads
/// no environment.
/// </summary>
public sealed record TeacherProviderOptions
{
    public const string Section = "Teacher";
    public const string OfflineModel = "skillgraph-offline-v1";
    /// <summary>The replay teacher's model name; provenance and the answer cache add the split (<see cref="ModelName"/>).</summary>
    public const string ReplayModel = "skillskape-replay-v2";

    /// <summary>The configuration key is <c>Teacher:Provider</c>: offline | replay | openai | azure | openai-compatible.</summary>
    [ConfigurationKeyName("Provider")]
    public TeacherProviderKind Kind { get; init; } = TeacherProviderKind.Offline;

    /// <summary>Model id (OpenAI, compatible servers) or the model behind an Azure deployment.</summary>
    public string? Model { get; init; }

    /// <summary>Base URL: the compatible server's (e.g. http://localhost:11434/v1 for Ollama) or the Azure resource's.</summary>
    public Uri? Endpoint { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Azure OpenAI deployment name.</summary>
    public string? Deployment { get; init; }

    /// <summary>Azure OpenAI API version; the connector's default when null.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Folder with the SkillSkape CSVs for <see cref="TeacherProviderKind.Replay"/> (train.csv, dev.csv).</summary>
    public string? ReplayDirectory { get; init; }

    /// <summary>The one corpus file replay reads: train (default) or dev (<c>Teacher:ReplaySplit</c>, <c>--replay-split</c>).</summary>
    public ReplaySplit ReplaySplit { get; init; } = ReplaySplit.Train;

    public double Temperature { get; init; } = 0.7;

    public int MaxOutputTokens { get; init; } = 1500;

    /// <summary>Retries of a failed HTTP call (429, 5xx, timeouts, connection errors) with exponential backoff and Retry-After.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The median wait before the first retry; each next one doubles (with jitter), at most a minute.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one try may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long one call may take, every try and wait included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many HTTP requests a minute to the provider (0: no limit).</summary>
    public int RequestsPerMinute { get; init; } = 60;

    /// <summary>Price of a million input (prompt) tokens; with <see cref="OutputPricePerMillion"/> gives a run's cost.</summary>
    public decimal InputPricePerMillion { get; init; }

    public decimal OutputPricePerMillion { get; init; }

    public bool IsRemote => Kind is TeacherProviderKind.OpenAI or TeacherProviderKind.AzureOpenAI or TeacherProviderKind.OpenAICompatible;

    /// <summary>The model name recorded in provenance.</summary>
    public string ModelName => Kind switch
    {
        TeacherProviderKind.Offline => Model ?? OfflineModel,
        TeacherProviderKind.Replay => ReplayModel + "-" + SplitName(ReplaySplit),
        TeacherProviderKind.AzureOpenAI => Model ?? Deployment ?? "azure-openai",
        _ => Model ?? "unknown",
    };

    /// <summary>The provider name recorded in provenance (and accepted by <see cref="ParseKind"/>).</summary>
    public string ProviderName => KindName(Kind);

    public static string KindName(TeacherProviderKind kind) => kind switch
    {
        TeacherProviderKind.Offline => "offline",
        TeacherProviderKind.Replay => "replay",
        TeacherProviderKind.OpenAI => "openai",
        TeacherProviderKind.AzureOpenAI => "azure",
        TeacherProviderKind.OpenAICompatible => "openai-compatible",
        _ => kind.ToString(),
    };

    /// <summary>train | dev: the name of a split on the command line, in configuration and in the replay model's name.</summary>
    public static string SplitName(ReplaySplit split) => split == ReplaySplit.Dev ? "dev" : "train";

    /// <summary>offline | replay | openai | azure | openai-compatible; throws <see cref="ArgumentException"/> naming the value otherwise.</summary>
    public static TeacherProviderKind ParseKind(string value) => value.Trim().ToUpperInvariant() switch
    {
        "OFFLINE" => TeacherProviderKind.Offline,
        "REPLAY" => TeacherProviderKind.Replay,
        "OPENAI" => TeacherProviderKind.OpenAI,
        "AZURE" or "AZURE-OPENAI" or "AZUREOPENAI" => TeacherProviderKind.AzureOpenAI,
        "OPENAI-COMPATIBLE" or "OPENAICOMPATIBLE" or "OLLAMA" or "VLLM" or "LLAMACPP" or "LLAMA.CPP" => TeacherProviderKind.OpenAICompatible,
        _ => throw new ArgumentException($"'{value}' is not a teacher provider (offline, replay, openai, azure, openai-compatible).", nameof(value)),
    };

    public IEnumerable<string> Validate()
    {
        switch (Kind)
        {
            case TeacherProviderKind.OpenAI:
                if (string.IsNullOrWhiteSpace(Model))
                {
                    yield return "the openai provider needs a model (--model or OPENAI_MODEL)";
                }

                if (string.IsNullOrWhiteSpace(ApiKey))
                {
                    yield return "the openai provider needs an API key (OPENAI_API_KEY)";
                }

                break;
            case TeacherProviderKind.AzureOpenAI:
                if (Endpoint is null)
                {
                    yield return "the azure provider needs an endpoint (AZURE_OPENAI_ENDPOINT)";
                }

                if (string.IsNullOrWhiteSpace(Deployment))
                {
                    yield return "the azure provider needs a deployment (AZURE_OPENAI_DEPLOYMENT)";
                }

                if (string.IsNullOrWhiteSpace(ApiKey))
                {
                    yield return "the azure provider needs an API key (AZURE_OPENAI_API_KEY)";
                }

                break;
            case TeacherProviderKind.OpenAICompatible:
                if (Endpoint is null)
                {
                    yield return "the openai-compatible provider needs a base URL (--endpoint or OPENAI_BASE_URL), e.g. http://localhost:11434/v1";
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    yield return "the openai-compatible provider needs a model (--model or OPENAI_MODEL)";
                }

                break;
            default:
                break;
        }

        if (Endpoint is { IsAbsoluteUri: false })
        {
            yield return $"the teacher endpoint must be an absolute URL (got '{Endpoint}')";
        }

        if (MaxRetries < 0 || MaxRetries > 20)
        {
            yield return $"max retries must be between 0 and 20 (got {MaxRetries})";
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"the retry base delay must be between 0 and 1 minute (got {RetryBaseDelay})";
        }

        if (RequestTimeout < TimeSpan.FromMilliseconds(10) || RequestTimeout > TotalTimeout)
        {
            yield return $"the request timeout must be between 10 ms and the total timeout (got {RequestTimeout}, total {TotalTimeout})";
        }

        if (TotalTimeout > TimeSpan.FromHours(12))
        {
            yield return $"the total timeout must be at most 12 hours (got {TotalTimeout})";
        }

        if (RequestsPerMinute < 0)
        {
            yield return $"requests per minute must not be negative (got {RequestsPerMinute})";
        }
    }
}
