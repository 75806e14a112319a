using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Tests.Pipeline;

/// <summary>The prompt files as SK renders them: roles, few-shot turns, and an input block that survives any text.</summary>
public sealed class PromptTests
{
    [Fact]
    public void EveryPromptIsAnEmbeddedVersionedFile()
    {
        Assert.Equal(["job-description.v2", "resumes.v2", "sentences.v1"], PromptLibrary.All.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        var folder = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillGraph.Teacher", "Prompts");
        foreach (var prompt in PromptLibrary.All)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder, prompt.Name + ".prompt.txt")).ReplaceLineEndings("\n"), prompt.Template);
        }
    }

    [Theory]
    [InlineData("job-description")]
    [InlineData("resumes")]
    [InlineData("sentences")]
    public async Task SkRendersSystemFewShotAndAnInputBlockThatReadsBackExactly(string task)
    {
        var prompt = PromptLibrary.All.Single(p => p.Task == task);
        var input = new TeachingInput
        {
            Task = task,
            Seed = 3,
            Occupation = new ContextOccupation("http://example.org/o/1", "R&D <lead> \"chief\"", "2111.1", "Leads R&D {{not a template}} & </message> tricks.", [], []),
            Skills = [new ContextSkillEntry("http://example.org/s/1", "use C++ & C#", "essential", "skill", ["write <code>"], "A & B", [])],
            Count = 2,
        };
        var capture = new CapturingChat();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(capture);
        var kernel = builder.Build();

        await kernel.InvokeAsync(prompt.Function, new KernelArguments { ["input"] = TeacherJson.Line(input), ["feedback"] = "fix <this> & that" });

        var history = Assert.IsType<ChatHistory>(capture.History);
        Assert.Equal([AuthorRole.System, AuthorRole.User, AuthorRole.Assistant, AuthorRole.User], history.Select(m => m.Role).ToArray());
        var last = history[^1].Content!;
        Assert.Equal(TeacherJson.Line(input), TeacherJson.Line(TeachingPromptText.ReadInput(last)));
        Assert.Contains("fix <this> & that", last, StringComparison.Ordinal);
        Assert.Contains(task, history[0].Content, StringComparison.Ordinal);
    }

    private sealed class CapturingChat : IChatCompletionService
    {
        public ChatHistory? History { get; private set; }

        public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { [AIServiceExtensions.ModelIdKey] = "capture" };

        public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
        {
            History = chatHistory;
            return Task.FromResult<IReadOnlyList<ChatMessageContent>>([new ChatMessageContent(AuthorRole.Assistant, "{}")]);
        }

        public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
