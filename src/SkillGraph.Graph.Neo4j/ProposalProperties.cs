using System.Globalization;

namespace SkillGraph.Graph.Neo4j;

/// <summary>A proposal is a <c>:Proposal</c> node: its batch as JSON text, its status as text (<c>pending</c>, <c>accepted</c>, <c>rejected</c>).</summary>
internal static class ProposalProperties
{
    public static Dictionary<string, object?> ToParameters(Proposal proposal) => new(StringComparer.Ordinal)
    {
        ["id"] = proposal.Id,
        ["author"] = proposal.Author,
        ["comment"] = proposal.Comment,
        ["createdAt"] = ChangeSetProperties.Timestamp(proposal.CreatedAt),
        ["changes"] = proposal.Changes,
    };

    public static Dictionary<string, object?> ToParameters(ProposalReview review) => new(StringComparer.Ordinal)
    {
        ["id"] = review.Id,
        ["status"] = ProposalStatuses.Name(review.Status),
        ["reviewer"] = review.Reviewer,
        ["reviewComment"] = review.Comment,
        ["reviewedAt"] = ChangeSetProperties.Timestamp(review.ReviewedAt),
        ["changeSetId"] = review.ChangeSetId,
    };

    public static Proposal FromMap(IReadOnlyDictionary<string, object?> map) => new(
        map.String("id") ?? string.Empty,
        map.String("author") ?? string.Empty,
        map.String("comment") ?? string.Empty,
        Instant(map.String("createdAt")) ?? DateTimeOffset.MinValue,
        map.String("changes") ?? "[]",
        ProposalStatuses.Parse(map.String("status") ?? "pending"),
        map.String("reviewer"),
        map.String("reviewComment"),
        Instant(map.String("reviewedAt")),
        map.String("changeSetId"));

    private static DateTimeOffset? Instant(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
