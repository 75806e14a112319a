using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;

namespace SkillGraph.Teacher.Tests.Providers;

/// <summary>
/// The OpenAI-compatible provider for real: SK's OpenAI connector, over the teacher's HTTP stack (retries, rate
/// limit), pointed at a fake chat-completions server on 127.0.0.1 (<see cref="FakeChatCompletionsServer"/> — a
/// stand-in for Ollama, vLLM or llama.cpp server, since no model server can run here).
/// </summary>
[Collection(TeacherCollection.Name)]
public sealed class OpenAICompatibleProviderTests(TeacherFixture fixture)
{
    [Fact]
    public async Task TheSkOpenAIConnectorTeachesThroughACompatibleServerRetryingThrottlingAndCountingTokens()
    {
        await using var server = new FakeChatCompletionsServer { ThrottleFirst = 2 };
        var options = Options(fixture.NewDirectory(), server, occupations: 3);

        var summary = await fixture.NewRun().RunAsync(options);

        Assert.Equal(3, summary.Written);
        Assert.Equal(2, server.Throttled);
        Assert.Equal(9 + 2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("local-model", r["model"]!.GetValue<string>()));
        Assert.All(server.Authorizations, a => Assert.Equal("Bearer test-key", a));
        Assert.All(server.Requests, r => Assert.Equal("json_object", r["response_format"]?["type"]?.GetValue<string>()));
        Assert.Equal(9, summary.ModelCalls);
        Assert.Equal(9 * 1000, summary.InputTokens);
        Assert.Equal(9 * 200, summary.OutputTokens);
        Assert.Equal(((9 * 1000 * 2m) + (9 * 200 * 8m)) / 1_000_000m, summary.Cost);

        var record = Jsonl.Read<TeacherRecord>(options.OutputPath)[0];
        Assert.Equal(new TeacherProvenance("openai-compatible", "local-model", record.Teacher.PromptHash), record.Teacher);

        // The system prompt, the few-shot turns and the input, as SK rendered them from the prompt file.
        var messages = server.Requests[^1]["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task AnAnswerNamingASkillOutsideTheContextIsAskedAgainWithTheErrorsThenRejected()
    {
        await using var server = new FakeChatCompletionsServer { WrongJobDescriptions = 1 };
        var options = Options(fixture.NewDirectory(), server, occupations: 1);
        var summary = await fixture.NewRun().RunAsync(options);

        Assert.Equal(1, summary.Written);
        var retry = server.Requests[1]["messages"]!.AsArray()[^1]!["content"]!.ToJsonString();
        Assert.Contains("REJECTED", retry, StringComparison.Ordinal);
        Assert.Contains("http://example.org/skill/invented", retry, StringComparison.Ordinal);
        Assert.Contains("juggling", retry, StringComparison.Ordinal);

        await using var stubborn = new FakeChatCompletionsServer { WrongJobDescriptions = 100 };
        var rejectedRun = Options(fixture.NewDirectory(), stubborn, occupations: 1);
        var rejected = await fixture.NewRun().RunAsync(rejectedRun);
        Assert.Equal(0, rejected.Written);
        Assert.Equal(1, rejected.Rejected);
        Assert.Equal(rejectedRun.MaxAttempts, stubborn.Requests.Count);
        var rejection = Assert.Single(Jsonl.Read<RejectionRecord>(rejectedRun.RejectedPathOrDefault));
        Assert.Equal("job-description", rejection.Task);
        Assert.Contains(rejection.Errors, e => e.Contains("juggling", StringComparison.Ordinal));
    }

    private static TeachOptions Options(string directory, FakeChatCompletionsServer server, int occupations) => new()
    {
        OutputPath = Path.Combine(directory, "teacher.jsonl"),
        Occupations = occupations,
        Seed = 7,
        SentencesPerOccupation = 3,
        CacheDirectory = Path.Combine(directory, "cache"),
        Provider = new TeacherProviderOptions
        {
            Kind = TeacherProviderKind.OpenAICompatible,
            Endpoint = server.BaseUrl,
            Model = "local-model",
            ApiKey = "test-key",
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestsPerMinute = 0,
            InputPricePerMillion = 2m,
            OutputPricePerMillion = 8m,
        },
    };
}
