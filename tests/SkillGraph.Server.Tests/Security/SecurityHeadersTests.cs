using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SkillGraph.Application.Authorization;
using SkillGraph.Server.Tests.Auth;

namespace SkillGraph.Server.Tests.Security;

/// <summary>
/// docs/security.md, "Response headers" and "CORS": every answer — pages, GraphQL, refusals, static files, 404s — carries
/// nosniff, a CSP that forbids framing, and no referrer; no cross-origin browser call is allowed unless configured.
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private AuthServer _development = null!;
    private AuthServer _production = null!;

    public async Task InitializeAsync()
    {
        _development = await AuthServer.StartAsync("Development", new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = "https://careers.example.com" });
        _production = await AuthServer.StartAsync("Production");
    }

    public async Task DisposeAsync()
    {
        await _development.DisposeAsync();
        await _production.DisposeAsync();
    }

    [Fact]
    public async Task PagesAreCompressedAndGraphQLAnswersAreNot()
    {
        using var client = _development.Client();
        async Task<HttpResponseMessage> Get(HttpMethod method, string path, string? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            return await client.SendAsync(request);
        }

        var script = await Get(HttpMethod.Get, "/lib/graphiql.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("br", Assert.Single(script.Content.Headers.ContentEncoding));
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length < new FileInfo(Path.Combine(AppContext.BaseDirectory, "wwwroot", "lib", "graphiql.min.js")).Length / 2);

        // a GraphQL answer mixes the caller's input with the server's data: never compressed (BREACH)
        var answer = await Get(HttpMethod.Post, "/graphql", """{"query":"{ search(text: \"software\", first: 5) { preferredLabel } }"}""");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(answer.Content.Headers.ContentEncoding);
        Assert.Empty((await Get(HttpMethod.Get, "/graphql/sdl")).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task EveryKindOfAnswerCarriesTheSecurityHeaders()
    {
        using var development = _development.Client();
        using var production = _production.Client();
        using var wrongKey = _production.Client("sg_" + new string('A', 43));
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("healthz", await development.GetAsync("/healthz")),
            ("GraphiQL page", await Send(development, HttpMethod.Get, "/graphql", accept: "text/html")),
            ("GraphiQL's script", await development.GetAsync("/lib/graphiql.min.js")),
            ("a query", await Send(development, HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""")),
            ("a GET query", await development.GetAsync("/graphql?query=%7B__typename%7D")),
            ("the SDL", await development.GetAsync("/graphql/sdl")),
            ("a syntax error", await Send(development, HttpMethod.Post, "/graphql", """{"query":"{"}""")),
            ("an unknown path", await development.GetAsync("/no/such/page")),
            ("a body over the limit", await Send(development, HttpMethod.Post, "/graphql", new string(' ', 300 * 1024))),
            ("no key outside Development", await Send(production, HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""")),
            ("a wrong key", await Send(wrongKey, HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""")),
            ("GraphiQL turned off", await Send(production, HttpMethod.Get, "/graphql", accept: "text/html")),
        };

        foreach (var (what, response) in answers)
        {
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{what}: no nosniff");
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("frame-ancestors 'none'", StringComparison.Ordinal)
                && csp.Single().Contains("script-src 'self';", StringComparison.Ordinal), $"{what}: CSP {string.Join(",", csp ?? [])}");
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"{what}: no Referrer-Policy");
            Assert.False(response.Headers.Contains("Server-Timing"), $"{what}: Server-Timing without Diagnostics:ServerTiming");
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound,
                HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound],
            answers.Select(a => a.Response.StatusCode));
    }

    [Fact]
    public async Task CrossOriginCallsAreRefusedUnlessTheOriginIsConfigured()
    {
        using var configured = _development.Client();
        using var closed = _production.Client(_production.Keys[Role.Analyst]);

        var allowed = await Preflight(configured, "https://careers.example.com");
        var other = await Preflight(configured, "https://evil.example");
        var byDefault = await Preflight(closed, "https://careers.example.com");
        var simple = await Send(closed, HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""", origin: "https://evil.example");

        Assert.Equal("https://careers.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-Api-Key", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(byDefault.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, simple.StatusCode); // not a browser: the call itself is answered, but a browser would not show it
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<HttpResponseMessage> Preflight(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? body = null, string? accept = null, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return client.SendAsync(request);
    }
}
