using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.ApiKeys;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;

namespace SkillGraph.Server.Tests;

/// <summary>
/// The full ESCO v1.1.1 download imported once per test run into a temporary store, served by the real server
/// (<see cref="WebApplicationFactory{TEntryPoint}"/>, real HTTP pipeline) with a store decorator that counts calls. The
/// server runs in Development, as <c>dotnet run</c> starts it: <see cref="Client"/> sends no key (the rights of app);
/// <see cref="StewardClient"/> sends a real steward key from the store's key table, for the teacher.
/// </summary>
public sealed class EscoServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "skillgraph-server-tests-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_directory, "esco.db");

    public static string EscoDirectory => Path.Combine(TestPaths.DataRoot, "esco", "v1.1.1");

    public EscoCsv Csv { get; private set; } = null!;

    public ServerFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A steward's API key, in the store's key table (what <c>skillgraph keys create --role steward</c> makes).</summary>
    public string StewardKey { get; private set; } = null!;

    /// <summary>A client that sends <see cref="StewardKey"/>.</summary>
    public HttpClient StewardClient { get; private set; } = null!;

    public CountingGraphStore Calls => Factory.Services.GetRequiredService<CountingGraphStore>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        using (var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = DatabasePath, SeedSampleWhenEmpty = false, WarmSearchIndex = false }))
        using (var source = new DirectoryEscoSource(EscoDirectory))
        {
            await store.WriteAsync(new EscoImporter().Read(source));
        }

        Csv = EscoCsv.Read(EscoDirectory);
        StewardKey = await ApiKeysFor.CreateAsync(DatabasePath, "server-tests-steward", Role.Steward);
        Factory = new ServerFactory(DatabasePath);
        Client = Factory.CreateClient();
        StewardClient = Factory.CreateClient();
        StewardClient.DefaultRequestHeaders.Add(ApiKeySecret.Header, StewardKey);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        StewardClient.Dispose();
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

    /// <summary>POSTs a query and returns the whole JSON answer.</summary>
    public Task<JsonObject> QueryAsync(string query, object? variables = null) => Client.QueryAsync(query, variables);
}

[CollectionDefinition(Name)]
public sealed class EscoCollection : ICollectionFixture<EscoServerFixture>
{
    public const string Name = "ESCO server";
}

/// <summary>The server with the store at <paramref name="databasePath"/>, the store wrapped to count calls.</summary>
public class ServerFactory(string databasePath, IReadOnlyDictionary<string, string>? settings = null, Func<IGraphStore, IGraphStore>? decorate = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development"); // a setting "environment" overrides it
        builder.UseSetting("db", databasePath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(provider => new CountingGraphStore(provider.GetRequiredService<SqliteGraphStore>()));
            services.AddSingleton<IGraphStore>(provider =>
            {
                IGraphStore counting = provider.GetRequiredService<CountingGraphStore>();
                return decorate is null ? counting : decorate(counting);
            });
        });
    }
}

/// <summary>API keys made as <c>skillgraph keys create</c> makes them, straight into a store's key table.</summary>
public static class ApiKeysFor
{
    public static async Task<string> CreateAsync(string databasePath, string name, Role role)
    {
        var key = ApiKeySecret.New();
        await new SqliteApiKeyStore(databasePath).AddAsync(new ApiKeyEntry(name, role, ApiKeySecret.Hash(key), DateTimeOffset.UtcNow, null));
        return key;
    }
}

public static class GraphQLClientExtensions
{
    public static async Task<JsonObject> QueryAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"not JSON: {text}");
    }

    /// <summary>The data of an answer that must have no errors.</summary>
    public static JsonNode Data(this JsonObject answer) =>
        answer["errors"] is JsonArray errors
            ? throw new Xunit.Sdk.XunitException("unexpected errors: " + errors.ToJsonString())
            : answer["data"] ?? throw new Xunit.Sdk.XunitException("no data: " + answer.ToJsonString());

    public static string FirstError(this JsonObject answer) =>
        answer["errors"]?[0]?["message"]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException("expected an error: " + answer.ToJsonString());

    public static string? FirstErrorCode(this JsonObject answer) =>
        answer["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    public static List<string> Strings(this JsonNode? array, string property) =>
        [.. (array?.AsArray() ?? []).Select(n => n![property]!.GetValue<string>())];

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
