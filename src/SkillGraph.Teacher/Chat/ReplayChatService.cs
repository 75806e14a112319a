using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// Replay of the recorded SkillSkape corpus as an SK chat service. It answers from what was recorded:
/// <list type="bullet">
/// <item>sentences: recorded sentences whose every skill lies in the occupation's context (so there may be fewer than asked, or none);</item>
/// <item>job description: the recorded sentences that name most of the context's skills, joined under a title; its skills are the context skills they name;</item>
/// <item>resumes: the corpus records no resumes, so these come from <paramref name="resumeWriter"/> (the offline teacher).</item>
/// </list>
/// The choice among equal candidates is seeded by the input's seed, so replay is deterministic.
/// </summary>
public sealed class ReplayChatService(ReplayCorpus corpus, IChatCompletionService resumeWriter) : IChatCompletionService
{
    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { [AIServiceExtensions.ModelIdKey] = TeacherProviderOptions.ReplayModel };

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        var user = chatHistory.LastOrDefault(m => m.Role == AuthorRole.User)?.Content ?? string.Empty;
        var input = TeachingPromptText.ReadInput(user)
            ?? throw new InvalidOperationException($"replay teacher: the last user message has no '{TeachingPromptText.InputHeading}' JSON block.");
        if (input.Task == TeachingTasks.Resumes)
        {
            return await resumeWriter.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        }

        var context = input.Skills.Select(s => s.Uri).ToHashSet(StringComparer.Ordinal);
        var candidates = corpus.SentencesNaming(context)
            .Select(i => corpus.Sentences[i])
            .Select(s => (Sentence: s, InContext: s.Skills.Count(context.Contains), Tie: OfflineWriter.StableSeed(input.Seed, input.Occupation.Uri, s.Source)))
            .ToList();
        string answer;
        if (input.Task == TeachingTasks.Sentences)
        {
            var chosen = candidates.Where(c => c.InContext == c.Sentence.Skills.Count)
                .OrderBy(c => c.Tie).ThenBy(c => c.Sentence.Source, StringComparer.Ordinal)
                .Take(input.Count ?? 6)
                .Select(c => new SentenceAnswer(c.Sentence.Text, c.Sentence.Skills))
                .ToList();
            answer = TeacherJson.Line(new SentencesAnswer(chosen));
        }
        else if (input.Task == TeachingTasks.JobDescription)
        {
            var chosen = candidates.OrderByDescending(c => c.InContext).ThenBy(c => c.Tie).ThenBy(c => c.Sentence.Source, StringComparer.Ordinal).Take(6).ToList();
            var text = new StringBuilder();
            text.Append(input.Occupation.Label).Append('\n');
            text.AppendJoin(" ", chosen.Select(c => c.Sentence.Text));
            var skills = chosen.SelectMany(c => c.Sentence.Skills).Where(context.Contains).Distinct(StringComparer.Ordinal).ToList();
            answer = TeacherJson.Line(new JobDescriptionAnswer(input.Occupation.Label, text.ToString(), skills));
        }
        else
        {
            throw new InvalidOperationException($"replay teacher: unknown task '{input.Task}'.");
        }

        return [new ChatMessageContent(AuthorRole.Assistant, answer, TeacherProviderOptions.ReplayModel)];
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messages = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, messages[0].Content, modelId: TeacherProviderOptions.ReplayModel);
    }
}
