using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Server.Tests.Occupations;

namespace SkillGraph.Server.Tests.Http;

[Collection(EscoCollection.Name)]
public sealed class GraphQLOverHttpTests(EscoServerFixture esco)
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private static HttpRequestMessage Post(string body, string contentType = "application/json", string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, string? MediaType, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await esco.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public async Task HealthzAnswersOk()
    {
        Assert.Equal("ok", await esco.Client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task VariablesAndOperationNameSelectWhatRuns()
    {
        var body = new JsonObject
        {
            ["query"] = "query A($u: String!) { occupation(uri: $u) { preferredLabel } } query B { search(text: \"x\", first: 1) { uri } }",
            ["operationName"] = "A",
            ["variables"] = new JsonObject { ["u"] = OccupationQueryTests.SoftwareDeveloper },
        };
        var (status, mediaType, answer) = await SendAsync(Post(body.ToJsonString(), accept: GraphQLResponse));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GraphQLResponse, mediaType);
        Assert.Equal("software developer", answer.Data()["occupation"]!["preferredLabel"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlainJsonClientsGetApplicationJson()
    {
        var (status, mediaType, answer) = await SendAsync(Post("""{"query":"{ __typename }"}""", accept: "application/json"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.Equal("Query", answer.Data()["__typename"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"query": """)]
    [InlineData("not json at all")]
    [InlineData("""[{"query":"{ __typename }"}]""")]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"query": "{ __typename }", "variables": "nope"}""")]
    [InlineData("""{}""")]
    public async Task MalformedBodyGets400WithAGraphQLError(string body)
    {
        var (status, _, answer) = await SendAsync(Post(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(answer.FirstError()));
        Assert.Null(answer["data"]);
    }

    [Fact]
    public async Task WrongContentTypeGets415()
    {
        var (status, _, answer) = await SendAsync(Post("{ __typename }", "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", answer.FirstError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationErrorIs400ForGraphQLResponseJsonAnd200ForJson()
    {
        const string body = """{"query":"{ occupation(uri: \"x\") { nope } }"}""";
        var (strict, _, strictAnswer) = await SendAsync(Post(body, accept: GraphQLResponse));
        var (legacy, _, legacyAnswer) = await SendAsync(Post(body, accept: "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, strict);
        Assert.Equal(HttpStatusCode.OK, legacy);
        Assert.Contains("Cannot query field 'nope' on type 'Occupation'", strictAnswer.FirstError(), StringComparison.Ordinal);
        Assert.Equal(strictAnswer.FirstError(), legacyAnswer.FirstError());
        Assert.NotNull(strictAnswer["errors"]![0]!["locations"]);
    }

    [Fact]
    public async Task SyntaxErrorNamesTheLocation()
    {
        var answer = await esco.QueryAsync("{ occupation(uri: ) { uri } }");
        Assert.Contains("Error parsing query: Unexpected )", answer.FirstError(), StringComparison.Ordinal);
        Assert.Equal(1, answer["errors"]![0]!["locations"]![0]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task BadVariablesGetPreciseErrors()
    {
        var wrongType = await esco.QueryAsync("query($u: String!) { occupation(uri: $u) { uri } }", new { u = new[] { 1, 2 } });
        Assert.Contains("$u", wrongType.FirstError(), StringComparison.Ordinal);

        var missing = await esco.QueryAsync("query($u: String!) { occupation(uri: $u) { uri } }");
        Assert.Contains("$u", missing.FirstError(), StringComparison.Ordinal);

        var badEnum = await esco.QueryAsync("query($t: SkillType) { skills(filter: { skillType: $t }, first: 1) { totalCount } }", new { t = "WIZARDRY" });
        Assert.Contains("$t", badEnum.FirstError(), StringComparison.Ordinal);

        var badUri = await esco.QueryAsync("query($u: String!) { occupation(uri: $u) { uri } }", new { u = "not a uri" });
        Assert.Contains("'not a uri' is not a concept URI", badUri.FirstError(), StringComparison.Ordinal);
        Assert.Equal("BAD_INPUT", badUri["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        // The document is cached now (it ran twice); variables are still checked on every request.
        await esco.QueryAsync("query($u: String!) { occupation(uri: $u) { uri } }", new { u = "not a uri either" });
        var wrongTypeAgain = await esco.QueryAsync("query($u: String!) { occupation(uri: $u) { uri } }", new { u = new[] { 1, 2 } });
        Assert.Equal(wrongType.FirstError(), wrongTypeAgain.FirstError());
    }

    [Fact]
    public async Task ADocumentIsKeptParsedFromItsSecondRunOnly()
    {
        var runner = esco.Factory.Services.GetRequiredService<SkillGraph.Server.GraphQL.GraphQLRunner>();
        var unique = $"{{ search(text: \"cache admission {Guid.NewGuid():N}\", first: 1) {{ score }} }}";

        var before = runner.CacheSize;
        await esco.QueryAsync(unique);
        var afterOnce = runner.CacheSize;
        await esco.QueryAsync(unique);
        var afterTwice = runner.CacheSize;
        await esco.QueryAsync(unique);

        // The tests of one server run one at a time, so the differences are this document's.
        Assert.Equal(before, afterOnce);
        Assert.Equal((before.Documents + 1, before.Characters + unique.Length), afterTwice);
        Assert.Equal(afterTwice, runner.CacheSize);
    }

    [Fact]
    public async Task BadCursorIsRefusedWithItsName()
    {
        var answer = await esco.QueryAsync("""{ skills(first: 2, after: "garbage") { totalCount } }""");
        Assert.Contains("'garbage' is not a cursor", answer.FirstError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWithQueryParameterExecutes()
    {
        var answer = JsonNode.Parse(await esco.Client.GetStringAsync("/graphql?query=" + Uri.EscapeDataString("{ iscoGroup(code: \"2512\") { preferredLabel } }")))!.AsObject();
        Assert.Equal("Software developers", answer.Data()["iscoGroup"]!["preferredLabel"]!.GetValue<string>());
    }

    [Fact]
    public async Task BrowsersGetGraphiQLFromLocalFiles()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await esco.Client.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        foreach (var script in new[] { "/lib/react.production.min.js", "/lib/react-dom.production.min.js", "/lib/graphiql.min.js", "/lib/graphiql.min.css", "/graphiql/examples.js" })
        {
            Assert.Contains(script, html, StringComparison.Ordinal);
            using var file = await esco.Client.GetAsync(script);
            Assert.True(file.IsSuccessStatusCode, $"{script}: {file.StatusCode} (is wwwroot/lib installed by the build?)");
        }

        Assert.DoesNotContain("://unpkg", html, StringComparison.Ordinal);
    }
}
