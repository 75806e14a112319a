using System.Net;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;

namespace SkillGraph.Server.Tests.Auth;

/// <summary>
/// Who may do what, through real HTTP outside Development, with real keys: every role against a read, each student field
/// and the teacher. A refused field is refused before anything runs: 403 with <c>FORBIDDEN</c>; no key at all is 401.
/// </summary>
[Collection(AuthCollection.Name)]
public sealed class RoleBoundaryTests(AuthServerFixture fixture)
{
    private const string JobAd = "We are looking for a software developer with Java and SQL.";

    /// <summary>A query per kind of right; the student fields are those that reach ISkillExtractor / IResumeMatcher.</summary>
    private static readonly Dictionary<string, string> Queries = new(StringComparer.Ordinal)
    {
        ["search"] = """{ search(text: "software developer", first: 1) { uri } }""",
        ["extractSkills"] = $$"""{ extractSkills(text: "{{JobAd}}", first: 1) { model } }""",
        ["matchResume"] = $$"""{ matchResume(jobDescription: "{{JobAd}}", resume: "Java developer") { score } }""",
        ["suggestOccupations"] = $$"""{ suggestOccupations(text: "{{JobAd}}", first: 1) { model } }""",
        ["generateJobDescription"] = $$"""{ generateJobDescription(occupationUri: "{{AuthServer.Developer}}", seed: 2) { title } }""",
    };

    /// <summary>The documented table (README, decision 0014), written out here rather than read from the code.</summary>
    public static TheoryData<Role, string, bool> Boundaries()
    {
        var allowed = new Dictionary<Role, string[]>
        {
            [Role.Analyst] = ["search"],
            [Role.App] = ["search", "extractSkills", "matchResume", "suggestOccupations"],
            [Role.Steward] = ["search", "extractSkills", "matchResume", "suggestOccupations", "generateJobDescription"],
            [Role.Reviewer] = ["search", "extractSkills", "matchResume", "suggestOccupations"],
            [Role.Admin] = ["search", "extractSkills", "matchResume", "suggestOccupations", "generateJobDescription"],
        };
        var data = new TheoryData<Role, string, bool>();
        foreach (var (role, fields) in allowed)
        {
            foreach (var field in Queries.Keys)
            {
                data.Add(role, field, fields.Contains(field));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task EachRoleMayUseExactlyItsFields(Role role, string field, bool allowed)
    {
        using var client = fixture.Server.Client(fixture.Server.Keys[role]);

        var answer = await GraphQLAnswer.PostAsync(client, Queries[field]);

        if (allowed)
        {
            // The student may still be loading (STUDENT_LOADING): the request got past authorization either way.
            Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
            Assert.DoesNotContain("FORBIDDEN", answer.Codes);
            Assert.DoesNotContain("UNAUTHENTICATED", answer.Codes);
        }
        else
        {
            Assert.True(answer.Status == HttpStatusCode.Forbidden, answer.ToString());
            Assert.Equal(["FORBIDDEN"], answer.Codes);
            Assert.Null(answer.Body["data"]);
        }
    }

    [Fact]
    public async Task AnAnalystKeyIsRefusedTheStudentAndTheTeacherWithForbiddenNamingTheRolesThatMay()
    {
        using var client = fixture.Server.Client(fixture.Server.Keys[Role.Analyst]);

        var answer = await GraphQLAnswer.PostAsync(client, $$"""{ search(text: "java", first: 1) { uri } extractSkills(text: "Java") { model } generateJobDescription(occupationUri: "{{AuthServer.Developer}}") { title } }""");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        var messages = answer.Body["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Equal(
            [
                "extractSkills needs UseStudent (held by app, steward, reviewer, admin); the caller 'analyst' (role analyst) may not.",
                "generateJobDescription needs SpendTeacher (held by steward, admin); the caller 'analyst' (role analyst) may not.",
            ],
            messages);
    }

    [Fact]
    public async Task WithoutAKeyOutsideDevelopmentEveryOperationIs401HealthStaysOpenAndGraphiQLIsOff()
    {
        using var client = fixture.Server.Client();

        foreach (var query in new[] { Queries["search"], "{ __typename }", "{ __schema { queryType { name } } }" })
        {
            var answer = await GraphQLAnswer.PostAsync(client, query);
            Assert.True(answer.Status == HttpStatusCode.Unauthorized, answer.ToString());
            Assert.Equal(["UNAUTHENTICATED"], answer.Codes);
            Assert.Contains("X-Api-Key", answer.Response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/graphql/sdl")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.Accept.ParseAdd("text/html");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(page)).StatusCode); // GraphiQL: Development only unless GraphQL:GraphiQL (docs/security.md)

        using var analyst = fixture.Server.Client(fixture.Server.Keys[Role.Analyst]);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/graphql/sdl")).StatusCode);
    }

    [Fact]
    public async Task AKeyThatIsNotKnownOrWasRevokedIs401()
    {
        using var wrong = fixture.Server.Client("sg_" + new string('A', 43));
        var answer = await GraphQLAnswer.PostAsync(wrong, Queries["search"]);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("the X-Api-Key is not a key of this server, or it was revoked.", answer.Body["errors"]![0]!["message"]!.GetValue<string>());

        var key = await ApiKeysFor.CreateAsync(fixture.Server.DatabasePath, "short-lived", Role.App);
        using var client = fixture.Server.Client(key);
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // a key missing from the server's copy reads the store again once the copy is older than Auth:KeyRefresh (here 200 ms) or 1 s
        Assert.Equal(HttpStatusCode.OK, (await GraphQLAnswer.PostAsync(client, Queries["search"])).Status);

        await new SkillGraph.ApiKeys.SqliteApiKeyStore(fixture.Server.DatabasePath).RevokeAsync("short-lived", DateTimeOffset.UtcNow);
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // Auth:KeyRefresh is 200 ms here (5 s by default)
        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLAnswer.PostAsync(client, Queries["search"])).Status);
    }

    [Fact]
    public async Task ABearerTokenCarriesItsRolesLikeAKey()
    {
        using var steward = fixture.Server.BearerClient(new Dictionary<string, object> { ["sub"] = "curation-service", ["role"] = "steward" });
        using var analyst = fixture.Server.BearerClient(new Dictionary<string, object> { ["sub"] = "bi-tool", ["role"] = "analyst" });
        using var noRole = fixture.Server.BearerClient(new Dictionary<string, object> { ["sub"] = "stranger" });
        using var forged = fixture.Server.BearerClient(new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "admin" }, signingKey: "not-the-servers-signing-key-0123456789abcdef");

        var teacher = await GraphQLAnswer.PostAsync(steward, Queries["generateJobDescription"]);
        Assert.True(teacher.Status == HttpStatusCode.OK && teacher.Codes.Count == 0, teacher.ToString());
        var student = await GraphQLAnswer.PostAsync(analyst, Queries["extractSkills"]);
        Assert.Equal((HttpStatusCode.Forbidden, "extractSkills needs UseStudent (held by app, steward, reviewer, admin); the caller 'bi-tool' (role analyst) may not."), (student.Status, student.Body["errors"]![0]!["message"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await GraphQLAnswer.PostAsync(noRole, Queries["search"])).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLAnswer.PostAsync(forged, Queries["search"])).Status);
    }

    [Fact]
    public async Task AnAnalystIsRefusedEveryStudentAndTeacherRootFieldBeforeItRuns()
    {
        // Every root field whose request declares more than Read also declares it on the field: none is refused only
        // later by the Mediator behaviour (which would be 200 with a field error instead of 403).
        using var admin = fixture.Server.Client(fixture.Server.Keys[Role.Admin]);
        var fields = (await GraphQLAnswer.PostAsync(admin, "{ __schema { queryType { fields { name } } } }")).Body["data"]!["__schema"]!["queryType"]!["fields"]!
            .AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Superset(Queries.Keys.ToHashSet(), fields.ToHashSet());

        using var analyst = fixture.Server.Client(fixture.Server.Keys[Role.Analyst]);
        foreach (var field in Queries.Keys.Where(f => f != "search"))
        {
            var answer = await GraphQLAnswer.PostAsync(analyst, Queries[field]);
            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{field}: {answer}");
        }
    }
}
