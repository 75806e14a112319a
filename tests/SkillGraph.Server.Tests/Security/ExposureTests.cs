using System.Net;
using System.Net.Http.Headers;
using SkillGraph.Application.Authorization;
using SkillGraph.Server.Tests.Auth;
using SkillGraph.Server.Tests.Startup;

namespace SkillGraph.Server.Tests.Security;

/// <summary>
/// docs/security.md, "GraphiQL and introspection": GraphiQL is served in Development only unless <c>GraphQL:GraphiQL</c>
/// says otherwise; the schema (introspection, <c>/graphql/sdl</c>) is shown to callers who may Read unless
/// <c>GraphQL:Introspection</c> is false.
/// </summary>
public sealed class ExposureTests
{
    [Fact]
    public async Task OutsideDevelopmentGraphiQLIsOffAndTheSchemaIsShownToReaders()
    {
        await using var server = await AuthServer.StartAsync("Production");
        using var analyst = server.Client(server.Keys[Role.Analyst]);

        var page = await GetPage(analyst);
        var script = await analyst.GetAsync("/lib/graphiql.min.js");
        var introspection = await GraphQLAnswer.PostAsync(analyst, "{ __schema { queryType { name } } }");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("GraphiQL is turned off on this server (setting GraphQL:GraphiQL)", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
        Assert.True(introspection.Status == HttpStatusCode.OK && introspection.Codes.Count == 0, introspection.ToString());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/graphql/sdl")).StatusCode);
    }

    [Fact]
    public async Task ConfiguredGraphiQLIsServedOutsideDevelopment()
    {
        await using var server = await AuthServer.StartAsync("Production", new Dictionary<string, string> { ["GraphQL:GraphiQL"] = "true" });
        using var anyone = server.Client();

        var page = await GetPage(anyone);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("graphiql.min.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/lib/graphiql.min.js")).StatusCode);
    }

    [Fact]
    public async Task IntrospectionTurnedOffIsRefusedByNameAndTypenameStillAnswers()
    {
        await using var server = await AuthServer.StartAsync("Development", new Dictionary<string, string> { ["GraphQL:Introspection"] = "false", ["GraphQL:GraphiQL"] = "false" });
        using var admin = server.Client(server.Keys[Role.Admin]);

        var schema = await GraphQLAnswer.PostAsync(admin, "{ __schema { queryType { name } } }");
        var type = await GraphQLAnswer.PostAsync(admin, "{ a: __type(name: \"Skill\") { name } }");
        var typename = await GraphQLAnswer.PostAsync(admin, "{ __typename }");
        var sdl = await admin.GetAsync("/graphql/sdl");

        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (schema.Status, schema.Codes.Single()));
        Assert.Equal("__schema: introspection is turned off on this server (setting GraphQL:Introspection).", schema.Body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (type.Status, type.Codes.Single()));
        Assert.True(typename.Status == HttpStatusCode.OK && typename.Codes.Count == 0, typename.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, sdl.StatusCode);
        Assert.DoesNotContain("type Query", await sdl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphiQLWithoutIntrospectionStopsTheServerWithOneLine()
    {
        var (exitCode, stderr, _) = await ServerProcess.RunAsync(("GraphQL__GraphiQL", "true"), ("GraphQL__Introspection", "false"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("GraphQL:GraphiQL needs GraphQL:Introspection", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOriginThatIsNotOneStopsTheServerWithOneLine()
    {
        var (exitCode, stderr, _) = await ServerProcess.RunAsync(("Cors__AllowedOrigins__0", "https://careers.example.com/path"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cors:AllowedOrigins: 'https://careers.example.com/path' is not an origin", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> GetPage(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client.SendAsync(request);
    }
}
