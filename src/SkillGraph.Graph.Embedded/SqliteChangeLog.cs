using System.Globalization;
using Microsoft.Data.Sqlite;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// The change log of the embedded store: tables <c>change_set</c> and <c>field_change</c> in the store's file, written in
/// the transaction of the graph write they describe, read by SQL (history is not part of the in-memory snapshot).
/// </summary>
internal static class SqliteChangeLog
{
    /// <summary>Creates the tables if the file has none yet (a store made before the change log gets them on opening).</summary>
    public static void EnsureTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS change_set (
                id TEXT PRIMARY KEY,
                author TEXT NOT NULL,
                comment TEXT NOT NULL,
                created_at TEXT NOT NULL,
                reverts TEXT,
                reviewer TEXT);
            CREATE TABLE IF NOT EXISTS field_change (
                change_set_id TEXT NOT NULL REFERENCES change_set(id),
                seq INTEGER NOT NULL,
                concept_uri TEXT NOT NULL,
                field TEXT NOT NULL,
                before TEXT,
                after TEXT,
                PRIMARY KEY (change_set_id, seq)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS field_change_concept ON field_change(concept_uri, change_set_id);
            """;
        command.ExecuteNonQuery();

        // A log made before proposals has no reviewer column yet.
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('change_set') WHERE name = 'reviewer';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE change_set ADD COLUMN reviewer TEXT;";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Appends <paramref name="changeSet"/> inside <paramref name="transaction"/>; an id already logged is a conflict.</summary>
    public static void Record(SqliteTransaction transaction, ChangeSet changeSet)
    {
        using var insertSet = transaction.Connection!.CreateCommand();
        insertSet.Transaction = transaction;
        insertSet.CommandText = "INSERT INTO change_set (id, author, comment, created_at, reverts, reviewer) VALUES ($id, $author, $comment, $created, $reverts, $reviewer);";
        insertSet.Parameters.AddWithValue("$id", changeSet.Id);
        insertSet.Parameters.AddWithValue("$author", changeSet.Author);
        insertSet.Parameters.AddWithValue("$comment", changeSet.Comment);
        insertSet.Parameters.AddWithValue("$created", changeSet.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        insertSet.Parameters.AddWithValue("$reverts", (object?)changeSet.Reverts ?? DBNull.Value);
        insertSet.Parameters.AddWithValue("$reviewer", (object?)changeSet.Reviewer ?? DBNull.Value);
        try
        {
            insertSet.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new SkillGraphException(ErrorCode.Conflict, $"change set {changeSet.Id} is already in the change log.", ex);
        }

        using var insertChange = transaction.Connection.CreateCommand();
        insertChange.Transaction = transaction;
        insertChange.CommandText = "INSERT INTO field_change (change_set_id, seq, concept_uri, field, before, after) VALUES ($id, $seq, $uri, $field, $before, $after);";
        var id = insertChange.Parameters.AddWithValue("$id", changeSet.Id);
        var seq = insertChange.Parameters.Add("$seq", SqliteType.Integer);
        var uri = insertChange.Parameters.Add("$uri", SqliteType.Text);
        var field = insertChange.Parameters.Add("$field", SqliteType.Text);
        var before = insertChange.Parameters.Add("$before", SqliteType.Text);
        var after = insertChange.Parameters.Add("$after", SqliteType.Text);
        for (var i = 0; i < changeSet.Changes.Count; i++)
        {
            var change = changeSet.Changes[i];
            seq.Value = i;
            uri.Value = change.Concept.Value;
            field.Value = change.Field;
            before.Value = (object?)change.Before ?? DBNull.Value;
            after.Value = (object?)change.After ?? DBNull.Value;
            insertChange.ExecuteNonQuery();
        }
    }

    public static Page<ChangeSet> Read(SqliteConnection connection, ChangeFilter filter, PageRequest page)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var where = """
            ($concept IS NULL OR EXISTS (SELECT 1 FROM field_change f WHERE f.change_set_id = s.id AND f.concept_uri = $concept))
            AND ($since IS NULL OR s.created_at >= $since)
            """;
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$concept", (object?)filter.Concept?.Value ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", (object?)filter.Since?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("$first", Math.Clamp(page.First, 0, PageRequest.MaxPageSize) + 1);
        command.CommandText = $"SELECT COUNT(*) FROM change_set s WHERE {where};";
        var total = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = $"SELECT s.id, s.author, s.comment, s.created_at, s.reverts, s.reviewer FROM change_set s WHERE {where} AND ($after IS NULL OR s.id > $after) ORDER BY s.id LIMIT $first;";
        var sets = new List<(string Id, string Author, string Comment, DateTimeOffset Created, string? Reverts, string? Reviewer)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sets.Add(SetOf(reader));
            }
        }

        var first = Math.Clamp(page.First, 0, PageRequest.MaxPageSize);
        var hasNext = sets.Count > first;
        sets = [.. sets.Take(first)];
        var changes = ChangesOf(connection, [.. sets.Select(set => set.Id)]);
        var items = sets.Select(set => new ChangeSet(set.Id, set.Author, set.Comment, set.Created, changes.GetValueOrDefault(set.Id) ?? [], set.Reverts, set.Reviewer)).ToList();
        return total == 0 && after is null ? Page<ChangeSet>.Empty : Page<ChangeSet>.WithEndKey(items, total, items.Count > 0 ? items[^1].Id : null, page.After, hasNext);
    }

    public static ChangeSet? ReadOne(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$id", id);
        command.CommandText = "SELECT id, author, comment, created_at, reverts, reviewer FROM change_set WHERE id = $id;";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var set = SetOf(reader);
        return new ChangeSet(set.Id, set.Author, set.Comment, set.Created, ChangesOf(connection, [id]).GetValueOrDefault(id) ?? [], set.Reverts, set.Reviewer);
    }

    private static (string Id, string Author, string Comment, DateTimeOffset Created, string? Reverts, string? Reviewer) SetOf(SqliteDataReader reader) => (
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));

    /// <summary>The field changes of the change sets <paramref name="ids"/> (a page, at most <see cref="PageRequest.MaxPageSize"/>), by id, in one read.</summary>
    private static Dictionary<string, List<FieldChange>> ChangesOf(SqliteConnection connection, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        for (var i = 0; i < ids.Count; i++)
        {
            command.Parameters.AddWithValue("$id" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }

        command.CommandText = $"SELECT change_set_id, concept_uri, field, before, after FROM field_change WHERE change_set_id IN ({string.Join(", ", ids.Select((_, i) => "$id" + i.ToString(CultureInfo.InvariantCulture)))}) ORDER BY change_set_id, seq;";
        var changes = new Dictionary<string, List<FieldChange>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (!changes.TryGetValue(id, out var list))
            {
                changes[id] = list = [];
            }

            list.Add(new FieldChange(ConceptUri.Parse(reader.GetString(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return changes;
    }
}
