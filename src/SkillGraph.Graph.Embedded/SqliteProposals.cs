using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// The proposals of the embedded store: table <c>proposal</c> in the store's file beside the change log, created on
/// opening like it. An acceptance is written in the transaction of the graph write that applies it.
/// </summary>
internal static class SqliteProposals
{
    private const string Columns = "id, author, comment, created_at, changes, status, reviewer, review_comment, reviewed_at, change_set_id";

    public static void EnsureTable(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS proposal (
                id TEXT PRIMARY KEY,
                author TEXT NOT NULL,
                comment TEXT NOT NULL,
                created_at TEXT NOT NULL,
                changes TEXT NOT NULL,
                status TEXT NOT NULL,
                reviewer TEXT,
                review_comment TEXT,
                reviewed_at TEXT,
                change_set_id TEXT);
            CREATE INDEX IF NOT EXISTS proposal_status ON proposal(status, id);
            """;
        command.ExecuteNonQuery();
    }

    public static void Add(SqliteConnection connection, Proposal proposal)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO proposal ({Columns}) VALUES ($id, $author, $comment, $created, $changes, $status, NULL, NULL, NULL, NULL);";
        command.Parameters.AddWithValue("$id", proposal.Id);
        command.Parameters.AddWithValue("$author", proposal.Author);
        command.Parameters.AddWithValue("$comment", proposal.Comment);
        command.Parameters.AddWithValue("$created", Text(proposal.CreatedAt));
        command.Parameters.AddWithValue("$changes", proposal.Changes);
        command.Parameters.AddWithValue("$status", ProposalStatuses.Name(ProposalStatus.Pending));
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new Domain.SkillGraphException(Domain.ErrorCode.Conflict, $"proposal {proposal.Id} is stored already.", ex);
        }
    }

    /// <summary>Records <paramref name="review"/> of a pending proposal (inside <paramref name="transaction"/> when given); one that is not pending throws.</summary>
    public static void Review(SqliteConnection connection, SqliteTransaction? transaction, ProposalReview review)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE proposal SET status = $status, reviewer = $reviewer, review_comment = $comment, reviewed_at = $at, change_set_id = $changeSet
            WHERE id = $id AND status = 'pending';
            """;
        command.Parameters.AddWithValue("$id", review.Id);
        command.Parameters.AddWithValue("$status", ProposalStatuses.Name(review.Status));
        command.Parameters.AddWithValue("$reviewer", review.Reviewer);
        command.Parameters.AddWithValue("$comment", review.Comment);
        command.Parameters.AddWithValue("$at", Text(review.ReviewedAt));
        command.Parameters.AddWithValue("$changeSet", (object?)review.ChangeSetId ?? DBNull.Value);
        if (command.ExecuteNonQuery() == 0)
        {
            throw new ProposalNotPendingException(review.Id);
        }
    }

    public static Proposal? ReadOne(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM proposal WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public static Page<Proposal> Read(SqliteConnection connection, ProposalStatus? status, PageRequest page)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var first = Math.Clamp(page.First, 0, PageRequest.MaxPageSize);
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$status", status is { } s ? ProposalStatuses.Name(s) : DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("$first", first + 1);
        command.CommandText = "SELECT COUNT(*) FROM proposal WHERE ($status IS NULL OR status = $status);";
        var total = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = $"SELECT {Columns} FROM proposal WHERE ($status IS NULL OR status = $status) AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $first;";
        var items = new List<Proposal>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(Read(reader));
            }
        }

        var hasNext = items.Count > first;
        items = [.. items.Take(first)];
        return total == 0 && after is null ? Page<Proposal>.Empty : Page<Proposal>.WithEndKey(items, total, items.Count > 0 ? items[^1].Id : null, page.After, hasNext);
    }

    private static Proposal Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.GetString(4),
        ProposalStatuses.Parse(reader.GetString(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
        reader.IsDBNull(9) ? null : reader.GetString(9));

    private static string Text(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
