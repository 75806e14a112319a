using System.Text.RegularExpressions;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Neo4j.Tests;

/// <summary>cypher/ is the one source of every statement: each name has a file, the assembly carries it unchanged, C# has no Cypher.</summary>
public sealed partial class CypherFilesTests
{
    [Fact]
    public void Every_statement_is_a_file_of_cypher_compiled_in_unchanged()
    {
        foreach (var name in CypherStatements.All)
        {
            Assert.Equal(FakeQueryApi.StatementText(name), CypherStatements.Text(name));
        }
    }

    [Fact]
    public void The_adapter_sources_hold_no_Cypher()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "src", "SkillGraph.Graph.Neo4j"), "*.cs");
        foreach (var file in sources)
        {
            foreach (Match literal in StringLiteral().Matches(File.ReadAllText(file)))
            {
                Assert.False(CypherKeyword().IsMatch(literal.Value), $"{Path.GetFileName(file)}: {literal.Value}");
            }
        }
    }

    [GeneratedRegex("\"[^\"\\n]*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b(MATCH|UNWIND|MERGE|RETURN|DETACH|CREATE \()")]
    private static partial Regex CypherKeyword();
}
