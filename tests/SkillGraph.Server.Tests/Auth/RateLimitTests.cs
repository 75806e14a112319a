using System.Net;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Tests.Auth;

/// <summary>Per-key rate limits (ASP.NET Core's rate limiter): over the limit is 429 with Retry-After; the teacher has its own, lower limit.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private AuthServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthServer.StartAsync("Testing", new Dictionary<string, string>
    {
        ["Auth:RateLimits:PermitsPerWindow"] = "3",
        ["Auth:RateLimits:TeacherPermitsPerWindow"] = "1",
        ["Auth:RateLimits:Window"] = "00:01:00",
    });

    [Fact]
    public async Task AKeyOverItsLimitGets429WithRetryAfterAndOtherKeysDoNot()
    {
        using var analyst = _server.Client(_server.Keys[Role.Analyst]);
        using var app = _server.Client(_server.Keys[Role.App]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GraphQLAnswer.PostAsync(analyst, "{ __typename }")).Status);
        }

        var refused = await GraphQLAnswer.PostAsync(analyst, "{ __typename }");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(["LIMIT"], refused.Codes);
        var retryAfter = int.Parse(Assert.Single(refused.Response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await GraphQLAnswer.PostAsync(app, "{ __typename }")).Status);
    }

    [Fact]
    public async Task TheTeacherHasItsOwnLowerLimit()
    {
        using var steward = _server.Client(_server.Keys[Role.Steward]);
        var query = $$"""{ generateJobDescription(occupationUri: "{{AuthServer.Developer}}") { title } }""";

        var first = await GraphQLAnswer.PostAsync(steward, query);
        var second = await GraphQLAnswer.PostAsync(steward, query);
        var read = await GraphQLAnswer.PostAsync(steward, "{ __typename }");

        Assert.True(first.Status == HttpStatusCode.OK && first.Codes.Count == 0, first.ToString());
        Assert.Equal((HttpStatusCode.TooManyRequests, "LIMIT"), (second.Status, second.Codes.Single()));
        Assert.StartsWith("generateJobDescription: the caller's teacher calls are spent (1 per 00:01:00", second.Body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(Assert.Single(second.Response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, read.Status); // the general limit (3) is not spent
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
