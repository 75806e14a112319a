using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// Writes one <see cref="GraphBatch"/> in one explicit transaction: begin with <c>lock-concepts</c> (the stored version
/// and content hash of every concept the batch names, write-locked), then upserts, ReplaceAll's deletions, relation
/// removals, the relation-end check and additions, the import record, commit. Any failure rolls the transaction back
/// (<c>DELETE …/tx/{id}</c>); a Neo4j transient error (deadlock, leader switch) retries the whole batch.
/// </summary>
internal sealed class Neo4jGraphWriter(QueryApiClient client, Neo4jOptions options, IProgress<WriteProgress>? progress)
{
    public async ValueTask<WriteResult> WriteAsync(GraphBatch batch, CancellationToken cancellationToken)
    {
        Validate(batch);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jQueryException ex) when (ex.IsTransient && attempt < options.MaxRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Validate(GraphBatch batch)
    {
        var seen = new HashSet<ConceptUri>();
        foreach (var write in batch.Concepts)
        {
            if (!seen.Add(write.Concept.Uri))
            {
                throw new GraphWriteException($"{write.Concept.Uri} appears twice in one write.");
            }
        }
    }

    private async Task<WriteResult> WriteOnceAsync(GraphBatch batch, CancellationToken cancellationToken)
    {
        var uris = batch.Concepts.Select(w => w.Concept.Uri.Value).ToArray();
        var (transaction, locked) = await client.BeginAsync(CypherStatements.LockConcepts, new Dictionary<string, object?> { ["uris"] = uris }, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await WriteInAsync(transaction, batch, locked, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WriteProgress("commit", 0, 1));
            await client.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            progress?.Report(new WriteProgress("commit", 1, 1));
            return result;
        }
        finally
        {
            await client.RollbackAsync(transaction).ConfigureAwait(false);
        }
    }

    private async Task<WriteResult> WriteInAsync(QueryApiTransaction tx, GraphBatch batch, QueryResult locked, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, (long Version, long Hash)>(locked.Rows.Count, StringComparer.Ordinal);
        foreach (var row in locked.Rows)
        {
            stored[row.String("uri")!] = (row.Long("version") ?? 1, row.Long("contentHash") ?? 0);
        }

        int inserted = 0, updated = 0, unchanged = 0;
        var rows = new List<Dictionary<string, object?>>();
        foreach (var write in batch.Concepts)
        {
            var concept = write.Concept;
            var exists = stored.TryGetValue(concept.Uri.Value, out var current);
            if (write.ExpectedVersion is { } expected && (exists ? current.Version : 0) != expected)
            {
                throw new ConcurrencyConflictException(concept.Uri, expected, exists ? current.Version : 0);
            }

            var hash = ConceptProperties.ContentHash(concept);
            if (exists && current.Hash == hash)
            {
                unchanged++;
                continue;
            }

            var version = exists ? current.Version + 1 : 1;
            rows.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["uri"] = concept.Uri.Value,
                ["kind"] = (int)concept.Kind,
                ["properties"] = ConceptProperties.ToProperties(concept, version, hash),
            });
            if (exists)
            {
                updated++;
            }
            else
            {
                inserted++;
            }
        }

        await InChunksAsync(tx, CypherStatements.UpsertConcepts, "rows", rows, "concepts", cancellationToken).ConfigureAwait(false);

        var removed = 0;
        var relationsRemoved = 0;
        if (batch.ReplaceAll)
        {
            removed = (await client.RunAsync(tx, CypherStatements.DeleteConceptsNotIn, new Dictionary<string, object?> { ["keep"] = uris(batch) }, cancellationToken).ConfigureAwait(false)).Single.Int("removed");
            relationsRemoved += (await client.RunAsync(tx, CypherStatements.DeleteAllRelations, new Dictionary<string, object?>(), cancellationToken).ConfigureAwait(false)).Single.Int("removed");
        }

        var toRemove = batch.RemoveRelations.Distinct().Select(RelationParameter).ToList();
        relationsRemoved += await InChunksAsync(tx, CypherStatements.RemoveRelations, "relations", toRemove, "removed", cancellationToken).ConfigureAwait(false);

        await CheckRelationEndsAsync(tx, batch, cancellationToken).ConfigureAwait(false);
        var toAdd = batch.AddRelations.Distinct().Select(RelationParameter).ToList();
        var relationsAdded = await InChunksAsync(tx, CypherStatements.AddRelations, "relations", toAdd, "added", cancellationToken).ConfigureAwait(false);
        await CheckNoBroaderCycleAsync(tx, batch, cancellationToken).ConfigureAwait(false);

        if (batch.ReplaceAll || batch.Skipped.Count > 0)
        {
            await client.RunAsync(tx, CypherStatements.RecordImport, ImportRuns.ToParameters(batch, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        }

        if (batch.ChangeSet is { } changeSet)
        {
            await client.RunAsync(tx, CypherStatements.RecordChangeSet, ChangeSetProperties.ToParameters(changeSet), cancellationToken).ConfigureAwait(false);
        }

        if (batch.Review is { } review)
        {
            await ReviewAsync(client, tx, review, cancellationToken).ConfigureAwait(false);
        }

        return new WriteResult(inserted, updated, unchanged, removed, relationsAdded, relationsRemoved);

        static string[] uris(GraphBatch b) => [.. b.Concepts.Select(w => w.Concept.Uri.Value)];
    }

    /// <summary>Records <paramref name="review"/> in <paramref name="tx"/>; a proposal that is not pending fails the transaction.</summary>
    public static async Task ReviewAsync(QueryApiClient client, QueryApiTransaction tx, ProposalReview review, CancellationToken cancellationToken)
    {
        var rows = await client.RunAsync(tx, CypherStatements.ReviewProposal, ProposalProperties.ToParameters(review), cancellationToken).ConfigureAwait(false);
        if (rows.Rows.Count == 0)
        {
            throw new ProposalNotPendingException(review.Id);
        }
    }

    /// <summary>
    /// A small write that adds BROADER relations takes the hierarchy's write lock and checks that none closes a cycle, in
    /// its transaction: the application checks before it writes, and this catches what two writers on two servers did at
    /// once (a cycle found rolls the write back with CONFLICT; checking again then names the rule). Imports are not checked.
    /// </summary>
    private async Task CheckNoBroaderCycleAsync(QueryApiTransaction tx, GraphBatch batch, CancellationToken cancellationToken)
    {
        var pairs = batch.AddRelations.Where(r => r.Type == RelationType.Broader).Select(r => new[] { r.Source.Value, r.Target.Value }).ToArray();
        if (batch.ReplaceAll || pairs.Length == 0)
        {
            return;
        }

        var rows = await client.RunAsync(tx, CypherStatements.BroaderCycles, new Dictionary<string, object?> { ["pairs"] = pairs }, cancellationToken).ConfigureAwait(false);
        if (rows.Rows.Count > 0)
        {
            throw new SkillGraphException(
                ErrorCode.Conflict,
                $"{rows.Rows[0].String("narrower")} broader than {rows.Rows[0].String("broader")} would close a cycle in the hierarchy (another change made meanwhile); nothing was written.");
        }
    }

    /// <summary>Every relation end must be a concept of the batch or of the graph; the first that is neither fails the batch, as in the embedded store.</summary>
    private async Task CheckRelationEndsAsync(QueryApiTransaction tx, GraphBatch batch, CancellationToken cancellationToken)
    {
        if (batch.AddRelations.Count == 0)
        {
            return;
        }

        var inBatch = new HashSet<string>(batch.Concepts.Select(w => w.Concept.Uri.Value), StringComparer.Ordinal);
        var outside = batch.AddRelations.SelectMany(r => new[] { r.Source.Value, r.Target.Value }).Where(u => !inBatch.Contains(u)).Distinct(StringComparer.Ordinal).ToArray();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        if (batch.ReplaceAll)
        {
            missing.UnionWith(outside);
        }
        else if (outside.Length > 0)
        {
            var rows = await client.RunAsync(tx, CypherStatements.MissingConcepts, new Dictionary<string, object?> { ["uris"] = outside }, cancellationToken).ConfigureAwait(false);
            missing.UnionWith(rows.Rows.Select(r => r.String("uri")!));
        }

        foreach (var relation in batch.AddRelations)
        {
            if (missing.Contains(relation.Source.Value))
            {
                throw new GraphWriteException($"relation {relation.Type} from {relation.Source}: no such concept.");
            }

            if (missing.Contains(relation.Target.Value))
            {
                throw new GraphWriteException($"relation {relation.Type} to {relation.Target}: no such concept.");
            }
        }
    }

    /// <summary>Runs <paramref name="statement"/> over <paramref name="items"/> in chunks of <see cref="Neo4jOptions.WriteChunkSize"/>; sums the count each returns.</summary>
    private async Task<int> InChunksAsync<T>(QueryApiTransaction tx, string statement, string parameter, List<T> items, string stage, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var start = 0; start < items.Count; start += options.WriteChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = items.GetRange(start, Math.Min(options.WriteChunkSize, items.Count - start));
            var row = (await client.RunAsync(tx, statement, new Dictionary<string, object?> { [parameter] = chunk }, cancellationToken).ConfigureAwait(false)).Single;
            total += row.Count > 0 ? (int)(Values.AsLong(row.Values.First()) ?? 0) : 0;
            progress?.Report(new WriteProgress(stage, start + chunk.Count, items.Count));
        }

        return total;
    }

    private static Dictionary<string, object?> RelationParameter(Relation relation) => new(StringComparer.Ordinal)
    {
        ["source"] = relation.Source.Value,
        ["type"] = ConceptProperties.RelationshipType(relation.Type),
        ["target"] = relation.Target.Value,
    };
}
