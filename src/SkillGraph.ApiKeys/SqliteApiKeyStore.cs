using System.Globalization;
using Microsoft.Data.Sqlite;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Domain;

namespace SkillGraph.ApiKeys;

/// <summary>
/// API keys in the table <c>api_key</c> of a SQLite file: by default the embedded store's own file (the table lives beside
/// the graph and leaves the graph's schema alone), or a small file of its own (<c>Auth:KeysPath</c>, e.g. with Neo4j).
/// Holds name, role, the SHA-256 of the key, created and revoked times; an active key's name is unique.
/// </summary>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS api_key (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT);
        CREATE UNIQUE INDEX IF NOT EXISTS api_key_active_name ON api_key(name) WHERE revoked_at IS NULL;
        """;

    private readonly string _connectionString;
    private volatile bool _created;

    public SqliteApiKeyStore(string path)
    {
        FilePath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public override string ToString() => FilePath;

    public Task AddAsync(ApiKeyEntry entry, CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_key (name, role, hash, created_at) VALUES ($name, $role, $hash, $created);";
        command.Parameters.AddWithValue("$name", entry.Name);
        command.Parameters.AddWithValue("$role", Roles.Name(entry.Role));
        command.Parameters.AddWithValue("$hash", entry.Hash);
        command.Parameters.AddWithValue("$created", Text(entry.CreatedAt));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the partial unique index on active names
        {
            throw new SkillGraphException(ErrorCode.Conflict, $"an active API key is already named '{entry.Name}': revoke it first or choose another name.");
        }

        return true;
    }, cancellationToken);

    public Task<IReadOnlyList<ApiKeyEntry>> ListAsync(CancellationToken cancellationToken = default) => RunAsync<IReadOnlyList<ApiKeyEntry>>(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, hash, created_at, revoked_at FROM api_key ORDER BY id;";
        var entries = new List<ApiKeyEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!Roles.TryParse(reader.GetString(1), out var role))
            {
                continue; // a role this build does not know grants nothing
            }

            entries.Add(new ApiKeyEntry(reader.GetString(0), role, reader.GetString(2), Time(reader.GetString(3)), reader.IsDBNull(4) ? null : Time(reader.GetString(4))));
        }

        return entries;
    }, cancellationToken);

    public Task<ApiKeyEntry?> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_key SET revoked_at = $at WHERE name = $name AND revoked_at IS NULL RETURNING name, role, hash, created_at, revoked_at;";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", Text(at));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && Roles.TryParse(reader.GetString(1), out var role)
            ? new ApiKeyEntry(reader.GetString(0), role, reader.GetString(2), Time(reader.GetString(3)), Time(reader.GetString(4)))
            : null;
    }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var directory = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = _created ? "PRAGMA busy_timeout=30000;" : "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;" + Schema;
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }

            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new SkillGraphException(ErrorCode.StoreUnavailable, $"the API key store {FilePath} cannot be used: {ex.Message}", ex);
        }
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
