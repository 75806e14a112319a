using System.Globalization;
using Microsoft.Data.Sqlite;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// Applies one <see cref="GraphBatch"/> inside one immediate transaction: all of it, or none of it. An import
/// (<see cref="GraphBatch.ReplaceAll"/>) reads every stored concept first; a small write looks up only the concepts it
/// names. It says what it changed (<see cref="WrittenBatch"/>), so that the store can update its snapshot from that.
/// </summary>
internal sealed class SqliteGraphWriter(SqliteConnection connection, IProgress<WriteProgress>? progress, CancellationToken cancellationToken)
{
    private const int ProgressEvery = 5_000;

    public WrittenBatch Write(GraphBatch batch)
    {
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var existing = batch.ReplaceAll ? ReadExisting(transaction) : [];
        using var findConcept = Command(transaction, "SELECT id, version, content_hash FROM concept WHERE uri = $uri;", "$uri");
        ExistingConcept? Find(ConceptUri uri)
        {
            if (batch.ReplaceAll)
            {
                return existing.GetValueOrDefault(uri);
            }

            findConcept.Parameters[0].Value = uri.Value;
            using var reader = findConcept.ExecuteReader();
            return reader.Read() ? new ExistingConcept(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
        }

        int inserted = 0, updated = 0, unchanged = 0, removed = 0;
        var written = new List<Concept>();
        void Written(Concept concept, long version)
        {
            if (!batch.ReplaceAll)
            {
                written.Add(concept with { Version = version, Labels = [.. concept.Labels] });
            }
        }

        var ids = new Dictionary<ConceptUri, long>(existing.Count + batch.Concepts.Count);
        foreach (var (uri, row) in existing)
        {
            ids[uri] = row.Id;
        }

        bool TryGetId(ConceptUri uri, out long id)
        {
            if (ids.TryGetValue(uri, out id))
            {
                return true;
            }

            if (!batch.ReplaceAll && Find(uri) is { } row)
            {
                ids[uri] = id = row.Id;
                return true;
            }

            return false;
        }

        using var insertConcept = Command(transaction, """
            INSERT INTO concept (uri, kind, preferred_label, description, definition, scope_note, status, code, skill_type, reuse_level, collections, modified_at, version, content_hash)
            VALUES ($uri, $kind, $label, $description, $definition, $scope, $status, $code, $skillType, $reuse, $collections, $modified, 1, $hash)
            RETURNING id;
            """, "$uri", "$kind", "$label", "$description", "$definition", "$scope", "$status", "$code", "$skillType", "$reuse", "$collections", "$modified", "$hash");
        using var updateConcept = Command(transaction, """
            UPDATE concept SET kind = $kind, preferred_label = $label, description = $description, definition = $definition,
                scope_note = $scope, status = $status, code = $code, skill_type = $skillType, reuse_level = $reuse,
                collections = $collections, modified_at = $modified, version = version + 1, content_hash = $hash
            WHERE uri = $uri;
            """, "$uri", "$kind", "$label", "$description", "$definition", "$scope", "$status", "$code", "$skillType", "$reuse", "$collections", "$modified", "$hash");
        using var deleteLabels = Command(transaction, "DELETE FROM label WHERE concept_id = $id;", "$id");
        using var insertLabel = Command(transaction, "INSERT INTO label (concept_id, kind, language, text) VALUES ($id, $kind, $language, $text);", "$id", "$kind", "$language", "$text");

        var inBatch = new HashSet<ConceptUri>();
        var done = 0;
        foreach (var write in batch.Concepts)
        {
            var concept = write.Concept;
            if (!inBatch.Add(concept.Uri))
            {
                throw new GraphWriteException($"{concept.Uri} appears twice in one write.");
            }

            var hash = SqliteGraphStore.ContentHash(concept);
            var current = Find(concept.Uri);
            if (write.ExpectedVersion is { } expected && (current?.Version ?? 0) != expected)
            {
                throw new ConcurrencyConflictException(concept.Uri, expected, current?.Version ?? 0);
            }

            if (current is null)
            {
                Bind(insertConcept, concept, hash);
                var id = (long)insertConcept.ExecuteScalar()!;
                ids[concept.Uri] = id;
                InsertLabels(insertLabel, id, concept);
                Written(concept, 1);
                inserted++;
            }
            else if (current.Hash != hash)
            {
                Bind(updateConcept, concept, hash);
                updateConcept.ExecuteNonQuery();
                deleteLabels.Parameters[0].Value = current.Id;
                deleteLabels.ExecuteNonQuery();
                InsertLabels(insertLabel, current.Id, concept);
                ids[concept.Uri] = current.Id;
                Written(concept, current.Version + 1);
                updated++;
            }
            else
            {
                ids[concept.Uri] = current.Id;
                unchanged++;
            }

            Report("concepts", ++done, batch.Concepts.Count);
        }

        var relationsRemoved = 0;
        if (batch.ReplaceAll)
        {
            using var deleteConcept = Command(transaction, "DELETE FROM concept WHERE id = $id;", "$id");
            foreach (var (uri, row) in existing)
            {
                if (!inBatch.Contains(uri))
                {
                    deleteConcept.Parameters[0].Value = row.Id;
                    deleteConcept.ExecuteNonQuery();
                    ids.Remove(uri);
                    removed++;
                }
            }

            using var clear = Command(transaction, "DELETE FROM relation;");
            relationsRemoved += clear.ExecuteNonQuery();
        }

        var removedRelations = new List<Relation>();
        using var removeRelation = Command(transaction, "DELETE FROM relation WHERE source_id = $s AND type = $t AND target_id = $d;", "$s", "$t", "$d");
        foreach (var relation in batch.RemoveRelations)
        {
            if (TryGetId(relation.Source, out var s) && TryGetId(relation.Target, out var d))
            {
                BindRelation(removeRelation, s, relation.Type, d);
                if (removeRelation.ExecuteNonQuery() > 0)
                {
                    relationsRemoved++;
                    removedRelations.Add(relation);
                }
            }
        }

        var relationsAdded = 0;
        var addedRelations = new List<Relation>();
        done = 0;
        using var addRelation = Command(transaction, "INSERT OR IGNORE INTO relation (source_id, type, target_id) VALUES ($s, $t, $d);", "$s", "$t", "$d");
        foreach (var relation in batch.AddRelations)
        {
            if (!TryGetId(relation.Source, out var s))
            {
                throw new GraphWriteException($"relation {relation.Type} from {relation.Source}: no such concept.");
            }

            if (!TryGetId(relation.Target, out var d))
            {
                throw new GraphWriteException($"relation {relation.Type} to {relation.Target}: no such concept.");
            }

            BindRelation(addRelation, s, relation.Type, d);
            if (addRelation.ExecuteNonQuery() > 0)
            {
                relationsAdded++;
                addedRelations.Add(relation);
            }

            Report("relations", ++done, batch.AddRelations.Count);
        }

        if (batch.ReplaceAll || batch.Skipped.Count > 0)
        {
            RecordRun(transaction, batch);
        }

        if (batch.ChangeSet is { } changeSet)
        {
            SqliteChangeLog.Record(transaction, changeSet);
        }

        if (batch.Review is { } review)
        {
            SqliteProposals.Review(transaction.Connection!, transaction, review);
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new WriteProgress("commit", 0, 1));
        transaction.Commit();
        progress?.Report(new WriteProgress("commit", 1, 1));
        return new WrittenBatch(new WriteResult(inserted, updated, unchanged, removed, relationsAdded, relationsRemoved), written, removedRelations, addedRelations);
    }

    private void Report(string stage, int done, int total)
    {
        if (done % ProgressEvery == 0 || done == total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WriteProgress(stage, done, total));
        }
    }

    private static void RecordRun(SqliteTransaction transaction, GraphBatch batch)
    {
        using var run = Command(transaction, "INSERT INTO import_run (source, finished_at, skipped) VALUES ($source, $finished, $skipped) RETURNING id;", "$source", "$finished", "$skipped");
        run.Parameters[0].Value = batch.Source;
        run.Parameters[1].Value = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        run.Parameters[2].Value = batch.Skipped.Count;
        var runId = (long)run.ExecuteScalar()!;
        using var skipped = Command(transaction, "INSERT INTO import_skipped (run_id, category, file, line, reason, detail) VALUES ($run, $category, $file, $line, $reason, $detail);", "$run", "$category", "$file", "$line", "$reason", "$detail");
        skipped.Parameters[0].Value = runId;
        foreach (var row in batch.Skipped)
        {
            skipped.Parameters[1].Value = row.Category;
            skipped.Parameters[2].Value = row.File;
            skipped.Parameters[3].Value = row.Line;
            skipped.Parameters[4].Value = row.Reason;
            skipped.Parameters[5].Value = row.Detail;
            skipped.ExecuteNonQuery();
        }
    }

    private Dictionary<ConceptUri, ExistingConcept> ReadExisting(SqliteTransaction transaction)
    {
        var existing = new Dictionary<ConceptUri, ExistingConcept>();
        using var command = Command(transaction, "SELECT id, uri, version, content_hash FROM concept;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            existing[ConceptUri.Parse(reader.GetString(1))] = new ExistingConcept(reader.GetInt64(0), reader.GetInt64(2), reader.GetInt64(3));
        }

        return existing;
    }

    private static void InsertLabels(SqliteCommand insertLabel, long id, Concept concept)
    {
        insertLabel.Parameters[0].Value = id;
        foreach (var label in concept.Labels)
        {
            insertLabel.Parameters[1].Value = (int)label.Kind;
            insertLabel.Parameters[2].Value = label.Language;
            insertLabel.Parameters[3].Value = label.Text;
            insertLabel.ExecuteNonQuery();
        }
    }

    private static void Bind(SqliteCommand command, Concept c, long hash)
    {
        var p = command.Parameters;
        p["$uri"].Value = c.Uri.Value;
        p["$kind"].Value = (int)c.Kind;
        p["$label"].Value = c.PreferredLabel;
        p["$description"].Value = (object?)c.Description ?? DBNull.Value;
        p["$definition"].Value = (object?)c.Definition ?? DBNull.Value;
        p["$scope"].Value = (object?)c.ScopeNote ?? DBNull.Value;
        p["$status"].Value = c.Status;
        p["$code"].Value = (object?)c.Code ?? DBNull.Value;
        p["$skillType"].Value = c.SkillType is { } st ? (int)st : DBNull.Value;
        p["$reuse"].Value = c.ReuseLevel is { } rl ? (int)rl : DBNull.Value;
        p["$collections"].Value = (int)c.Collections;
        p["$modified"].Value = c.ModifiedAt is { } m ? m.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;
        p["$hash"].Value = hash;
    }

    private static void BindRelation(SqliteCommand command, long source, RelationType type, long target)
    {
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = (int)type;
        command.Parameters[2].Value = target;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private sealed record ExistingConcept(long Id, long Version, long Hash);
}

/// <summary>
/// What a committed write changed: the concepts inserted or changed, as stored (with their new versions); the relations
/// that existed and were removed; then the relations that did not exist and were added (a small write only: an import
/// replaced everything).
/// </summary>
internal sealed record WrittenBatch(WriteResult Result, IReadOnlyList<Concept> Concepts, IReadOnlyList<Relation> RelationsRemoved, IReadOnlyList<Relation> RelationsAdded);
