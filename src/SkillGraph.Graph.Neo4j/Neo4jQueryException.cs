using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// Neo4j refused or failed a statement: the message names the Neo4j status code (<c>Neo.ClientError.Statement.SyntaxError</c>…),
/// the statement file and Neo4j's own message, on one line. A uniqueness clash is <see cref="ErrorCode.Conflict"/>.
/// </summary>
public sealed class Neo4jQueryException(string neo4jCode, string statement, string message)
    : SkillGraphException(
        neo4jCode.StartsWith("Neo.ClientError.Schema.ConstraintValidationFailed", StringComparison.Ordinal) ? ErrorCode.Conflict : ErrorCode.StoreUnavailable,
        $"Neo4j {neo4jCode} in cypher/{statement}.cypher: {message}")
{
    /// <summary>Neo4j's status code, e.g. <c>Neo.TransientError.Transaction.DeadlockDetected</c>.</summary>
    public string Neo4jCode { get; } = neo4jCode;

    public string Statement { get; } = statement;

    /// <summary>Neo4j says that trying again may succeed (<c>Neo.TransientError.*</c>).</summary>
    public bool IsTransient => Neo4jCode.StartsWith("Neo.TransientError.", StringComparison.Ordinal);
}
