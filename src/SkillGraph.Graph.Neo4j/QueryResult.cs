namespace SkillGraph.Graph.Neo4j;

/// <summary>The rows of one statement's answer, each a map from field name to value (see <see cref="TypedJson"/>).</summary>
internal sealed class QueryResult(IReadOnlyList<string> fields, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
{
    public IReadOnlyList<string> Fields { get; } = fields;

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; } = rows;

    /// <summary>The only row of a one-row answer (aggregations); an empty map when there is none.</summary>
    public IReadOnlyDictionary<string, object?> Single => Rows.Count > 0 ? Rows[0] : new Dictionary<string, object?>();
}
