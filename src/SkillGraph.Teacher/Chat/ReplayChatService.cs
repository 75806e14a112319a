using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// Replay of the recorded SkillSkape corpus (one split, <see cref="ReplayCorpus"/>) as an SK chat service. It answers
/// from what was recorded:
/// <list type="bullet">
/// <item>sentences: recorded sentences whose every skill lies in the occupation's context (so there may be fewer than asked, or none);</item>
/// <item>job description: up to six recorded sentences chosen greedily to name the most context skills — first the
/// essential ones the pipeline can remove, then other essential ones, then any — joined under a title, then the offline
/// teacher's sentence asking for the input's required years when it has them; its skills are the context skills they name;</item>
/// <item>resumes: the matched resume from recorded sentences naming the job's required skills (others than the job
/// description's where the corpus has them), grouped into experience entries (<see cref="OfflineWriter.ComposeResumes"/>);
/// the unmatched one filters it as the offline teacher does: the sentences naming a removed skill, one entry when
/// asked, the years when shortened.</item>
/// </list>
/// The choice among equal candidates is seeded by the input's seed, so replay is deterministic.
/// </summary>
public sealed class ReplayChatService(ReplayCorpus corpus, string modelId = TeacherProviderOptions.ReplayModel) : IChatCompletionService
{
    private const int JobSentences = 6;

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { [AIServiceExtensions.ModelIdKey] = modelId };

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = chatHistory.LastOrDefault(m => m.Role == AuthorRole.User)?.Content ?? string.Empty;
        var input = TeachingPromptText.ReadInput(user)
            ?? throw new InvalidOperationException($"replay teacher: the last user message has no '{TeachingPromptText.InputHeading}' JSON block.");
        var context = input.Skills.Select(s => s.Uri).ToHashSet(StringComparer.Ordinal);
        var answer = input.Task switch
        {
            TeachingTasks.Sentences => TeacherJson.Line(Sentences(input, Candidates(input, context))),
            TeachingTasks.JobDescription => TeacherJson.Line(JobDescription(input, Candidates(input, context))),
            TeachingTasks.Resumes => TeacherJson.Line(Resumes(input, Candidates(input, (input.RequiredSkills ?? []).Where(context.Contains)), context)),
            _ => throw new InvalidOperationException($"replay teacher: unknown task '{input.Task}'."),
        };
        IReadOnlyList<ChatMessageContent> result = [new ChatMessageContent(AuthorRole.Assistant, answer, modelId)];
        return Task.FromResult(result);
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messages = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, messages[0].Content, modelId: modelId);
    }

    /// <summary>The recorded sentences naming any of <paramref name="skills"/>, in the input's seeded order.</summary>
    private List<Candidate> Candidates(TeachingInput input, IEnumerable<string> skills)
    {
        var context = input.Skills.Select(s => s.Uri).ToHashSet(StringComparer.Ordinal);
        return [.. corpus.SentencesNaming(skills)
            .Select(i => corpus.Sentences[i])
            .Select(s => new Candidate(s, [.. s.Skills.Where(context.Contains)], OfflineWriter.StableSeed(input.Seed, input.Occupation.Uri, s.Source)))
            .OrderBy(c => c.Tie).ThenBy(c => c.Sentence.Source, StringComparer.Ordinal)];
    }

    private static SentencesAnswer Sentences(TeachingInput input, List<Candidate> candidates) =>
        new([.. candidates.Where(c => c.InContext.Count == c.Sentence.Skills.Count)
            .Take(input.Count ?? 6)
            .Select(c => new SentenceAnswer(c.Sentence.Text, c.Sentence.Skills))]);

    private static JobDescriptionAnswer JobDescription(TeachingInput input, List<Candidate> candidates)
    {
        // The pipeline removes 1-3 essential skills whose labels are not in the occupation's label: cover those first.
        var essential = input.Skills.Where(s => s.Relation == "essential").ToList();
        var removable = essential.Where(s => LabelLeak.Find(input.Occupation.Label, s.AltLabels.Prepend(s.Label)).Count == 0).Select(s => s.Uri).ToHashSet(StringComparer.Ordinal);
        var essentialUris = essential.Select(s => s.Uri).ToHashSet(StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var chosen = new List<Candidate>();
        var pool = new List<Candidate>(candidates);
        while (chosen.Count < JobSentences && pool.Count > 0)
        {
            var best = pool.MaxBy(c =>
            {
                var fresh = c.InContext.Where(u => !covered.Contains(u)).ToList();
                return (fresh.Count(removable.Contains), fresh.Count(essentialUris.Contains), fresh.Count, c.InContext.Count);
            })!;
            pool.Remove(best);
            chosen.Add(best);
            covered.UnionWith(best.InContext);
        }

        var text = new StringBuilder();
        text.Append(input.Occupation.Label).Append('\n');
        text.AppendJoin(" ", chosen.Select(c => c.Sentence.Text));
        if (input.RequiredYears is { } years)
        {
            text.Append(' ').Append(OfflineWriter.RequiredYearsLine(years, new Random(OfflineWriter.StableSeed(input.Seed, input.Occupation.Uri, "years"))));
        }

        var skills = chosen.SelectMany(c => c.InContext).Distinct(StringComparer.Ordinal).ToList();
        return new JobDescriptionAnswer(input.Occupation.Label, text.ToString(), skills);
    }

    private static ResumesAnswer Resumes(TeachingInput input, List<Candidate> candidates, HashSet<string> context)
    {
        var required = (input.RequiredSkills ?? []).Where(context.Contains).ToList();
        var removed = (input.RemovedSkills ?? []).ToHashSet(StringComparer.Ordinal);
        var job = input.JobDescription ?? string.Empty;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var pieces = new List<ResumePiece>();
        foreach (var uri in required)
        {
            if (covered.Contains(uri))
            {
                continue;
            }

            // A sentence naming the skill: one the job description does not use, then (for a kept skill) one that names
            // no removed skill, so it stays in the unmatched resume, then one with fewer skills outside the context.
            var keptSkill = !removed.Contains(uri);
            var best = candidates
                .Where(c => c.InContext.Contains(uri) && !used.Contains(c.Sentence.Source))
                .OrderBy(c => job.Contains(c.Sentence.Text, StringComparison.Ordinal) ? 1 : 0)
                .ThenBy(c => keptSkill && c.InContext.Any(removed.Contains) ? 1 : 0)
                .ThenBy(c => c.Sentence.Skills.Count - c.InContext.Count)
                .FirstOrDefault();
            if (best is null)
            {
                continue;
            }

            used.Add(best.Sentence.Source);
            covered.UnionWith(best.InContext);
            pieces.Add(new ResumePiece(OneLine(best.Sentence.Text), best.InContext));
        }

        var labels = input.Skills.GroupBy(s => s.Uri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);
        var skillList = required.Where(covered.Contains).Select(u => new ResumePiece(labels[u], [u])).ToList();
        return new OfflineWriter(input).ComposeResumes(pieces, skillList, duties: false, sentences: true);
    }

    /// <summary>A recorded sentence on one line (a few hold line breaks, e.g. "Key Requirements:\n- …"): a resume line is one entry.</summary>
    internal static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed record Candidate(ReplaySentence Sentence, IReadOnlyList<string> InContext, int Tie);
}
