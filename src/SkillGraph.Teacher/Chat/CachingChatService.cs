using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkillGraph.Formats;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// Wraps the teacher's chat service: hashes the prompt (every message, role and content, as SK rendered it),
/// answers from the on-disk cache when that prompt was answered before by the same provider and model (a rerun
/// costs nothing), else asks the model, counts tokens and cost, and stores the answer (written to a temporary
/// file, then moved, so a crash never leaves half an entry). The answer's metadata carries the prompt hash.
/// </summary>
public sealed class CachingChatService(IChatCompletionService inner, string provider, string model, string? cacheDirectory, TeacherUsage usage) : IChatCompletionService
{
    public const string PromptHashKey = "SkillGraph.PromptHash";
    public const string CacheHitKey = "SkillGraph.CacheHit";

    public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        using var activity = TeacherTelemetry.Source.StartActivity("teacher.chat");
        var promptHash = PromptHash(chatHistory);
        activity?.SetTag("gen_ai.system", provider);
        activity?.SetTag("gen_ai.request.model", model);
        activity?.SetTag("skillgraph.prompt_hash", promptHash);
        var settings = executionSettings as OpenAIPromptExecutionSettings;
        var key = TeacherHashes.Sha256($"{provider}\n{model}\n{settings?.Temperature}\n{settings?.MaxTokens}\n{promptHash}");
        var path = cacheDirectory is null ? null : Path.Combine(cacheDirectory, key[..2], key + ".json");
        if (path is not null && File.Exists(path))
        {
            var cached = JsonSerializer.Deserialize<CachedAnswer>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), TeacherJson.Options);
            if (cached?.Content is not null)
            {
                usage.AddCacheHit();
                TeacherTelemetry.CacheHits.Add(1, new KeyValuePair<string, object?>("provider", provider));
                activity?.SetTag("skillgraph.cache_hit", true);
                return [Message(cached.Content, promptHash, cacheHit: true)];
            }
        }

        var answers = await inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        var content = answers.Count > 0 ? answers[0].Content ?? string.Empty : string.Empty;
        var (input, output) = Tokens(answers.Count > 0 ? answers[0] : null, chatHistory, content);
        usage.AddCall(input, output);
        TeacherTelemetry.Calls.Add(1, new KeyValuePair<string, object?>("provider", provider));
        TeacherTelemetry.Tokens.Add(input, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("direction", "input"));
        TeacherTelemetry.Tokens.Add(output, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("direction", "output"));
        activity?.SetTag("gen_ai.usage.input_tokens", input);
        activity?.SetTag("gen_ai.usage.output_tokens", output);
        if (path is not null)
        {
            AtomicFile.WriteAllText(path, TeacherJson.Line(new CachedAnswer(provider, model, promptHash, content, input, output)));
        }

        return [Message(content, promptHash, cacheHit: false)];
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messages = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, messages[0].Content, modelId: model, metadata: messages[0].Metadata);
    }

    /// <summary>SHA-256 over the messages as the model sees them: role and content of each, in order.</summary>
    public static string PromptHash(ChatHistory chatHistory)
    {
        var text = new StringBuilder();
        foreach (var message in chatHistory)
        {
            text.Append(message.Role.Label).Append('\n').Append(message.Content).Append("\n\u001e\n");
        }

        return TeacherHashes.Sha256(text.ToString());
    }

    private ChatMessageContent Message(string content, string promptHash, bool cacheHit) =>
        new(AuthorRole.Assistant, content, model, metadata: new Dictionary<string, object?> { [PromptHashKey] = promptHash, [CacheHitKey] = cacheHit });

    /// <summary>Tokens as the provider counted them (OpenAI's usage), else estimated at four characters a token.</summary>
    private static (long Input, long Output) Tokens(ChatMessageContent? answer, ChatHistory chatHistory, string content)
    {
        if (answer?.Metadata is { } metadata && metadata.TryGetValue("Usage", out var usage) && usage is OpenAI.Chat.ChatTokenUsage tokens)
        {
            return (tokens.InputTokenCount, tokens.OutputTokenCount);
        }

        var promptChars = chatHistory.Sum(m => (long)(m.Content?.Length ?? 0));
        return ((promptChars + 3) / 4, (content.Length + 3) / 4);
    }

    private sealed record CachedAnswer(string Provider, string Model, string PromptHash, string Content, long InputTokens, long OutputTokens);
}
