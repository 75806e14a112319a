using System.Diagnostics;
using System.Net;
using SkillGraph.Teacher.Chat;

namespace SkillGraph.Teacher.Tests.Providers;

/// <summary>The HTTP stack under the real providers: retry with backoff and the rate limit.</summary>
public sealed class TeacherHttpTests
{
    [Fact]
    public async Task TransientFailuresAreRetriedWithTheBodyResentAndOthersAreNot()
    {
        var transport = new ScriptedTransport(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var client = TeacherHttp.CreateClient(new TeacherProviderOptions { Kind = TeacherProviderKind.OpenAICompatible, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RequestsPerMinute = 0 }, transport);

        using var response = await client.PostAsync(new Uri("http://127.0.0.1:1/v1/chat/completions"), new StringContent("{\"a\":1}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["{\"a\":1}", "{\"a\":1}", "{\"a\":1}"], transport.Bodies);

        var badRequest = new ScriptedTransport(HttpStatusCode.BadRequest, HttpStatusCode.OK);
        using var other = TeacherHttp.CreateClient(new TeacherProviderOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RequestsPerMinute = 0 }, badRequest);
        using var refused = await other.PostAsync(new Uri("http://127.0.0.1:1/x"), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single(badRequest.Bodies);
    }

    [Fact]
    public async Task GivingUpAfterMaxRetriesReturnsTheLastFailure()
    {
        var transport = new ScriptedTransport(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 10).ToArray());
        using var client = TeacherHttp.CreateClient(new TeacherProviderOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RequestsPerMinute = 0 }, transport);
        using var response = await client.GetAsync(new Uri("http://127.0.0.1:1/x"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(3, transport.Bodies.Count);
    }

    [Fact]
    public async Task TheRateLimitSpacesRequests()
    {
        var transport = new ScriptedTransport(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK);
        using var client = TeacherHttp.CreateClient(new TeacherProviderOptions { RequestsPerMinute = 600 }, transport);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync(new Uri("http://127.0.0.1:1/x"))));
        Assert.True(clock.ElapsedMilliseconds >= 280, $"4 requests at 600/min took {clock.ElapsedMilliseconds} ms");
    }

    private sealed class ScriptedTransport(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Bodies)
            {
                Bodies.Add(body);
            }

            return new HttpResponseMessage(statuses[Math.Min(Interlocked.Increment(ref _next) - 1, statuses.Length - 1)]);
        }
    }
}
