using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Student.Serving;

namespace SkillGraph.Server.Tests.Curation;

/// <summary>
/// A server of its own over a copy of the full ESCO store (so that its writes never reach the shared one), outside
/// Development (no key, no rights), with a real API key per role in the copy's key table.
/// </summary>
public sealed class CurationServer : IAsyncDisposable
{
    private readonly string _directory;

    private CurationServer(string directory, ServerFactory factory, Dictionary<Role, string> keys)
    {
        _directory = directory;
        Factory = factory;
        Keys = keys;
    }

    public ServerFactory Factory { get; }

    public IReadOnlyDictionary<Role, string> Keys { get; }

    /// <param name="settings">more server settings (e.g. Curation:RequireReview).</param>
    /// <param name="withStudent">copy the shared server's student label cache too (waiting for it to be built), so that this
    /// server's student loads in seconds instead of embedding every ESCO label again.</param>
    public static async Task<CurationServer> StartAsync(EscoServerFixture esco, IReadOnlyDictionary<string, string>? settings = null, bool withStudent = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "skillgraph-curation-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (withStudent)
        {
            await esco.Factory.Services.GetRequiredService<StudentSkillExtractor>().WhenReady.WaitAsync(TimeSpan.FromMinutes(6));
            var cache = Path.Combine(Path.GetDirectoryName(esco.DatabasePath)!, "student");
            Directory.CreateDirectory(Path.Combine(directory, "student"));
            foreach (var file in Directory.GetFiles(cache, "*.sgix"))
            {
                File.Copy(file, Path.Combine(directory, "student", Path.GetFileName(file)));
            }
        }

        var database = Path.Combine(directory, "esco.db");
        StoreFiles.Copy(esco.DatabasePath, database);

        var keys = new Dictionary<Role, string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            keys[role] = await ApiKeysFor.CreateAsync(database, Roles.Name(role) + "-key", role);
        }

        var all = new Dictionary<string, string> { ["environment"] = "Testing", ["Auth:KeyRefresh"] = "00:00:00.200" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var factory = new ServerFactory(database, all);
        _ = factory.Server;
        return new CurationServer(directory, factory, keys);
    }

    /// <summary>A client that sends the key of <paramref name="role"/> (none when null).</summary>
    public HttpClient Client(Role? role)
    {
        var client = Factory.CreateClient();
        if (role is { } r)
        {
            client.DefaultRequestHeaders.Add(ApiKeySecret.Header, Keys[r]);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
