using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>A concept to write; with <see cref="ExpectedVersion"/> set, the write fails unless the stored version is that.</summary>
public sealed record ConceptWrite(Concept Concept, long? ExpectedVersion = null);

/// <summary>A set of changes written in one transaction.</summary>
public sealed record GraphBatch
{
    public IReadOnlyList<ConceptWrite> Concepts { get; init; } = [];

    public IReadOnlyList<Relation> AddRelations { get; init; } = [];

    public IReadOnlyList<Relation> RemoveRelations { get; init; } = [];

    /// <summary>The batch is the whole graph: concepts and relations not in it are removed (an import).</summary>
    public bool ReplaceAll { get; init; }

    /// <summary>Where the batch came from ("esco v1.1.1 /path", "sample", a steward's name…).</summary>
    public string Source { get; init; } = "unknown";

    /// <summary>Rows of the source that could not be turned into concepts or relations, recorded with the batch.</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; init; } = [];

    /// <summary>The steward's change this batch makes, recorded in the change log in the same transaction (none for an import).</summary>
    public ChangeSet? ChangeSet { get; init; }

    /// <summary>
    /// A proposal this batch applies, marked accepted in the same transaction; when it is no longer pending the whole batch
    /// fails with <see cref="ProposalNotPendingException"/> (two reviewers cannot both apply it).
    /// </summary>
    public ProposalReview? Review { get; init; }
}

public sealed record WriteResult(int Inserted, int Updated, int Unchanged, int Removed, int RelationsAdded, int RelationsRemoved);

/// <summary>Progress of a write: <paramref name="Done"/> of <paramref name="Total"/> rows of <paramref name="Stage"/>.</summary>
public readonly record struct WriteProgress(string Stage, long Done, long Total);

/// <summary>A write named a relation end that does not exist, or broke another rule of the graph.</summary>
public sealed class GraphWriteException(string message) : SkillGraphException(ErrorCode.BadInput, message);

/// <summary>A concept changed since the writer read it.</summary>
public sealed class ConcurrencyConflictException(ConceptUri uri, long expected, long actual)
    : SkillGraphException(ErrorCode.Conflict, $"{uri} is at version {actual}, not {expected}: it changed since it was read.")
{
    public ConceptUri Uri { get; } = uri;

    public long Expected { get; } = expected;

    public long Actual { get; } = actual;
}

/// <summary>The store could not be opened, reached or written.</summary>
public sealed class GraphStoreException(string message, Exception? inner = null) : SkillGraphException(ErrorCode.StoreUnavailable, message, inner);
