using SkillGraph.Server.Tests.Occupations;

namespace SkillGraph.Server.Tests.Search;

[Collection(EscoCollection.Name)]
public sealed class SearchTests(EscoServerFixture esco)
{
    [Fact]
    public async Task SearchFindsTheOccupationByItsPreferredLabelFirst()
    {
        var hits = (await esco.QueryAsync(
            """{ search(text: "software developer", kind: OCCUPATION, first: 5) { uri kind score matchedLabel matchedLabelKind concept { __typename preferredLabel } } }""")).Data()["search"]!.AsArray();

        Assert.Equal(OccupationQueryTests.SoftwareDeveloper, hits[0]!["uri"]!.GetValue<string>());
        Assert.Equal("PREFERRED", hits[0]!["matchedLabelKind"]!.GetValue<string>());
        Assert.Equal("software developer", hits[0]!["matchedLabel"]!.GetValue<string>());
        Assert.Equal("Occupation", hits[0]!["concept"]!["__typename"]!.GetValue<string>());
        Assert.All(hits, h => Assert.Equal("OCCUPATION", h!["kind"]!.GetValue<string>()));
        var scores = hits.Select(h => h!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, s => Assert.InRange(s, double.Epsilon, 1.0));
    }

    [Fact]
    public async Task SearchMatchesAlternativeLabelsAndSaysWhichMatched()
    {
        // "programmer" is an alternative label of several occupations in ESCO v1.1.1, the preferred label of none
        var hits = (await esco.QueryAsync("""{ search(text: "programmer", kind: OCCUPATION, first: 20) { preferredLabel matchedLabel matchedLabelKind } }""")).Data()["search"]!.AsArray();

        Assert.NotEmpty(hits);
        Assert.Contains(hits, h => h!["matchedLabelKind"]!.GetValue<string>() == "ALTERNATIVE");
        Assert.All(hits, h => Assert.Contains("programmer", h!["matchedLabel"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SearchOfTooManyResultsNamesTheLimit()
    {
        var answer = await esco.QueryAsync("""{ search(text: "data", first: 5000) { uri } }""");
        Assert.Contains("maxSearchResults = 200", answer.FirstError(), StringComparison.Ordinal);
    }
}
