namespace SkillGraph.Graph.Neo4j;

/// <summary>An open explicit transaction of the Query API: its id and the cluster member it lives on.</summary>
internal sealed class QueryApiTransaction(string id, string? affinity)
{
    public string Id { get; } = id;

    /// <summary>The <c>neo4j-cluster-affinity</c> header of the answer that opened it, sent back with every later request.</summary>
    public string? Affinity { get; } = affinity;

    public bool Finished { get; set; }
}
