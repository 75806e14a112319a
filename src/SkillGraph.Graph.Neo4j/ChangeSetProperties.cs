using System.Globalization;
using System.Text.Json;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>A change set is a <c>:ChangeSet</c> node: its touched URIs as a list (filtered on), its field changes as JSON text.</summary>
internal static class ChangeSetProperties
{
    private sealed record StoredChange(string Concept, string Field, string? Before, string? After);

    public static Dictionary<string, object?> ToParameters(ChangeSet changeSet) => new(StringComparer.Ordinal)
    {
        ["id"] = changeSet.Id,
        ["author"] = changeSet.Author,
        ["comment"] = changeSet.Comment,
        ["createdAt"] = Timestamp(changeSet.CreatedAt),
        ["reverts"] = changeSet.Reverts,
        ["reviewer"] = changeSet.Reviewer,
        ["concepts"] = changeSet.Concepts.Select(c => c.Value).ToArray(),
        ["changes"] = JsonSerializer.Serialize(changeSet.Changes.Select(c => new StoredChange(c.Concept.Value, c.Field, c.Before, c.After))),
    };

    /// <summary>The instant as the log stores and compares it: ISO 8601 in UTC, so that text order is time order.</summary>
    public static string Timestamp(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static ChangeSet FromMap(IReadOnlyDictionary<string, object?> map) => new(
        map.String("id") ?? string.Empty,
        map.String("author") ?? string.Empty,
        map.String("comment") ?? string.Empty,
        DateTimeOffset.Parse(map.String("createdAt") ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture),
        [.. (JsonSerializer.Deserialize<StoredChange[]>(map.String("changes") ?? "[]") ?? []).Select(c => new FieldChange(ConceptUri.Parse(c.Concept), c.Field, c.Before, c.After))],
        map.String("reverts"),
        map.String("reviewer"));
}
