using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;

namespace SkillGraph.Bench.Peers;

/// <summary>
/// SQLite peer of the SkillGraph benchmark: ESCO v1.1.1 as a node table and an edge table with integer keys,
/// covering indexes on (src, type, dst) and (dst, type, src), and prepared statements reused across calls.
/// One instance holds one connection and is not thread-safe (benchmarks call it from one thread).
/// </summary>
public sealed class SqlitePeer : IDisposable
{
    /// <summary>Node kinds (node.kind).</summary>
    public const int KindOccupation = 1;
    public const int KindSkill = 2;
    public const int KindSkillGroup = 3;
    public const int KindIscoGroup = 4;

    /// <summary>Edge types (edge.type).</summary>
    public const int EdgeEssential = 1;
    public const int EdgeOptional = 2;
    public const int EdgeBroader = 3;
    public const int EdgeSkillSkill = 4;

    private const string Schema = """
        CREATE TABLE node_kind(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO node_kind VALUES (1, 'Occupation'), (2, 'Skill'), (3, 'SkillGroup'), (4, 'IscoGroup');
        CREATE TABLE edge_type(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO edge_type VALUES (1, 'ESSENTIAL'), (2, 'OPTIONAL'), (3, 'BROADER'), (4, 'SKILL_SKILL');
        CREATE TABLE node(
            id INTEGER PRIMARY KEY,
            kind INTEGER NOT NULL REFERENCES node_kind(id),
            uri TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL,
            code TEXT);
        CREATE TABLE edge(
            src INTEGER NOT NULL REFERENCES node(id),
            type INTEGER NOT NULL REFERENCES edge_type(id),
            dst INTEGER NOT NULL REFERENCES node(id),
            relation_type TEXT);
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """;

    // Indexes are created after the bulk insert.
    private const string Indexes = """
        CREATE UNIQUE INDEX edge_src_type_dst ON edge(src, type, dst);
        CREATE INDEX edge_dst_type_src ON edge(dst, type, src);
        ANALYZE;
        """;

    private const string ContextSkillsSql = """
        SELECT e.type, s.id, s.uri, s.label, b.uri, b.label
        FROM node o
        JOIN edge e ON e.src = o.id AND e.type IN (1, 2)
        JOIN node s ON s.id = e.dst
        LEFT JOIN edge eb ON eb.src = s.id AND eb.type = 3
        LEFT JOIN node b ON b.id = eb.dst
        WHERE o.uri = $uri AND o.kind = 1
        """;

    private const string ContextBroaderSql = """
        SELECT b.uri, b.label
        FROM node o
        JOIN edge e ON e.src = o.id AND e.type = 3
        JOIN node b ON b.id = e.dst
        WHERE o.uri = $uri AND o.kind = 1
        """;

    private const string RelatedSql = """
        SELECT p.uri, p.label, COUNT(*) AS shared
        FROM node o
        JOIN edge e1 ON e1.src = o.id AND e1.type = 1
        JOIN edge e2 ON e2.dst = e1.dst AND e2.type = 1 AND e2.src <> o.id
        JOIN node p ON p.id = e2.src
        WHERE o.uri = $uri AND o.kind = 1
        GROUP BY e2.src
        ORDER BY shared DESC, p.uri
        LIMIT $top
        """;

    private const string EssentialUrisSql = """
        SELECT s.uri
        FROM node o
        JOIN edge e ON e.src = o.id AND e.type = 1
        JOIN node s ON s.id = e.dst
        WHERE o.uri = $uri AND o.kind = 1
        ORDER BY s.uri
        """;

    private const string GapSql = """
        SELECT e.type, s.uri
        FROM node o
        JOIN edge e ON e.src = o.id AND e.type IN (1, 2)
        JOIN node s ON s.id = e.dst
        WHERE o.uri = $uri AND o.kind = 1
          AND s.uri NOT IN (SELECT value FROM json_each($held))
        ORDER BY e.type, s.uri
        """;

    private const string HopCountSql = """
        SELECT COUNT(*)
        FROM node s
        JOIN edge e ON e.dst = s.id AND e.type = 1
        WHERE s.uri = $uri AND s.kind = 2
        """;

    private const string HopSql = """
        SELECT t.uri, t.label, COUNT(*) AS n
        FROM node s
        JOIN edge e1 ON e1.dst = s.id AND e1.type = 1
        JOIN edge e2 ON e2.src = e1.src AND e2.type = 1 AND e2.dst <> s.id
        JOIN node t ON t.id = e2.dst
        WHERE s.uri = $uri AND s.kind = 2
        GROUP BY e2.dst
        ORDER BY n DESC, t.uri
        LIMIT $top
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _contextSkills;
    private readonly SqliteCommand _contextBroader;
    private readonly SqliteCommand _related;
    private readonly SqliteCommand _essentialUris;
    private readonly SqliteCommand _gap;
    private readonly SqliteCommand _hopCount;
    private readonly SqliteCommand _hop;

    private SqlitePeer(SqliteConnection connection)
    {
        _connection = connection;
        _contextSkills = Prepare(ContextSkillsSql, "$uri");
        _contextBroader = Prepare(ContextBroaderSql, "$uri");
        _related = Prepare(RelatedSql, "$uri", "$top");
        _essentialUris = Prepare(EssentialUrisSql, "$uri");
        _gap = Prepare(GapSql, "$uri", "$held");
        _hopCount = Prepare(HopCountSql, "$uri");
        _hop = Prepare(HopSql, "$uri", "$top");
        Stats = ReadMeta();
    }

    /// <summary>Load statistics stored in the database when it was built (node/edge counts, skipped rows, build time).</summary>
    public IReadOnlyDictionary<string, string> Stats { get; }

    /// <summary>The SQLite library version in use.</summary>
    public string SqliteVersion => _connection.ServerVersion;

    /// <summary>
    /// Opens the integer-key database at <paramref name="dbPath"/>, creating it first from the ESCO CSVs in
    /// <paramref name="escoDir"/> when the file does not exist (built to a temporary file, then moved into place).
    /// </summary>
    public static SqlitePeer Build(string escoDir, string dbPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(escoDir);
        ArgumentException.ThrowIfNullOrEmpty(dbPath);
        if (!File.Exists(dbPath))
        {
            EscoSqliteLoader.Load(escoDir, dbPath, Schema, Indexes);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = dbPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Keep the whole database (a few tens of MiB) in the page cache / memory map.
            pragma.CommandText = "PRAGMA cache_size = -262144; PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;";
            pragma.ExecuteNonQuery();
        }

        return new SqlitePeer(connection);
    }

    /// <summary>Workload 1: the occupation's essential and optional skills with their BROADER targets, and its own BROADER targets.</summary>
    public OccupationContextResult OccupationContext(string occupationUri)
    {
        _contextSkills.Parameters[0].Value = occupationUri;
        var skills = new Dictionary<(long Id, long Type), (string Uri, string Label, List<NodeRef> Broader)>();
        using (var r = _contextSkills.ExecuteReader())
        {
            while (r.Read())
            {
                var key = (r.GetInt64(1), r.GetInt64(0));
                if (!skills.TryGetValue(key, out var s))
                {
                    s = (r.GetString(2), r.GetString(3), []);
                    skills.Add(key, s);
                }

                if (!r.IsDBNull(4))
                {
                    s.Broader.Add(new NodeRef(r.GetString(4), r.GetString(5)));
                }
            }
        }

        var broader = new List<NodeRef>();
        _contextBroader.Parameters[0].Value = occupationUri;
        using (var r = _contextBroader.ExecuteReader())
        {
            while (r.Read())
            {
                broader.Add(new NodeRef(r.GetString(0), r.GetString(1)));
            }
        }

        var list = new List<ContextSkill>(skills.Count);
        foreach (var ((_, type), s) in skills)
        {
            list.Add(new ContextSkill(s.Uri, s.Label, type == EdgeEssential ? SkillRelation.Essential : SkillRelation.Optional, s.Broader));
        }

        return new OccupationContextResult(occupationUri, broader, list);
    }

    /// <summary>Workload 2: the top occupations by number of shared essential skills (ties by URI, ordinal).</summary>
    public RelatedOccupationsResult RelatedOccupations(string occupationUri, int top)
    {
        _related.Parameters[0].Value = occupationUri;
        _related.Parameters[1].Value = top;
        var list = new List<RelatedOccupation>(top);
        using var r = _related.ExecuteReader();
        while (r.Read())
        {
            list.Add(new RelatedOccupation(r.GetString(0), r.GetString(1), r.GetInt32(2)));
        }

        return new RelatedOccupationsResult(occupationUri, list);
    }

    /// <summary>The occupation's essential skill URIs, sorted ordinally (input of <see cref="PeerWorkloads.HeldSkills"/>).</summary>
    public IReadOnlyList<string> EssentialSkillUris(string occupationUri)
    {
        _essentialUris.Parameters[0].Value = occupationUri;
        var list = new List<string>();
        using var r = _essentialUris.ExecuteReader();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    /// <summary>Workload 3: the occupation's essential and optional skills that are not in <paramref name="heldSkillUris"/>.</summary>
    public SkillGapResult SkillGap(string occupationUri, IReadOnlyCollection<string> heldSkillUris)
    {
        ArgumentNullException.ThrowIfNull(heldSkillUris);
        _gap.Parameters[0].Value = occupationUri;
        _gap.Parameters[1].Value = JsonArray(heldSkillUris);
        var essential = new List<string>();
        var optional = new List<string>();
        using (var r = _gap.ExecuteReader())
        {
            while (r.Read())
            {
                (r.GetInt64(0) == EdgeEssential ? essential : optional).Add(r.GetString(1));
            }
        }

        return new SkillGapResult(occupationUri, [.. heldSkillUris], essential, optional);
    }

    /// <summary>
    /// Workload 4: occupations having the skill as essential, then their other essential skills counted by
    /// how many of those occupations require them; top by count desc, ties by URI.
    /// </summary>
    public SkillNeighbourhoodResult SkillNeighbourhood2Hop(string skillUri, int top)
    {
        _hopCount.Parameters[0].Value = skillUri;
        var occupations = Convert.ToInt32(_hopCount.ExecuteScalar(), CultureInfo.InvariantCulture);
        _hop.Parameters[0].Value = skillUri;
        _hop.Parameters[1].Value = top;
        var list = new List<SkillCount>(top);
        using var r = _hop.ExecuteReader();
        while (r.Read())
        {
            list.Add(new SkillCount(r.GetString(0), r.GetString(1), r.GetInt32(2)));
        }

        return new SkillNeighbourhoodResult(skillUri, occupations, list);
    }

    public void Dispose()
    {
        _contextSkills.Dispose();
        _contextBroader.Dispose();
        _related.Dispose();
        _essentialUris.Dispose();
        _gap.Dispose();
        _hopCount.Dispose();
        _hop.Dispose();
        _connection.Dispose();
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        var sb = new StringBuilder(4096).Append('[');
        foreach (var v in values)
        {
            if (sb.Length > 1)
            {
                sb.Append(',');
            }

            Canonical.Str(sb, v);
        }

        return sb.Append(']').ToString();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(p, null));
        }

        cmd.Prepare();
        return cmd;
    }

    private Dictionary<string, string> ReadMeta()
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT key, value FROM meta ORDER BY key";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            meta[r.GetString(0)] = r.GetString(1);
        }

        return meta;
    }
}
