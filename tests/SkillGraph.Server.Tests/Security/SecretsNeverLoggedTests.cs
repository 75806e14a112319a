using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Graph.Embedded;
using SkillGraph.Server.Tests.Auth;
using SkillGraph.Server.Tests.Startup;

namespace SkillGraph.Server.Tests.Security;

/// <summary>
/// docs/security.md, "Secrets": the real server, logging everything (Trace), is called over a real socket with valid and
/// wrong API keys and bearer tokens — reads, a steward's write, refusals — and no key or token appears in what it wrote.
/// </summary>
public sealed class SecretsNeverLoggedTests
{
    private const string SigningKey = "skillgraph-log-test-signing-key-0123456789";

    [Fact]
    public async Task NoKeyOrTokenAppearsInTheServersLogsAtTraceLevel()
    {
        var folder = TestPaths.NewTempDirectory();
        var database = Path.Combine(folder, "sample.db");
        using (await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = database, WarmSearchIndex = false }))
        {
        }

        var steward = await ApiKeysFor.CreateAsync(database, "log-test-steward", Role.Steward);
        var analyst = await ApiKeysFor.CreateAsync(database, "log-test-analyst", Role.Analyst);
        var unknown = ApiKeySecret.New();
        var token = Token(SigningKey);
        var forged = Token("a-signing-key-this-server-does-not-know-at-all");
        string log;
        await using (var server = await RunningServer.StartAsync(database, "Testing",
            ("Logging__LogLevel__Default", "Trace"), ("Auth__Jwt__SigningKey", SigningKey), ("Auth__KeyRefresh", "00:00:00.100")))
        {
            using var client = server.Client();
            var statuses = new List<HttpStatusCode>
            {
                await Post(client, steward, null, "{ search(text: \"software\", first: 2) { concept { uri } } }"),
                await Post(client, steward, null, $$"""mutation { updateConcept(input: { uri: "{{AuthServer.Developer}}", expectedVersion: 999, description: "x", comment: "log test" }) { userErrors { message } } }"""),
                await Post(client, analyst, null, "{ __typename }"),
                await Post(client, analyst, null, "mutation { createConcept(input: { kind: SKILL, preferredLabel: \"x\", comment: \"y\" }) { userErrors { message } } }"),
                await Post(client, unknown, null, "{ __typename }"),
                await Post(client, null, token, "{ __typename }"),
                await Post(client, null, forged, "{ __typename }"),
                await Post(client, steward, null, new string('x', 300 * 1024)),
            };
            using var sdl = new HttpRequestMessage(HttpMethod.Get, "/graphql/sdl");
            sdl.Headers.Add(ApiKeySecret.Header, analyst);
            statuses.Add((await client.SendAsync(sdl)).StatusCode);

            Assert.Equal(
                [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized,
                    HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.OK],
                statuses);
            await Task.Delay(300); // the last lines of the console logger
            log = server.Log;
        }

        // The log was written at full verbosity: requests, authentication and its failures are in it.
        Assert.Contains("Request starting HTTP/1.1 POST", log, StringComparison.Ordinal);
        Assert.Contains("Bearer was not authenticated", log, StringComparison.Ordinal);
        foreach (var (what, secret) in new[] { ("steward key", steward), ("analyst key", analyst), ("unknown key", unknown), ("token", token), ("forged token", forged) })
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the {what} is in the server's log");
            Assert.False(log.Contains(secret[..16], StringComparison.Ordinal) && secret.StartsWith("sg_", StringComparison.Ordinal), $"the start of the {what} is in the server's log");
        }

        Assert.False(log.Contains(token.Split('.')[2], StringComparison.Ordinal), "a token's signature is in the server's log");
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<HttpStatusCode> Post(HttpClient client, string? key, string? bearer, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        if (key is not null)
        {
            request.Headers.Add(ApiKeySecret.Header, key);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Token(string signingKey) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["sub"] = "log-test-app", ["role"] = "app" },
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
    });
}
