using System.Globalization;
using System.Text.Json;

namespace SkillGraph.Graph.Neo4j;

/// <summary>An import run is an <c>:ImportRun</c> node; its summary maps and example rows are JSON text properties.</summary>
internal static class ImportRuns
{
    public const int MaxExamples = 200;

    public static Dictionary<string, object?> ToParameters(GraphBatch batch, DateTimeOffset finishedAt) => new(StringComparer.Ordinal)
    {
        ["source"] = batch.Source,
        ["finishedAt"] = finishedAt.ToString("O", CultureInfo.InvariantCulture),
        ["skipped"] = batch.Skipped.Count,
        ["skippedByCategory"] = JsonSerializer.Serialize(CountBy(batch.Skipped, r => r.Category)),
        ["skippedByReason"] = JsonSerializer.Serialize(CountBy(batch.Skipped, r => r.Reason)),
        ["examples"] = JsonSerializer.Serialize(batch.Skipped
            .OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).Take(MaxExamples).ToArray()),
    };

    public static ImportSummary FromMap(IReadOnlyDictionary<string, object?> map) => new(
        map.String("source") ?? string.Empty,
        DateTimeOffset.Parse(map.String("finishedAt") ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture),
        map.Int("skipped"),
        Json<Dictionary<string, int>>(map.String("skippedByCategory")) ?? [],
        Json<Dictionary<string, int>>(map.String("skippedByReason")) ?? [],
        Json<SkippedRow[]>(map.String("examples")) ?? []);

    private static SortedDictionary<string, int> CountBy(IEnumerable<SkippedRow> rows, Func<SkippedRow, string> key)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            counts[key(row)] = counts.GetValueOrDefault(key(row)) + 1;
        }

        return counts;
    }

    private static T? Json<T>(string? text) => string.IsNullOrEmpty(text) ? default : JsonSerializer.Deserialize<T>(text);
}
