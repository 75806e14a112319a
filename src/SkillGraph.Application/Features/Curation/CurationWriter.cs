using System.Text.Json;
using Microsoft.Extensions.Logging;
using SkillGraph.Application.Authorization;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// The one way curation writes the graph. Changes run one at a time in this process, so that what a change checked is
/// what it writes; every concept it writes carries the version it read (a write from another replica in between fails
/// the whole change with <c>CONFLICT</c>); the change set goes into the change log in the write's own transaction.
/// </summary>
public sealed class CurationWriter(IGraphStore graph, ICurrentUser user, TimeProvider clock, IEnumerable<IGraphChangeObserver> observers, ILogger<CurationWriter> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Runs <paramref name="plan"/> (it reads, checks and records its changes in the draft) and writes what it recorded
    /// with a change set saying <paramref name="comment"/>; nothing is written when the plan throws.
    /// </summary>
    public async ValueTask<CurationResult> WriteAsync(string comment, Func<CurationDraft, CancellationToken, ValueTask> plan, CancellationToken cancellationToken, string? reverts = null)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var draft = new CurationDraft(graph, clock.GetUtcNow());
            await plan(draft, cancellationToken).ConfigureAwait(false);
            if (draft.Changes.Count == 0)
            {
                throw new SkillGraphException(ErrorCode.BadInput, "the change changes nothing: every field already has the value given.");
            }

            var changeSet = new ChangeSet(ChangeSet.NewId(draft.Now), user.Caller.Name ?? "anonymous", comment.Trim(), draft.Now, draft.Changes, reverts);
            await graph.WriteAsync(
                new GraphBatch { Concepts = draft.Writes, AddRelations = draft.Added, RemoveRelations = draft.Removed, ChangeSet = changeSet, Source = "curation " + changeSet.Id },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var observer in observers)
            {
                try
                {
                    await observer.OnConceptsChangedAsync(changeSet.Concepts, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Change set {ChangeSet} is committed, but {Observer} could not follow it", changeSet.Id, observer.GetType().Name);
                }
            }

            var written = draft.Subject is { } subject ? (await graph.GetConceptsAsync([subject], cancellationToken).ConfigureAwait(false))[0] : null;
            return new CurationResult(written, changeSet, draft.Warnings);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>What one curation command changed: the concept it is about (as stored now), its change set, and warnings that did not stop it.</summary>
public sealed record CurationResult(Concept? Concept, ChangeSet ChangeSet, IReadOnlyList<string> Warnings);

/// <summary>The changes one command is about to make, with the field-by-field record of them for the change log.</summary>
public sealed class CurationDraft(IGraphStore graph, DateTimeOffset now)
{
    public const string Deprecated = "deprecated";

    /// <summary>
    /// The prefix of a relation's record at its target (<c>incoming:essentialSkill</c>, the value the source's URI), so that
    /// the change shows in both ends' history; the source's record is the one a revert undoes.
    /// </summary>
    public const string Incoming = "incoming:";

    private readonly Dictionary<ConceptUri, ConceptWrite> _writes = [];
    private readonly List<Relation> _added = [];
    private readonly List<Relation> _removed = [];
    private readonly List<FieldChange> _changes = [];
    private readonly List<string> _warnings = [];

    public IGraphStore Graph { get; } = graph;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The concept the command is about, returned in its payload.</summary>
    public ConceptUri? Subject { get; set; }

    public IReadOnlyList<FieldChange> Changes => _changes;

    public IReadOnlyList<ConceptWrite> Writes => [.. _writes.Values];

    public IReadOnlyList<Relation> Added => _added;

    public IReadOnlyList<Relation> Removed => _removed;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Warn(string warning) => _warnings.Add(warning);

    /// <summary>Records a change that is not a field of the concept's content (e.g. <c>replacedBy</c>).</summary>
    public void Note(FieldChange change) => _changes.Add(change);

    /// <summary>
    /// Writes <paramref name="after"/> over <paramref name="before"/> (null: a new concept), expecting the stored version to be
    /// <paramref name="expectedVersion"/> (0 for a new one), and records each field that differs.
    /// </summary>
    public void Put(Concept? before, Concept after, long expectedVersion)
    {
        Record(after.Uri, "kind", before?.Kind.ToString(), after.Kind.ToString());
        Record(after.Uri, "preferredLabel", before?.PreferredLabel, after.PreferredLabel);
        Record(after.Uri, "altLabels", before is null ? null : Json(before.AltLabels()), Json(after.AltLabels()));
        Record(after.Uri, "description", before?.Description, after.Description);
        Record(after.Uri, "status", before?.Status, after.Status);
        _writes[after.Uri] = new ConceptWrite(after with { ModifiedAt = Now }, expectedVersion);
    }

    /// <summary>Adds <paramref name="relation"/>; its source concept (<paramref name="source"/>, as read) gets a new version.</summary>
    public void Add(Concept source, Relation relation)
    {
        _added.Add(relation);
        Touch(source);
        _changes.Add(new FieldChange(relation.Source, FieldOf(relation.Type), null, Json(relation.Target.Value)));
        _changes.Add(new FieldChange(relation.Target, Incoming + FieldOf(relation.Type), null, Json(relation.Source.Value)));
    }

    /// <summary>Removes <paramref name="relation"/>; its source concept (<paramref name="source"/>, as read) gets a new version.</summary>
    public void Remove(Concept source, Relation relation)
    {
        _removed.Add(relation);
        Touch(source);
        _changes.Add(new FieldChange(relation.Source, FieldOf(relation.Type), Json(relation.Target.Value), null));
        _changes.Add(new FieldChange(relation.Target, Incoming + FieldOf(relation.Type), Json(relation.Source.Value), null));
    }

    /// <summary>The change-log field of a relation type: <c>essentialSkill</c>, <c>broader</c>, …</summary>
    public static string FieldOf(RelationType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>The relation type of a change-log field, if it names one.</summary>
    public static RelationType? RelationOf(string field) =>
        Enum.GetValues<RelationType>().Where(t => FieldOf(t) == field).Select(t => (RelationType?)t).FirstOrDefault();

    public static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private void Touch(Concept source)
    {
        if (!_writes.ContainsKey(source.Uri))
        {
            _writes[source.Uri] = new ConceptWrite(source with { ModifiedAt = Now }, source.Version);
        }
    }

    private void Record(ConceptUri uri, string field, string? before, string? after)
    {
        if (before is null && after is null)
        {
            return;
        }

        var (b, a) = (before is null ? null : Json(before), after is null ? null : Json(after));
        if (field == "altLabels")
        {
            (b, a) = (before, after); // already JSON arrays
        }

        if (b != a)
        {
            _changes.Add(new FieldChange(uri, field, b, a));
        }
    }

    private static string Json(IEnumerable<string> labels) => JsonSerializer.Serialize(labels.ToArray());
}
