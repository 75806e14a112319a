using GraphQLParser;
using GraphQLParser.Exceptions;
using SkillGraph.Server.GraphQL;

namespace SkillGraph.Server.Tests.Limits;

/// <summary>
/// The syntax probe must give the parser's own answer: for valid documents and for documents broken at random, the
/// probe (made and parsed, its error mapped back) and the parser on the document agree on whether it parses, on the
/// error's words and on its line and column.
/// </summary>
public sealed class SyntaxProbeTests
{
    private const string Crash = "the parser failed on its own message";
    private static readonly ParserOptions Options = new() { Ignore = IgnoreOptions.Comments };

    private static readonly string[] Documents =
    [
        "{ search(text: \"software developer\", first: 5) { preferredLabel kind score } }",
        "query Q($t: String!, $n: Int = 3) { extractSkills(text: $t, first: $n) { model skills { uri score } } }",
        "{ occupation(uri: \"http://data.europa.eu/esco/occupation/f2b15a0e\") { ...O } }\nfragment O on Occupation { preferredLabel essentialSkills(first: 10) { nodes { preferredLabel } } }",
        "# a comment\r\n{\r\n  a: skill(uri: \"x\\u00e9\\n\\t\\\"y\\\\\") @include(if: true) { __typename }, b: skills(first: -1.5e3) { totalCount }\r\n}",
        "mutation { updateConcept(input: { uri: \"u\", expectedVersion: 2, description: \"\"\"block\n  with \\\"\"\" quotes \"\"\", altLabels: [\"a\", \"b\"] }) { userErrors { field message } } }",
        "{ nodes(ids: [1, 2.0, -3, \"x\", null, true, ENUM, {a: [1]}]) { __typename } }",
        "subscription S { x } query { ... on Query { y } ...F @skip(if: $v) }",
        "{ a(x: \"\"\"\"\"\") b(y: \"\") c(z: \"\"\"\\\\\"\"\"\"\"\") }",
        "\uFEFF{ a(x: 0, y: 10, z: 0.5, w: 1e10, v: -0) }",
    ];

    private static readonly string[] Inserts = ["\"", "\\", "{", "}", ".", "..", "#", "\n", "\r", "\u0001", "1", "0", "a", "-", "e", " ", "$", "\"\"\"", "\\u", "\\u12", "(", ")", "é", "\t", ",", "@", "!", "0x"];

    [Fact]
    public void ValidDocumentsParseFromTheirProbe()
    {
        foreach (var document in Documents)
        {
            Assert.True(ParserAnswer(document) == "parses", $"{document}: {ParserAnswer(document)}");
            Assert.True(ProbeAnswer(document) == "parses", $"{document}: {ProbeAnswer(document)}");
        }
    }

    [Fact]
    public void BrokenDocumentsGetTheParsersErrorAtTheParsersPlace()
    {
        var random = new Random(15);
        var compared = 0;
        var broken = 0;
        var crashes = 0;
        foreach (var document in Documents)
        {
            for (var i = 0; i < 300; i++)
            {
                var mutated = Mutate(document, random);
                var expected = ParserAnswer(mutated);
                if (expected == Crash)
                {
                    // A lone CR before the error: the parser cannot describe it (the runner probes such documents).
                    Assert.True(SyntaxProbe.NeedsProbe(mutated), mutated);
                    Assert.NotEqual("parses", ProbeAnswer(mutated));
                    crashes++;
                    continue;
                }

                Assert.True(expected == ProbeAnswer(mutated), $"document {mutated}\nparser: {expected}\nprobe:  {ProbeAnswer(mutated)}");
                compared++;
                broken += expected == "parses" ? 0 : 1;
            }
        }

        Assert.True(broken > compared / 2, $"only {broken} of {compared} mutations broke their document");
        Assert.InRange(crashes, 1, compared / 10); // the lone CR case is among them, and rare
    }

    [Fact]
    public void OnlyDocumentsWithALongLineOrALoneCarriageReturnAreProbed()
    {
        Assert.False(SyntaxProbe.NeedsProbe("{ a }\n" + new string('b', SyntaxProbe.MaxLine) + "\r\n{ c }"));
        Assert.True(SyntaxProbe.NeedsProbe("{ a }\n" + new string('b', SyntaxProbe.MaxLine + 1)));
        Assert.True(SyntaxProbe.NeedsProbe("{ a }\r{ b }"));
    }

    private static string Mutate(string document, Random random)
    {
        var at = random.Next(document.Length + 1);
        var edits = 1 + random.Next(2);
        for (var e = 0; e < edits; e++)
        {
            document = random.Next(3) switch
            {
                0 when document.Length > 0 => document.Remove(Math.Min(at, document.Length - 1), 1),
                _ => document.Insert(Math.Min(at, document.Length), Inserts[random.Next(Inserts.Length)]),
            };
            at = random.Next(document.Length + 1);
        }

        return document;
    }

    private static string ParserAnswer(string document)
    {
        try
        {
            Parser.Parse(document, Options);
            return "parses";
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return $"{ex.Description} at {ex.Location.Line}:{ex.Location.Column}";
        }
        catch (IndexOutOfRangeException)
        {
            return Crash;
        }
    }

    private static string ProbeAnswer(string document)
    {
        var probe = SyntaxProbe.Build(document);
        Assert.Null(probe.Limit);
        try
        {
            Parser.Parse(probe.Probe, Options);
            return "parses";
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            var (description, (line, column)) = probe.Explain(ex);
            return $"{description} at {line}:{column}";
        }
    }
}
