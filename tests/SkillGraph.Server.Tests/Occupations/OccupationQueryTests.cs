using System.Text.Json.Nodes;

namespace SkillGraph.Server.Tests.Occupations;

[Collection(EscoCollection.Name)]
public sealed class OccupationQueryTests(EscoServerFixture esco)
{
    public const string SoftwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";

    [Fact]
    public async Task SoftwareDeveloperHasTheSkillsTheCsvLists()
    {
        var data = (await esco.QueryAsync(
            """
            query($uri: String!) {
              occupation(uri: $uri) {
                uri preferredLabel code
                iscoGroup { code }
                essentialSkills(first: 500) { totalCount nodes { uri } }
                optionalSkills(first: 500) { totalCount nodes { uri } }
              }
            }
            """, new { uri = SoftwareDeveloper })).Data()["occupation"]!;

        Assert.Equal("software developer", data["preferredLabel"]!.GetValue<string>());
        Assert.Equal("2512", data["iscoGroup"]!["code"]!.GetValue<string>());
        Assert.Equal(24, data["essentialSkills"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(80, data["optionalSkills"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(esco.Csv.SkillsFor(SoftwareDeveloper, "essential").Order(), data["essentialSkills"]!["nodes"].Strings("uri").Order());
        Assert.Equal(esco.Csv.SkillsFor(SoftwareDeveloper, "optional").Order(), data["optionalSkills"]!["nodes"].Strings("uri").Order());
    }

    [Fact]
    public async Task FiftyOccupationsWithTheirSkillsTakeABoundedNumberOfStoreCalls()
    {
        esco.Calls.Reset();
        var data = (await esco.QueryAsync(
            """
            {
              occupations(first: 50) {
                nodes {
                  uri
                  essentialSkills(first: 100) { totalCount nodes { uri preferredLabel } }
                  optionalSkills(first: 100) { totalCount nodes { uri preferredLabel } }
                }
              }
            }
            """)).Data();
        var calls = esco.Calls.ByMethod;

        var nodes = data["occupations"]!["nodes"]!.AsArray();
        Assert.Equal(50, nodes.Count);
        foreach (var node in nodes)
        {
            var uri = node!["uri"]!.GetValue<string>();
            Assert.Equal(esco.Csv.SkillsFor(uri, "essential").Order(), node["essentialSkills"]!["nodes"].Strings("uri").Order());
            Assert.Equal(esco.Csv.SkillsFor(uri, "optional").Order(), node["optionalSkills"]!["nodes"].Strings("uri").Order());
        }

        // 1 list + 1 batch of occupation concepts + 1 batch per edge kind + 1 batch of skill concepts, not 1 + 50 × 2.
        Assert.True(esco.Calls.Total <= 6, "store calls: " + string.Join(", ", calls.Select(c => $"{c.Key}={c.Value}")));
        Assert.Equal(2, calls.GetValueOrDefault("GetNeighboursManyAsync"));
        Assert.Equal(0, calls.GetValueOrDefault("GetNeighboursAsync"));
    }

    [Fact]
    public async Task FiftyOccupationsWithTheirIscoGroupsWalkTheHierarchyOncePerLevel()
    {
        esco.Calls.Reset();
        var nodes = (await esco.QueryAsync(
            "{ occupations(first: 50) { nodes { code iscoGroup { code } ancestors { totalCount } } } }")).Data()["occupations"]!["nodes"]!.AsArray();
        var calls = esco.Calls.ByMethod;

        Assert.Equal(50, nodes.Count);
        Assert.All(nodes, n => Assert.StartsWith(n!["iscoGroup"]!["code"]!.GetValue<string>(), n["code"]!.GetValue<string>(), StringComparison.Ordinal));

        // ESCO's occupation pillar is at most ~10 levels deep: one batched walk per level, whatever the number of occupations.
        Assert.True(calls.GetValueOrDefault("GetNeighboursManyAsync") <= 12, "store calls: " + string.Join(", ", calls.Select(c => $"{c.Key}={c.Value}")));
        Assert.True(calls.GetValueOrDefault("GetConceptsAsync") <= 2, "store calls: " + string.Join(", ", calls.Select(c => $"{c.Key}={c.Value}")));
    }

    [Fact]
    public async Task UnknownOrOtherKindOfUriGivesNull()
    {
        var data = (await esco.QueryAsync(
            """
            { unknown: occupation(uri: "http://data.europa.eu/esco/occupation/nope") { uri }
              skillAsOccupation: occupation(uri: "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02") { uri } }
            """)).Data();
        Assert.Null(data["unknown"]);
        Assert.Null(data["skillAsOccupation"]);
    }

    [Fact]
    public async Task OccupationHierarchyGoesUpToTheIscoMajorGroup()
    {
        var data = (await esco.QueryAsync(
            """
            query($uri: String!) { occupation(uri: $uri) {
              broader { nodes { __typename ... on IscoGroup { code } } }
              ancestors { totalCount edges { depth node { __typename code } } } } }
            """, new { uri = SoftwareDeveloper })).Data()["occupation"]!;
        Assert.Equal("2512", data["broader"]!["nodes"]![0]!["code"]!.GetValue<string>());
        var path = data["ancestors"]!["edges"]!.AsArray().Select(e => (e!["depth"]!.GetValue<int>(), e["node"]!["code"]!.GetValue<string>())).ToList();
        Assert.Equal([(1, "2512"), (2, "251"), (3, "25"), (4, "2")], path);
    }

    [Fact]
    public async Task IscoGroupIsFoundByCodeAndByUriAndListsItsOccupations()
    {
        var data = (await esco.QueryAsync(
            """
            { byCode: iscoGroup(code: "2512") { uri preferredLabel narrower(first: 100) { nodes { uri } } }
              byUri: iscoGroup(uri: "http://data.europa.eu/esco/isco/C2512") { code } }
            """)).Data();
        Assert.Equal("Software developers", data["byCode"]!["preferredLabel"]!.GetValue<string>());
        Assert.Contains(SoftwareDeveloper, data["byCode"]!["narrower"]!["nodes"].Strings("uri"));
        Assert.Equal("2512", data["byUri"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task IscoGroupNeedsExactlyOneOfCodeAndUri()
    {
        Assert.Equal("iscoGroup: give exactly one of code and uri.", (await esco.QueryAsync("""{ iscoGroup { code } }""")).FirstError());
        Assert.Equal("iscoGroup: give exactly one of code and uri.", (await esco.QueryAsync("""{ iscoGroup(code: "25", uri: "http://data.europa.eu/esco/isco/C25") { code } }""")).FirstError());
        Assert.Null((await esco.QueryAsync("""{ iscoGroup(code: "9999") { code } }""")).Data()["iscoGroup"]);
    }

    [Fact]
    public async Task PagingThroughAnIscoGroupReturnsEveryOccupationOnceInStableOrder()
    {
        var expected = esco.Csv.Occupations.Where(o => o.Value.Code.StartsWith("25", StringComparison.Ordinal)).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        var seen = new List<string>();
        string? after = null;
        int? total = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = (await esco.QueryAsync(
                """
                query($after: String) { occupations(filter: { iscoGroup: "25" }, first: 7, after: $after) {
                  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { uri } } } }
                """, new { after })).Data()["occupations"]!;
            total ??= page["totalCount"]!.GetValue<int>();
            var edges = page["edges"]!.AsArray();
            seen.AddRange(edges.Select(e => e!["node"]!["uri"]!.GetValue<string>()));
            if (edges.Count > 0)
            {
                Assert.Equal(edges[^1]!["cursor"]!.GetValue<string>(), page["pageInfo"]!["endCursor"]!.GetValue<string>());
            }

            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(expected, seen);
        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task PagingThroughSkillsOfAnOccupationIsComplete()
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await esco.QueryAsync(
                """
                query($uri: String!, $after: String) { occupation(uri: $uri) { optionalSkills(first: 9, after: $after) {
                  pageInfo { hasNextPage endCursor } nodes { uri } } } }
                """, new { uri = SoftwareDeveloper, after })).Data()["occupation"]!["optionalSkills"]!;
            seen.AddRange(page["nodes"].Strings("uri"));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(esco.Csv.SkillsFor(SoftwareDeveloper, "optional").Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task FiltersCombineLabelIscoGroupAndEssentialSkill()
    {
        var skill = esco.Csv.SkillsFor(SoftwareDeveloper, "essential").Order(StringComparer.Ordinal).First();
        var expected = esco.Csv.OccupationsFor(skill, "essential").Order(StringComparer.Ordinal).ToList();
        var data = (await esco.QueryAsync(
            """
            query($skill: String!) {
              needing: occupations(filter: { hasEssentialSkill: $skill }, first: 500) { totalCount nodes { uri } }
              developers: occupations(filter: { labelContains: "DEVELOPER", iscoGroup: "2512" }, first: 100) { nodes { preferredLabel code } }
              research: occupations(filter: { inCollection: RESEARCH }, first: 0) { totalCount }
            }
            """, new { skill })).Data();

        Assert.Equal(expected, data["needing"]!["nodes"].Strings("uri"));
        Assert.Equal(expected.Count, data["needing"]!["totalCount"]!.GetValue<int>());
        var developers = data["developers"]!["nodes"]!.AsArray();
        Assert.NotEmpty(developers);
        Assert.All(developers, d => Assert.StartsWith("2512", d!["code"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("software developer", developers.Select(d => d!["preferredLabel"]!.GetValue<string>()));
        Assert.True(data["research"]!["totalCount"]!.GetValue<int>() > 0);
    }
}
