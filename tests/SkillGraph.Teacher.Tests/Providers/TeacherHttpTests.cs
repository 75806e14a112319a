using System.Diagnostics;
using System.Net;
using Polly.Timeout;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Tests.Support;
using Xunit.Abstractions;

namespace SkillGraph.Teacher.Tests.Providers;

/// <summary>
/// The HTTP stack under the real providers (Microsoft.Extensions.Http.Resilience: timeouts, retry, rate limit),
/// through real HTTP to a scripted server on 127.0.0.1.
/// </summary>
public sealed class TeacherHttpTests(ITestOutputHelper output)
{
    private static readonly TeacherProviderOptions Fast = new()
    {
        Kind = TeacherProviderKind.OpenAICompatible,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RequestsPerMinute = 0,
    };

    [Fact]
    public async Task TransientFailuresAreRetriedWithTheBodyResentAndOthersAreNot()
    {
        await using var server = new ScriptedHttpServer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.RequestTimeout, ScriptedAnswer.Ok);
        using var client = TeacherHttp.CreateClient(Fast);

        using var response = await client.PostAsync(server.Url, new StringContent("{\"a\":1}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["{\"a\":1}", "{\"a\":1}", "{\"a\":1}", "{\"a\":1}"], server.Bodies);

        await using var refusing = new ScriptedHttpServer(HttpStatusCode.BadRequest, ScriptedAnswer.Ok);
        using var refused = await client.PostAsync(refusing.Url, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single(refusing.Bodies);
    }

    [Fact]
    public async Task ADroppedConnectionAndATryOverTheRequestTimeoutAreRetried()
    {
        await using var server = new ScriptedHttpServer(ScriptedAnswer.Dropped, new ScriptedAnswer(HttpStatusCode.OK, Delay: TimeSpan.FromSeconds(3)), ScriptedAnswer.Ok);
        using var client = TeacherHttp.CreateClient(Fast with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsync(server.Url, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Bodies.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"the slow try was not cut at the request timeout: {clock.Elapsed}");
    }

    [Fact]
    public async Task GivingUpAfterMaxRetriesReturnsTheLastFailure()
    {
        await using var server = new ScriptedHttpServer(HttpStatusCode.TooManyRequests);
        using var client = TeacherHttp.CreateClient(Fast with { MaxRetries = 2 });
        using var response = await client.PostAsync(server.Url, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(3, server.Bodies.Count);

        await using var once = new ScriptedHttpServer(HttpStatusCode.InternalServerError);
        using var noRetries = TeacherHttp.CreateClient(Fast with { MaxRetries = 0 });
        using var failed = await noRetries.PostAsync(once.Url, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Single(once.Bodies);
    }

    [Fact]
    public async Task RetryAfterSetsTheWaitInsteadOfTheBackoff()
    {
        // Retry-After: 0 beats a 30-second backoff; Retry-After: 1 beats a five-millisecond one.
        await using var now = new ScriptedHttpServer(new ScriptedAnswer(HttpStatusCode.TooManyRequests, RetryAfter: "0"), ScriptedAnswer.Ok);
        using var slowBackoff = TeacherHttp.CreateClient(Fast with { RetryBaseDelay = TimeSpan.FromSeconds(30) });
        await WarmUpAsync(slowBackoff);
        var clock = Stopwatch.StartNew();
        using (var response = await slowBackoff.PostAsync(now.Url, new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var immediate = clock.Elapsed;
        Assert.Equal(2, now.Bodies.Count);
        Assert.True(immediate < TimeSpan.FromSeconds(3), $"429 with Retry-After: 0 then 200 took {immediate.TotalMilliseconds:0} ms");

        await using var later = new ScriptedHttpServer(new ScriptedAnswer(HttpStatusCode.TooManyRequests, RetryAfter: "1"), ScriptedAnswer.Ok);
        using var client = TeacherHttp.CreateClient(Fast);
        clock.Restart();
        using (var response = await client.PostAsync(later.Url, new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var waited = clock.Elapsed;
        Assert.Equal(2, later.Bodies.Count);
        Assert.True(waited >= TimeSpan.FromMilliseconds(990), $"429 with Retry-After: 1 then 200 took {waited.TotalMilliseconds:0} ms");
        output.WriteLine($"429 (Retry-After: 0) then 200: 2 tries in {immediate.TotalMilliseconds:0.0} ms; 429 (Retry-After: 1) then 200: 2 tries in {waited.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task WithoutRetryAfterTheTriesBackOff()
    {
        await using var server = new ScriptedHttpServer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, ScriptedAnswer.Ok);
        using var client = TeacherHttp.CreateClient(Fast with { RetryBaseDelay = TimeSpan.FromMilliseconds(100) });
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsync(server.Url, new StringContent("{}"));

        // Polly's exponential backoff with jitter: the three waits add up to 2^(2+u)·tanh(√(4(2+u)))/1.4 times the
        // base for u in [0, 1), that is 2.9 to 5.7 × 100 ms.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, server.Bodies.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"three backoffs from a 100 ms base took only {clock.Elapsed.TotalMilliseconds:0} ms");
        output.WriteLine($"503, 503, 503, 200 at base 100 ms: {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task TheTotalTimeoutEndsACallThatKeepsTimingOut()
    {
        await using var server = new ScriptedHttpServer(new ScriptedAnswer(HttpStatusCode.OK, Delay: TimeSpan.FromSeconds(5)));
        using var client = TeacherHttp.CreateClient(Fast with { MaxRetries = 10, RequestTimeout = TimeSpan.FromMilliseconds(200), TotalTimeout = TimeSpan.FromMilliseconds(700) });
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.PostAsync(server.Url, new StringContent("{}")));

        // Ten retries of 200 ms would take over 2 s and 11 requests; the total timeout stops the call after 0.7 s. How many
        // tries fit in that depends on the machine's load (a busy 2-core runner fits one; with the other test assemblies
        // running beside it, the first may not even reach the scripted server in time), so only the bounds are asserted.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.InRange(server.Bodies.Count, 0, 4);
    }

    [Fact]
    public async Task TheRateLimitSpacesRequests()
    {
        await using var server = new ScriptedHttpServer(ScriptedAnswer.Ok);
        using var client = TeacherHttp.CreateClient(Fast with { RequestsPerMinute = 600 });
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await client.PostAsync(server.Url, new StringContent("{}"));
        }));

        // One token every 100 ms in a bucket of one: the first request goes at once, the second at the bucket's
        // next tick (up to 100 ms later), each further one a full period after that.
        Assert.Equal(5, server.Bodies.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"5 requests at 600/min took {clock.Elapsed.TotalMilliseconds:0} ms");
        output.WriteLine($"5 requests at 600/min: {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>One request before the timed ones, so that they do not time the JIT compiling the HTTP stack.</summary>
    private static async Task WarmUpAsync(HttpClient client)
    {
        await using var server = new ScriptedHttpServer(ScriptedAnswer.Ok);
        using var response = await client.PostAsync(server.Url, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
