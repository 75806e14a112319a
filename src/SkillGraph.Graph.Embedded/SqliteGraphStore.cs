using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SkillGraph.Domain;
using SkillGraph.Graph.Sample;

namespace SkillGraph.Graph.Embedded;

/// <summary>Options of the embedded store (section <c>Graph:Embedded</c>); the host binds and validates them.</summary>
public sealed class EmbeddedStoreOptions
{
    public const string Section = "Graph:Embedded";

    /// <summary>The default database file, relative to the working directory.</summary>
    public const string DefaultPath = "data/skillgraph.db";

    /// <summary>The environment variable that names the file when <c>--db</c> does not.</summary>
    public const string PathVariable = "SKILLGRAPH_DB";

    [System.ComponentModel.DataAnnotations.Required]
    public string Path { get; set; } = DefaultPath;

    /// <summary>Seed an empty store with the project's sample graph.</summary>
    public bool SeedSampleWhenEmpty { get; set; } = true;

    /// <summary>Build the label index while opening instead of at the first search.</summary>
    public bool WarmSearchIndex { get; set; } = true;

    /// <summary>Where files derived from this store are cached by default (the student's label vectors): <c>student/</c> beside the file.</summary>
    public string CacheDirectory => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, "student");

    /// <summary>The file named by <c>--db</c> (<paramref name="explicitPath"/>), else by <c>SKILLGRAPH_DB</c> (<paramref name="fromEnvironment"/>, read by the host), else <see cref="DefaultPath"/>.</summary>
    public static string ResolvePath(string? explicitPath, string? fromEnvironment) =>
        !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
        : !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment
        : DefaultPath;
}

/// <summary>
/// The embedded adapter: a SQLite file (WAL) is the durable truth; an immutable <see cref="GraphSnapshot"/>
/// serves every read without SQL. Writes take one transaction and then swap in a new snapshot, so readers
/// never wait and never see half a write. An import builds the new snapshot from the file; a small write derives it
/// from the current one and what the write changed (docs/decisions/0015-incremental-snapshot.md).
/// </summary>
public sealed class SqliteGraphStore : IGraphStore, IProposalStore
{
    private const int SchemaVersion = 1;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile GraphSnapshot _snapshot;

    private SqliteGraphStore(string connectionString, GraphSnapshot snapshot, string path)
    {
        _connectionString = connectionString;
        _snapshot = snapshot;
        FilePath = path;
    }

    public string FilePath { get; }

    public override string ToString() => FilePath;

    internal GraphSnapshot Snapshot => _snapshot;

    /// <summary>
    /// After a small write, the snapshot is built afresh in memory once this many changed node lists and written concepts
    /// are kept beside its built arrays; the label index's young segment holds up to a quarter as many labels
    /// (docs/decisions/0015-incremental-snapshot.md).
    /// </summary>
    internal int CompactAfter { get; set; } = 4096;

    /// <summary>Opens (creating if needed) the store at <see cref="EmbeddedStoreOptions.Path"/>.</summary>
    public static async Task<SqliteGraphStore> OpenAsync(EmbeddedStoreOptions options, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.GetFullPath(options.Path);
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        try
        {
            using (var connection = Connect(connectionString))
            {
                EnsureSchema(connection);
                SqliteChangeLog.EnsureTables(connection);
                SqliteProposals.EnsureTable(connection);
            }

            var store = new SqliteGraphStore(connectionString, Load(connectionString), path);
            if (options.SeedSampleWhenEmpty && store._snapshot.Concepts.Count == 0)
            {
                await store.WriteAsync(SampleGraph.Load(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (options.WarmSearchIndex)
            {
                store._snapshot.Warm();
            }

            return store;
        }
        catch (SqliteException ex)
        {
            throw new GraphStoreException($"cannot open the graph store {path}: {ex.Message}", ex);
        }
    }

    public ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        var result = new Concept?[uris.Count];
        for (var i = 0; i < uris.Count; i++)
        {
            result[i] = snapshot.Find(uris[i]);
        }

        return ValueTask.FromResult<IReadOnlyList<Concept?>>(result);
    }

    public ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        return ValueTask.FromResult(snapshot.TryGetId(uri, out var id) ? snapshot.NeighbourPage(id, type, direction, page) : Page<ConceptUri>.Empty);
    }

    public ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        var pages = new Page<ConceptUri>[uris.Count];
        for (var i = 0; i < uris.Count; i++)
        {
            pages[i] = snapshot.TryGetId(uris[i], out var id) ? snapshot.NeighbourPage(id, type, direction, page) : Page<ConceptUri>.Empty;
        }

        return ValueTask.FromResult<IReadOnlyList<Page<ConceptUri>>>(pages);
    }

    public ValueTask<NeighbourLists> GetAllNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        var ids = new int[uris.Count];
        var offsets = new int[uris.Count + 1];
        for (var i = 0; i < uris.Count; i++)
        {
            ids[i] = snapshot.TryGetId(uris[i], out var id) ? id : -1;
            offsets[i + 1] = offsets[i] + (ids[i] < 0 ? 0 : snapshot.Neighbours(ids[i], type, direction).Length);
        }

        var targets = new ConceptUri[offsets[^1]];
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] >= 0)
            {
                var at = offsets[i];
                foreach (var target in snapshot.Neighbours(ids[i], type, direction))
                {
                    targets[at++] = snapshot.Concepts[target].Uri;
                }
            }
        }

        return ValueTask.FromResult(new NeighbourLists(targets, offsets));
    }

    public ValueTask<IReadOnlyList<int>> CountNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        var counts = new int[uris.Count];
        for (var i = 0; i < uris.Count; i++)
        {
            counts[i] = snapshot.TryGetId(uris[i], out var id) ? snapshot.Neighbours(id, type, direction).Length : 0;
        }

        return ValueTask.FromResult<IReadOnlyList<int>>(counts);
    }

    public ValueTask<Neighbourhood> GetNeighbourhoodAsync(IReadOnlyList<WalkStart> starts, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_snapshot.Walk(starts, type, direction));

    public ValueTask<OccupationSkills> GetOccupationSkillsAsync(ConceptUri occupation, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_snapshot.OccupationSkills(occupation));

    public ValueTask<SkillRelations> GetSkillRelationsAsync(ConceptUri skill, int first, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_snapshot.SkillRelations(skill, first));

    public ValueTask<SkillGapGraph> GetSkillGapGraphAsync(ConceptUri occupation, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_snapshot.SkillGapGraph(occupation, held));

    public ValueTask<SkillListings> GetSkillListingsAsync(IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_snapshot.SkillListings(skills));

    public ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        var first = Math.Clamp(query.First, 0, SearchQuery.MaxResults);
        return ValueTask.FromResult(snapshot.Labels.Search(query.Text, query.Kind, first, id => snapshot.Concepts[id]));
    }

    public ValueTask<Page<ConceptUri>> ListConceptsAsync(ConceptFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        var ids = new List<int>();
        var contains = filter.LabelContains is { } text ? LabelText.Normalize(text) : null;
        foreach (var id in snapshot.IdsInUriOrder)
        {
            if (snapshot.Matches(id, filter, contains))
            {
                ids.Add(id);
            }
        }

        return ValueTask.FromResult(snapshot.Slice(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids), page));
    }

    public ValueTask<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_snapshot.Counts);

    public async ValueTask<WriteResult> WriteAsync(GraphBatch batch, IProgress<WriteProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Connect(_connectionString);
            var written = new SqliteGraphWriter(connection, progress, cancellationToken).Write(batch);
            if (batch.ReplaceAll)
            {
                connection.Dispose();
                _snapshot = Load(_connectionString);
                return written.Result;
            }

            var current = _snapshot;
            var lastImport = batch.Skipped.Count > 0 ? LoadLastImport(connection) : current.LastImport;
            var next = current.With(written.Concepts, written.RelationsRemoved, written.RelationsAdded, lastImport, youngLabels: CompactAfter / 4);
            _snapshot = next.Pending >= CompactAfter ? next.Compact() : next;
            return written.Result;
        }
        catch (SqliteException ex)
        {
            throw new GraphStoreException($"writing to the graph store {FilePath} failed: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask<Page<ChangeSet>> GetChangeSetsAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        using var connection = Connect(_connectionString);
        return ValueTask.FromResult(SqliteChangeLog.Read(connection, filter, page));
    }

    public ValueTask<ChangeSet?> GetChangeSetAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = Connect(_connectionString);
        return ValueTask.FromResult(SqliteChangeLog.ReadOne(connection, id));
    }

    public ValueTask AddProposalAsync(Proposal proposal, CancellationToken cancellationToken = default)
    {
        using var connection = Connect(_connectionString);
        SqliteProposals.Add(connection, proposal);
        return ValueTask.CompletedTask;
    }

    public ValueTask<Proposal?> GetProposalAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = Connect(_connectionString);
        return ValueTask.FromResult(SqliteProposals.ReadOne(connection, id));
    }

    public ValueTask<Page<Proposal>> GetProposalsAsync(ProposalStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        using var connection = Connect(_connectionString);
        return ValueTask.FromResult(SqliteProposals.Read(connection, status, page));
    }

    public ValueTask ReviewProposalAsync(ProposalReview review, CancellationToken cancellationToken = default)
    {
        using var connection = Connect(_connectionString);
        SqliteProposals.Review(connection, null, review);
        return ValueTask.CompletedTask;
    }

    /// <summary>Reloads the snapshot from the file (after another process wrote to it).</summary>
    public void Reload() => _snapshot = Load(_connectionString);

    public void Dispose()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal static SqliteConnection Connect(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static void EnsureSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version == SchemaVersion)
        {
            return;
        }

        if (version != 0)
        {
            throw new GraphStoreException($"the graph store has schema version {version}; this build reads version {SchemaVersion}.");
        }

        command.CommandText = """
            BEGIN;
            CREATE TABLE IF NOT EXISTS concept (
                id INTEGER PRIMARY KEY,
                uri TEXT NOT NULL UNIQUE,
                kind INTEGER NOT NULL,
                preferred_label TEXT NOT NULL,
                description TEXT,
                definition TEXT,
                scope_note TEXT,
                status TEXT NOT NULL,
                code TEXT,
                skill_type INTEGER,
                reuse_level INTEGER,
                collections INTEGER NOT NULL DEFAULT 0,
                modified_at TEXT,
                version INTEGER NOT NULL DEFAULT 1,
                content_hash INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS label (
                concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                kind INTEGER NOT NULL,
                language TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS label_concept ON label(concept_id);
            CREATE TABLE IF NOT EXISTS relation (
                source_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                type INTEGER NOT NULL,
                target_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                PRIMARY KEY (source_id, type, target_id)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS relation_target ON relation(target_id, type);
            CREATE TABLE IF NOT EXISTS import_run (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                skipped INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS import_skipped (
                run_id INTEGER NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
                category TEXT NOT NULL,
                file TEXT NOT NULL,
                line INTEGER NOT NULL,
                reason TEXT NOT NULL,
                detail TEXT NOT NULL);
            PRAGMA user_version = 1;
            COMMIT;
            """;
        command.ExecuteNonQuery();
    }

    private static GraphSnapshot Load(string connectionString)
    {
        using var connection = Connect(connectionString);
        using var transaction = connection.BeginTransaction(deferred: true);
        var labels = new Dictionary<long, List<ConceptLabel>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT concept_id, kind, language, text FROM label;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!labels.TryGetValue(id, out var list))
                {
                    labels[id] = list = [];
                }

                list.Add(new ConceptLabel(reader.GetString(3), (LabelKind)reader.GetInt32(1), string.Intern(reader.GetString(2))));
            }
        }

        var concepts = new List<Concept>();
        var uriById = new Dictionary<long, ConceptUri>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, uri, kind, preferred_label, description, definition, scope_note, status, code,
                       skill_type, reuse_level, collections, modified_at, version FROM concept;
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var uri = ConceptUri.Parse(reader.GetString(1));
                uriById[id] = uri;
                concepts.Add(new Concept
                {
                    Uri = uri,
                    Kind = (ConceptKind)reader.GetInt32(2),
                    PreferredLabel = reader.GetString(3),
                    Description = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Definition = reader.IsDBNull(5) ? null : reader.GetString(5),
                    ScopeNote = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Status = string.Intern(reader.GetString(7)),
                    Code = reader.IsDBNull(8) ? null : reader.GetString(8),
                    SkillType = reader.IsDBNull(9) ? null : (SkillType)reader.GetInt32(9),
                    ReuseLevel = reader.IsDBNull(10) ? null : (ReuseLevel)reader.GetInt32(10),
                    Collections = (EscoCollections)reader.GetInt32(11),
                    ModifiedAt = reader.IsDBNull(12) ? null : DateTimeOffset.Parse(reader.GetString(12), System.Globalization.CultureInfo.InvariantCulture),
                    Version = reader.GetInt64(13),
                    Labels = labels.TryGetValue(id, out var conceptLabels) ? conceptLabels : [],
                });
            }
        }

        var relations = new List<(ConceptUri, RelationType, ConceptUri)>(200_000);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT source_id, type, target_id FROM relation;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                relations.Add((uriById[reader.GetInt64(0)], (RelationType)reader.GetInt32(1), uriById[reader.GetInt64(2)]));
            }
        }

        return new GraphSnapshot(concepts, relations, LoadLastImport(connection));
    }

    private static ImportSummary? LoadLastImport(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, source, finished_at, skipped FROM import_run ORDER BY id DESC LIMIT 1;";
        long runId;
        string source;
        DateTimeOffset finished;
        int skipped;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (runId, source, finished, skipped) = (reader.GetInt64(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt32(3));
        }

        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        command.CommandText = "SELECT reason, COUNT(*) FROM import_skipped WHERE run_id = $run GROUP BY reason ORDER BY reason;";
        command.Parameters.AddWithValue("$run", runId);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                byReason[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        command.CommandText = "SELECT category, COUNT(*) FROM import_skipped WHERE run_id = $run GROUP BY category ORDER BY category;";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                byCategory[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var examples = new List<SkippedRow>();
        command.CommandText = "SELECT file, line, category, reason, detail FROM import_skipped WHERE run_id = $run ORDER BY file, line LIMIT 200;";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                examples.Add(new SkippedRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        return new ImportSummary(source, finished, skipped, byCategory, byReason, examples);
    }

    /// <summary>A stable hash of everything that makes up a concept's content (not its version).</summary>
    internal static long ContentHash(Concept c)
    {
        var text = JsonSerializer.Serialize(new object?[]
        {
            c.Kind, c.PreferredLabel, c.Description, c.Definition, c.ScopeNote, c.Status, c.Code, c.SkillType, c.ReuseLevel,
            c.Collections, c.ModifiedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            c.Labels.Select(l => new[] { ((int)l.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture), l.Language, l.Text }),
        });
        return BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
    }
}
