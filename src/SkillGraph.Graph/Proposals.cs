using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>Where a proposal stands: waiting for a reviewer, accepted (and so applied), or rejected.</summary>
public enum ProposalStatus
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>
/// A steward's batch of curation commands kept for review instead of applied: <see cref="Changes"/> is the batch as JSON
/// (an array of <c>{op, ref?, input}</c>, the lines of <c>skillgraph curate apply</c>), with who proposed it, when and why;
/// once reviewed, who reviewed it, when, with what comment, and the change set that applied it.
/// </summary>
public sealed record Proposal(
    string Id,
    string Author,
    string Comment,
    DateTimeOffset CreatedAt,
    string Changes,
    ProposalStatus Status = ProposalStatus.Pending,
    string? Reviewer = null,
    string? ReviewComment = null,
    DateTimeOffset? ReviewedAt = null,
    string? ChangeSetId = null);

/// <summary>A reviewer's decision on a pending proposal; an acceptance names the change set that applied it.</summary>
public sealed record ProposalReview(string Id, ProposalStatus Status, string Reviewer, string Comment, DateTimeOffset ReviewedAt, string? ChangeSetId = null);

/// <summary>
/// The port to the stored proposals, implemented by each graph adapter in the store it serves (the proposals live beside
/// the change log). An acceptance is written with the graph write that applies it (<see cref="GraphBatch.Review"/>).
/// </summary>
public interface IProposalStore
{
    /// <summary>Stores a new pending proposal; an id already stored is a conflict.</summary>
    ValueTask AddProposalAsync(Proposal proposal, CancellationToken cancellationToken = default);

    /// <summary>One proposal by id; <c>null</c> when there is none.</summary>
    ValueTask<Proposal?> GetProposalAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Proposals with <paramref name="status"/> (all when null), oldest first, one page at a time (the cursor is a proposal id).</summary>
    ValueTask<Page<Proposal>> GetProposalsAsync(ProposalStatus? status, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="review"/> (a rejection); a proposal that is not pending fails with <see cref="ProposalNotPendingException"/>.</summary>
    ValueTask ReviewProposalAsync(ProposalReview review, CancellationToken cancellationToken = default);
}

/// <summary>A proposal is missing or was reviewed already (by someone else, perhaps a moment ago).</summary>
public sealed class ProposalNotPendingException(string id)
    : SkillGraphException(ErrorCode.Conflict, $"id: proposal {id} is not pending (it was accepted or rejected already, or there is none).")
{
    public string Id { get; } = id;
}

/// <summary>The text the stores keep for a status.</summary>
public static class ProposalStatuses
{
    public static string Name(ProposalStatus status) => status.ToString().ToLowerInvariant();

    public static ProposalStatus Parse(string text) => Enum.Parse<ProposalStatus>(text, ignoreCase: true);
}
