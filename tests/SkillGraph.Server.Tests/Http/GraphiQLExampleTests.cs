using System.Text.RegularExpressions;

namespace SkillGraph.Server.Tests.Http;

[Collection(EscoCollection.Name)]
public sealed partial class GraphiQLExampleTests(EscoServerFixture esco)
{
    public static TheoryData<string> Examples()
    {
        var script = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "SkillGraph.Server", "wwwroot", "graphiql", "examples.js"));
        var data = new TheoryData<string>();
        foreach (Match match in QueryPattern().Matches(script))
        {
            data.Add(match.Groups[1].Value);
        }

        return data;
    }

    /// <summary>Every example tab of the GraphiQL page runs without errors on ESCO and returns data.</summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ExampleQueryRunsWithoutErrors(string query)
    {
        var data = (await esco.QueryAsync(query)).Data();
        Assert.NotEmpty(data.AsObject());
        Assert.DoesNotContain("null", data.AsObject().Select(p => p.Value?.ToJsonString() ?? "null"));
    }

    [GeneratedRegex(@"query: `([^`]*)`", RegexOptions.Singleline)]
    private static partial Regex QueryPattern();
}
