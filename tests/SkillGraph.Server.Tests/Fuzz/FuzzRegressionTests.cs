using System.Text.Json.Nodes;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>
/// Documents the fuzzer found breaking a rule (seed 15), kept as they were sent: an error message must be one line that
/// quotes at most a bounded part of the input, and a <c>LIMIT</c> must name its limit.
/// </summary>
[Collection(EscoCollection.Name)]
public sealed class FuzzRegressionTests(EscoServerFixture esco)
{
    [Theory]
    [InlineData("{ occupation(uri: \"a\\nb\") { __typename } }")] // case 205: the message held a line break
    [InlineData("{ skillGap(occupationUri: \"a\\nb\") { essentialCoverage } }")] // case 207
    public async Task AnInputWithALineBreakGetsAOneLineError(string query)
    {
        var message = (await esco.QueryAsync(query)).FirstError();

        Assert.Equal("'a\\nb' is not a concept URI (expected an absolute http:// or https:// URI).", message[(message.IndexOf(':', StringComparison.Ordinal) + 2)..]);
    }

    [Fact]
    public async Task AHugeInputIsNotEchoedBackWhole() // cases 37, 83, 261: 20–120 KB quoted in the message
    {
        var uri = string.Concat(Enumerable.Repeat("abcdefghij klmnop, qrstu. vwxyz\n", 3_000));

        var message = (await esco.QueryAsync("query($u: String!) { relatedSkills(uri: $u) { __typename } }", new { u = uri })).FirstError();

        Assert.True(message.Length < 400, message);
        Assert.Contains($"({uri.Length} characters)", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task AliasedModelFieldsAreRefusedBeforeAnyRuns() // bench/fuzz.sh case 114: 1,500 aliased student fields ran to the time limit
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"a{i}: extractSkills(text: \"Java and SQL\") {{ model }}")) + " }";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var answer = await esco.QueryAsync(query);

        Assert.Equal("LIMIT", answer.FirstErrorCode());
        Assert.Contains("more than the limit maxComplexity = 50000", answer.FirstError(), StringComparison.Ordinal);
        Assert.Contains("modelFieldCost = 5000", answer.FirstError(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory] // bench/fuzz.sh case 3561: a 210 KB string whose last backslash escapes its closing quote took 22 s (504)
    [InlineData("\\\") { code } }", "Unterminated string.", 14)]
    [InlineData("\") { code } } }", "Unexpected }", 14)]
    [InlineData("\") { code }", "Expected Name, found EOF; for more information see http://spec.graphql.org/October2021/#Field", 11)]
    [InlineData("\\q\") { code } }", "Invalid character escape sequence: \\q.", 1)]
    public async Task ASyntaxErrorAfterAHugeLineIsFoundAtOnceAndPlacedRight(string ending, string description, int beyond)
    {
        var start = "{ iscoGroup(code: \"" + string.Concat(Enumerable.Repeat("abcdefghij klmnop, qrstu. vwxyz\\n", 6_500));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var answer = await esco.QueryAsync(start + ending);

        Assert.Equal("SYNTAX_ERROR", answer.FirstErrorCode());
        Assert.Equal($"Error parsing query: {description}", answer.FirstError());
        var location = answer["errors"]![0]!["locations"]![0]!;
        Assert.Equal(1, (int)location["line"]!);
        Assert.Equal(start.Length + 1 + beyond, (int)location["column"]!); // 1-based, on the character the parser stopped at
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ASyntaxErrorQuotingAHugeStringQuotesABoundedPartOfIt()
    {
        var text = string.Concat(Enumerable.Repeat("Java\\n", 10_000)); // a line break in the value once unescaped

        var answer = await esco.QueryAsync("{ search(text \"" + text + "\") { score } }");

        Assert.Equal("SYNTAX_ERROR", answer.FirstErrorCode());
        var message = answer.FirstError();
        Assert.StartsWith("Error parsing query: Expected :, found String \"Java\\nJava", message, StringComparison.Ordinal);
        Assert.EndsWith(" characters)", message, StringComparison.Ordinal);
        Assert.True(message.Length < 300, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task ALoneCarriageReturnBeforeASyntaxErrorIsASyntaxErrorNotA500() // GraphQLParser failed writing its own message
    {
        var answer = await esco.QueryAsync("{ __typename }\rfragment O on O\rccupation { preferredLabel }");

        Assert.Equal("SYNTAX_ERROR", answer.FirstErrorCode());
        Assert.StartsWith("Error parsing query: Expected {, found Name \"ccupation\"", answer.FirstError(), StringComparison.Ordinal);
        Assert.Equal(3, (int)answer["errors"]![0]!["locations"]![0]!["line"]!);
    }

    [Fact]
    public async Task AHugeValidDocumentStillRuns()
    {
        var code = string.Concat(Enumerable.Repeat("abcdefghij klmnop, qrstu. vwxyz\\n", 6_500));

        var answer = await esco.QueryAsync("{ iscoGroup(code: \"" + code + "\") { code } }");

        Assert.Null(answer["errors"]);
        Assert.Null(answer["data"]!["iscoGroup"]);
    }

    [Fact]
    public async Task ValuesNestedPastTheParserNameTheLimit() // case 45: a LIMIT that named no limit
    {
        var answer = await esco.QueryAsync("{ nodes(ids: " + new string('[', 5_000) + "1" + new string(']', 5_000) + ") { __typename } }");

        Assert.Equal("LIMIT", answer.FirstErrorCode());
        Assert.Contains("limit maxDepth = 15", answer.FirstError(), StringComparison.Ordinal);
        Assert.IsType<JsonObject>(answer);
    }
}
