using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;

namespace SkillGraph.Bench.Peers;

/// <summary>
/// Builds the SQLite peer database from the ESCO v1.1.1 CSVs (RFC 4180 parsing with Sep: labels may hold quoted
/// newlines). Same graph rules as bench/peers/kuzu/run.mjs: relation rows whose endpoints are unknown are skipped
/// and counted; skill groups found only in skillsHierarchy_en.csv are added with their hierarchy label.
/// </summary>
internal static class EscoSqliteLoader
{
    public static void Load(string escoDir, string dbPath, string schema, string indexes)
    {
        var stopwatch = Stopwatch.StartNew();
        var dir = Path.GetDirectoryName(Path.GetFullPath(dbPath));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var tmp = $"{dbPath}.building-{Environment.ProcessId}";
        File.Delete(tmp);
        try
        {
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = tmp,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString()))
            {
                connection.Open();
                Exec(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;");
                Exec(connection, schema);
                var meta = new SortedDictionary<string, string>(StringComparer.Ordinal);
                using (var tx = connection.BeginTransaction())
                {
                    using var loader = new Loader(connection, tx);
                    loader.LoadAll(escoDir, meta);
                    tx.Commit();
                }

                Exec(connection, indexes);
                meta["buildMs"] = stopwatch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture);
                using (var tx = connection.BeginTransaction())
                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v)";
                    var k = cmd.Parameters.Add(new SqliteParameter("$k", null));
                    var v = cmd.Parameters.Add(new SqliteParameter("$v", null));
                    foreach (var (key, value) in meta)
                    {
                        k.Value = key;
                        v.Value = value;
                        cmd.ExecuteNonQuery();
                    }

                    tx.Commit();
                }

                Exec(connection, "VACUUM;");
            }

            File.Move(tmp, dbPath, overwrite: false);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private sealed class Loader : IDisposable
    {
        private readonly Dictionary<string, (long Id, int Kind)> _nodes = new(StringComparer.Ordinal);
        private readonly SqliteCommand _insertNode;
        private readonly SqliteCommand _insertEdge;
        private readonly int[] _nodeCounts = new int[5];
        private readonly int[] _edgeCounts = new int[5];
        private readonly HashSet<(long, int, long)> _edges = [];
        private int _duplicateEdges;

        public Loader(SqliteConnection connection, SqliteTransaction tx)
        {
            _insertNode = connection.CreateCommand();
            _insertNode.Transaction = tx;
            _insertNode.CommandText = "INSERT INTO node(id, kind, uri, label, code) VALUES ($id, $kind, $uri, $label, $code)";
            foreach (var p in new[] { "$id", "$kind", "$uri", "$label", "$code" })
            {
                _insertNode.Parameters.Add(new SqliteParameter(p, null));
            }

            _insertNode.Prepare();
            _insertEdge = connection.CreateCommand();
            _insertEdge.Transaction = tx;
            _insertEdge.CommandText = "INSERT INTO edge(src, type, dst, relation_type) VALUES ($src, $type, $dst, $rel)";
            foreach (var p in new[] { "$src", "$type", "$dst", "$rel" })
            {
                _insertEdge.Parameters.Add(new SqliteParameter(p, null));
            }

            _insertEdge.Prepare();
        }

        public void Dispose()
        {
            _insertNode.Dispose();
            _insertEdge.Dispose();
        }

        public void LoadAll(string escoDir, SortedDictionary<string, string> meta)
        {
            string F(string name) => Path.Combine(escoDir, name);
            ReadNodes(F("occupations_en.csv"), SqlitePeer.KindOccupation, "conceptUri", "preferredLabel", null);
            ReadNodes(F("skills_en.csv"), SqlitePeer.KindSkill, "conceptUri", "preferredLabel", null);
            ReadNodes(F("skillGroups_en.csv"), SqlitePeer.KindSkillGroup, "conceptUri", "preferredLabel", null);
            ReadNodes(F("ISCOGroups_en.csv"), SqlitePeer.KindIscoGroup, "conceptUri", "preferredLabel", "code");
            var hierarchyOnly = ReadHierarchyGroups(F("skillsHierarchy_en.csv"));

            var skippedOccupationSkill = 0;
            var unknownOccupations = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = Open(F("occupationSkillRelations.csv")))
            {
                int occ = reader.Header.IndexOf("occupationUri"), rel = reader.Header.IndexOf("relationType"), skill = reader.Header.IndexOf("skillUri");
                foreach (var row in reader)
                {
                    var o = row[occ].ToString();
                    var s = row[skill].ToString();
                    if (!Is(o, SqlitePeer.KindOccupation, out var oid) || !Is(s, SqlitePeer.KindSkill, out var sid))
                    {
                        skippedOccupationSkill++;
                        unknownOccupations.Add(o);
                        continue;
                    }

                    var type = row[rel].ToString() switch
                    {
                        "essential" => SqlitePeer.EdgeEssential,
                        "optional" => SqlitePeer.EdgeOptional,
                        var other => throw new InvalidDataException($"unknown relationType '{other}'"),
                    };
                    AddEdge(oid, type, sid, null);
                }
            }

            var skippedBroader = 0;
            foreach (var file in new[] { "broaderRelationsSkillPillar.csv", "broaderRelationsOccPillar.csv" })
            {
                using var reader = Open(F(file));
                int narrower = reader.Header.IndexOf("conceptUri"), broader = reader.Header.IndexOf("broaderUri");
                foreach (var row in reader)
                {
                    if (!_nodes.TryGetValue(row[narrower].ToString(), out var n) || !_nodes.TryGetValue(row[broader].ToString(), out var b))
                    {
                        skippedBroader++;
                        continue;
                    }

                    AddEdge(n.Id, SqlitePeer.EdgeBroader, b.Id, null);
                }
            }

            var skippedSkillSkill = 0;
            using (var reader = Open(F("skillSkillRelations.csv")))
            {
                int from = reader.Header.IndexOf("originalSkillUri"), rel = reader.Header.IndexOf("relationType"), to = reader.Header.IndexOf("relatedSkillUri");
                foreach (var row in reader)
                {
                    if (!Is(row[from].ToString(), SqlitePeer.KindSkill, out var a) || !Is(row[to].ToString(), SqlitePeer.KindSkill, out var b))
                    {
                        skippedSkillSkill++;
                        continue;
                    }

                    AddEdge(a, SqlitePeer.EdgeSkillSkill, b, row[rel].ToString());
                }
            }

            string I(int v) => v.ToString(CultureInfo.InvariantCulture);
            meta["nodes.Occupation"] = I(_nodeCounts[SqlitePeer.KindOccupation]);
            meta["nodes.Skill"] = I(_nodeCounts[SqlitePeer.KindSkill]);
            meta["nodes.SkillGroup"] = I(_nodeCounts[SqlitePeer.KindSkillGroup]);
            meta["nodes.IscoGroup"] = I(_nodeCounts[SqlitePeer.KindIscoGroup]);
            meta["nodes.SkillGroup.hierarchyOnly"] = I(hierarchyOnly);
            meta["edges.ESSENTIAL"] = I(_edgeCounts[SqlitePeer.EdgeEssential]);
            meta["edges.OPTIONAL"] = I(_edgeCounts[SqlitePeer.EdgeOptional]);
            meta["edges.BROADER"] = I(_edgeCounts[SqlitePeer.EdgeBroader]);
            meta["edges.SKILL_SKILL"] = I(_edgeCounts[SqlitePeer.EdgeSkillSkill]);
            meta["edges.duplicatesSkipped"] = I(_duplicateEdges);
            meta["skipped.occupationSkillRows"] = I(skippedOccupationSkill);
            meta["skipped.occupationSkillUnknownUris"] = I(unknownOccupations.Count);
            meta["skipped.broaderRows"] = I(skippedBroader);
            meta["skipped.skillSkillRows"] = I(skippedSkillSkill);
        }

        private static SepReader Open(string path) =>
            Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);

        private bool Is(string uri, int kind, out long id)
        {
            if (_nodes.TryGetValue(uri, out var n) && n.Kind == kind)
            {
                id = n.Id;
                return true;
            }

            id = 0;
            return false;
        }

        private void ReadNodes(string path, int kind, string uriCol, string labelCol, string? codeCol)
        {
            using var reader = Open(path);
            int u = reader.Header.IndexOf(uriCol), l = reader.Header.IndexOf(labelCol);
            var c = codeCol is null ? -1 : reader.Header.IndexOf(codeCol);
            foreach (var row in reader)
            {
                AddNode(kind, row[u].ToString(), row[l].ToString(), c < 0 ? null : row[c].ToString());
            }
        }

        private int ReadHierarchyGroups(string path)
        {
            using var reader = Open(path);
            var added = 0;
            var cols = Enumerable.Range(0, 4)
                .Select(level => (Uri: reader.Header.IndexOf($"Level {level} URI"), Label: reader.Header.IndexOf($"Level {level} preferred term")))
                .ToArray();
            foreach (var row in reader)
            {
                foreach (var (uriCol, labelCol) in cols)
                {
                    var uri = uriCol < row.ColCount ? row[uriCol].ToString() : string.Empty;
                    if (uri.Length > 0 && !_nodes.ContainsKey(uri))
                    {
                        AddNode(SqlitePeer.KindSkillGroup, uri, labelCol < row.ColCount ? row[labelCol].ToString() : string.Empty, null);
                        added++;
                    }
                }
            }

            return added;
        }

        private void AddNode(int kind, string uri, string label, string? code)
        {
            if (uri.Length == 0 || _nodes.ContainsKey(uri))
            {
                return;
            }

            var id = _nodes.Count + 1L;
            _nodes.Add(uri, (id, kind));
            _nodeCounts[kind]++;
            _insertNode.Parameters[0].Value = id;
            _insertNode.Parameters[1].Value = kind;
            _insertNode.Parameters[2].Value = uri;
            _insertNode.Parameters[3].Value = label;
            _insertNode.Parameters[4].Value = (object?)code ?? DBNull.Value;
            _insertNode.ExecuteNonQuery();
        }

        private void AddEdge(long src, int type, long dst, string? relationType)
        {
            if (!_edges.Add((src, type, dst)))
            {
                _duplicateEdges++;
                return;
            }

            _edgeCounts[type]++;
            _insertEdge.Parameters[0].Value = src;
            _insertEdge.Parameters[1].Value = type;
            _insertEdge.Parameters[2].Value = dst;
            _insertEdge.Parameters[3].Value = (object?)relationType ?? DBNull.Value;
            _insertEdge.ExecuteNonQuery();
        }
    }
}
