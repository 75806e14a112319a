using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Server.Tests.Auth;

/// <summary>
/// A server on the small sample graph (fast to start) in a chosen environment, with a real API key of every role in the
/// store's key table and, outside Development, JWT bearer tokens signed with a test key.
/// </summary>
public sealed class AuthServer : IAsyncDisposable
{
    public const string SigningKey = "skillgraph-tests-signing-key-0123456789abcdef";
    public const string Issuer = "https://issuer.skillgraph.test";
    public const string Audience = "skillgraph";
    public const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";

    private readonly string _directory;

    private AuthServer(string directory, ServerFactory factory, Dictionary<Role, string> keys)
    {
        _directory = directory;
        Factory = factory;
        Keys = keys;
    }

    public ServerFactory Factory { get; }

    public string DatabasePath => Path.Combine(_directory, "sample.db");

    /// <summary>A real API key per role (named after the role).</summary>
    public IReadOnlyDictionary<Role, string> Keys { get; }

    public static async Task<AuthServer> StartAsync(string environment, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "skillgraph-auth-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "sample.db");
        using (await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = database, WarmSearchIndex = false }))
        {
        }

        var keys = new Dictionary<Role, string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            keys[role] = await ApiKeysFor.CreateAsync(database, Roles.Name(role), role);
        }

        var all = new Dictionary<string, string>
        {
            ["environment"] = environment,
            ["Auth:KeyRefresh"] = "00:00:00.200",
            ["Auth:Jwt:SigningKey"] = SigningKey,
            ["Auth:Jwt:Issuer"] = Issuer,
            ["Auth:Jwt:Audience"] = Audience,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var factory = new ServerFactory(database, all);
        _ = factory.Server; // start now
        return new AuthServer(directory, factory, keys);
    }

    /// <summary>A client that sends <paramref name="key"/> in X-Api-Key (none when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = Factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeySecret.Header, key);
        }

        return client;
    }

    /// <summary>A client that sends a bearer token with these claims, signed with <paramref name="signingKey"/> (the server's by default).</summary>
    public HttpClient BearerClient(IDictionary<string, object> claims, string signingKey = SigningKey)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The status, headers and JSON of one GraphQL request.</summary>
public sealed record GraphQLAnswer(HttpStatusCode Status, HttpResponseMessage Response, JsonObject Body)
{
    public IReadOnlyList<string> Codes => [.. (Body["errors"]?.AsArray() ?? []).Select(e => e?["extensions"]?["code"]?.GetValue<string>() ?? "(none)")];

    public static async Task<GraphQLAnswer> PostAsync(HttpClient client, string query)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query });
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLAnswer(response.StatusCode, response, JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"not JSON: {text}"));
    }

    public override string ToString() => $"{(int)Status} {Body.ToJsonString()}";
}
