using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Authorization;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// The one way curation writes the graph. Changes run one at a time in this process, so that what a change checked is
/// what it writes; every concept it writes carries the version it read (a write from another replica in between fails
/// the whole change with <c>CONFLICT</c>); the change set goes into the change log in the write's own transaction.
/// </summary>
public sealed class CurationWriter(IGraphStore graph, ICurrentUser user, TimeProvider clock, IEnumerable<IGraphChangeObserver> observers, ILogger<CurationWriter> logger, IOptions<CurationOptions> curation) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Runs <paramref name="plan"/> (it reads, checks and records its changes in the draft) and writes what it recorded
    /// with a change set saying <paramref name="comment"/>; nothing is written when the plan throws.
    /// </summary>
    public async ValueTask<CurationResult> WriteAsync(string comment, Func<CurationDraft, CancellationToken, ValueTask> plan, CancellationToken cancellationToken, string? reverts = null, CurationWriteOptions? options = null)
    {
        options ??= CurationWriteOptions.Default;
        if (ReviewRequired(user.Caller, curation.Value) && options is { DryRun: false, Accepts: null })
        {
            throw new SkillGraphException(ErrorCode.Forbidden, $"Curation:RequireReview is on: {user.Caller} may propose changes (proposeChanges) for a reviewer to accept, not apply them.");
        }

        CurationResult result;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var draft = new CurationDraft(graph, clock.GetUtcNow());
            await plan(draft, cancellationToken).ConfigureAwait(false);
            if (draft.Changes.Count == 0)
            {
                throw new SkillGraphException(ErrorCode.BadInput, "the change changes nothing: every field already has the value given.");
            }

            var author = options.Author ?? user.Caller.Name ?? "anonymous";
            var reviewer = options.Accepts is null ? null : user.Caller.Name ?? "anonymous";
            var changeSet = new ChangeSet(ChangeSet.NewId(draft.Now), author, comment.Trim(), draft.Now, draft.Changes, reverts, reviewer);
            if (options.DryRun)
            {
                var pending = draft.Subject is { } planned ? (await draft.Graph.GetConceptsAsync([planned], cancellationToken).ConfigureAwait(false))[0] : null;
                return new CurationResult(pending, changeSet, draft.Warnings, Written: false);
            }

            await graph.WriteAsync(
                new GraphBatch
                {
                    Concepts = draft.Writes,
                    AddRelations = draft.Added,
                    RemoveRelations = draft.Removed,
                    ChangeSet = changeSet,
                    Source = "curation " + changeSet.Id,
                    Review = options.Accepts is { } id ? new ProposalReview(id, ProposalStatus.Accepted, reviewer!, options.ReviewComment ?? comment.Trim(), draft.Now, changeSet.Id) : null,
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var written = draft.Subject is { } subject ? (await graph.GetConceptsAsync([subject], cancellationToken).ConfigureAwait(false))[0] : null;
            result = new CurationResult(written, changeSet, draft.Warnings);
        }
        finally
        {
            _gate.Release();
        }

        // The observers follow outside the gate: the next change need not wait for them, and an observer that is slow (the
        // student re-embeds labels) takes up every change committed meanwhile in one go. The answer still waits for them,
        // so what a change wrote is followed when its answer arrives.
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnConceptsChangedAsync(result.ChangeSet.Concepts, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Change set {ChangeSet} is committed, but {Observer} could not follow it", result.ChangeSet.Id, observer.GetType().Name);
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="caller"/>'s changes must be proposals: review is required and the caller may not bypass it.</summary>
    public static bool ReviewRequired(Caller caller, CurationOptions options) =>
        options.RequireReview && !caller.Permissions.HasFlag(Permission.BypassReview);

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// What one curation command changed: the concept it is about (as stored now), its change set, and warnings that did not
/// stop it. <see cref="Written"/> is false for a dry run (checked, nothing written; the change set is what would be logged).
/// </summary>
public sealed record CurationResult(Concept? Concept, ChangeSet ChangeSet, IReadOnlyList<string> Warnings, bool Written = true);

/// <summary>
/// How a write is recorded: <see cref="Author"/> instead of the caller (a proposal's author, when a reviewer accepts it; the
/// caller is then the reviewer), <see cref="Accepts"/> the proposal it applies (marked accepted in the same transaction,
/// with <see cref="ReviewComment"/>); with <see cref="DryRun"/> every check runs and nothing is written.
/// </summary>
public sealed record CurationWriteOptions(string? Author = null, string? Accepts = null, string? ReviewComment = null, bool DryRun = false)
{
    public static CurationWriteOptions Default { get; } = new();
}

/// <summary>The changes one command is about to make, with the field-by-field record of them for the change log.</summary>
public sealed class CurationDraft
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

    public CurationDraft(IGraphStore graph, DateTimeOffset now)
    {
        Graph = new DraftGraph(graph, this);
        Now = now;
    }

    /// <summary>The graph as this draft leaves it (the store's graph with the draft's writes on top): what checks read.</summary>
    public IGraphStore Graph { get; }

    public DateTimeOffset Now { get; }

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

        // A concept written earlier in the draft keeps the version it was read at in the store: the one the write checks.
        _writes[after.Uri] = new ConceptWrite(after with { ModifiedAt = Now }, _writes.TryGetValue(after.Uri, out var earlier) ? earlier.ExpectedVersion : expectedVersion);
    }

    /// <summary>The draft's write of <paramref name="uri"/>, if it writes the concept.</summary>
    public ConceptWrite? Pending(ConceptUri uri) => _writes.GetValueOrDefault(uri);

    /// <summary>Adds <paramref name="relation"/>; its source concept (<paramref name="source"/>, as read) gets a new version.</summary>
    public void Add(Concept source, Relation relation)
    {
        if (!_removed.Remove(relation))
        {
            _added.Add(relation); // removed and added again in one draft: the graph keeps it, the log shows both
        }

        Touch(source);
        _changes.Add(new FieldChange(relation.Source, FieldOf(relation.Type), null, Json(relation.Target.Value)));
        _changes.Add(new FieldChange(relation.Target, Incoming + FieldOf(relation.Type), null, Json(relation.Source.Value)));
    }

    /// <summary>Removes <paramref name="relation"/>; its source concept (<paramref name="source"/>, as read) gets a new version.</summary>
    public void Remove(Concept source, Relation relation)
    {
        if (!_added.Remove(relation))
        {
            _removed.Add(relation);
        }

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
