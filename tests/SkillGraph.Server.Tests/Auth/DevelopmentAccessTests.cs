using System.Net;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Tests.Auth;

/// <summary>
/// In Development (what <c>dotnet run</c> starts) a request without a key has the rights of <c>app</c>: the README's
/// queries and the student work with no step; the teacher, which may cost money, still needs a key; a wrong key is 401.
/// </summary>
public sealed class DevelopmentAccessTests : IAsyncLifetime
{
    private AuthServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthServer.StartAsync("Development");

    [Fact]
    public async Task WithoutAKeyTheReadmeQueryAndTheStudentWork()
    {
        using var client = _server.Client();

        var readme = await GraphQLAnswer.PostAsync(client, $$"""
            {
              search(text: "software dev", kind: OCCUPATION, first: 3) { score matchedLabel concept { uri preferredLabel } }
              relatedOccupations(uri: "{{AuthServer.Developer}}", first: 3) { occupation { label } score reasons }
              skillGap(occupationUri: "{{AuthServer.Developer}}", heldSkillsText: "Java, SQL") { essentialCoverage }
            }
            """);
        var student = await GraphQLAnswer.PostAsync(client, """{ extractSkills(text: "Java and SQL", first: 1) { model } }""");

        Assert.True(readme.Status == HttpStatusCode.OK && readme.Codes.Count == 0, readme.ToString());
        Assert.True(student.Status == HttpStatusCode.OK && !student.Codes.Contains("FORBIDDEN") && !student.Codes.Contains("UNAUTHENTICATED"), student.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/graphql/sdl")).StatusCode);
    }

    [Fact]
    public async Task WithoutAKeyTheTeacherIs401AndWithAStewardKeyItAnswers()
    {
        var query = $$"""{ generateJobDescription(occupationUri: "{{AuthServer.Developer}}") { title } }""";
        using var anonymous = _server.Client();
        using var steward = _server.Client(_server.Keys[Role.Steward]);

        var refused = await GraphQLAnswer.PostAsync(anonymous, query);
        var answered = await GraphQLAnswer.PostAsync(steward, query);

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (refused.Status, refused.Codes.Single()));
        Assert.Equal("generateJobDescription needs SpendTeacher (held by steward, admin); the caller is not signed in: send an API key or a bearer token.", refused.Body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.True(answered.Status == HttpStatusCode.OK && answered.Codes.Count == 0, answered.ToString());
    }

    [Fact]
    public async Task WithoutAKeyTheViewerIsAnAnonymousApp()
    {
        using var client = _server.Client();

        var answer = await GraphQLAnswer.PostAsync(client, "{ viewer { name roles permissions } }");

        Assert.True(answer.Status == HttpStatusCode.OK && answer.Codes.Count == 0, answer.ToString());
        Assert.Equal("""{"name":null,"roles":["app"],"permissions":["Read","UseStudent"]}""", answer.Body["data"]!["viewer"]!.ToJsonString());
    }

    [Fact]
    public async Task AWrongKeyIsNeverSilentlyAnonymous()
    {
        using var wrong = _server.Client("sg_not-a-key");
        using var bearer = _server.Client();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLAnswer.PostAsync(wrong, "{ __typename }")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLAnswer.PostAsync(bearer, "{ __typename }")).Status);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
