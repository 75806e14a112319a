using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SkillGraph.Server.Tests.Nodes;

[Collection(EscoCollection.Name)]
public sealed partial class NodeQueryTests(EscoServerFixture esco)
{
    private const string SoftwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string SoftwareDevelopers = "http://data.europa.eu/esco/isco/C2512";

    private string FirstSkill => esco.Csv.Skills.Keys.Order(StringComparer.Ordinal).First();

    private string FirstKnowledge => esco.Csv.Skills.Where(s => s.Value.SkillType == "knowledge").Select(s => s.Key).Order(StringComparer.Ordinal).First();

    private string FirstSkillGroupWithUuid => esco.Csv.SkillGroups.Keys.Where(u => EscoUuid().IsMatch(u)).Order(StringComparer.Ordinal).First();

    private string FirstIscedField => esco.Csv.SkillGroups.Keys.Where(u => u.Contains("/isced-f/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();

    /// <summary>
    /// The id format of decision 0012, computed here independently of the server: base64url without padding of a tag
    /// byte and the URI — 1/2 + the 16 bytes of the UUID of an ESCO occupation/skill, 3 + the rest of another ESCO URI,
    /// 0 + any other URI.
    /// </summary>
    public static string ExpectedId(string uri)
    {
        const string esco = "http://data.europa.eu/esco/";
        var match = EscoUuid().Match(uri);
        byte[] bytes = match.Success
            ? [match.Groups["kind"].Value == "occupation" ? (byte)1 : (byte)2, .. Convert.FromHexString(match.Groups["uuid"].Value.Replace("-", "", StringComparison.Ordinal))]
            : uri.StartsWith(esco, StringComparison.Ordinal) ? [3, .. Encoding.UTF8.GetBytes(uri[esco.Length..])]
            : [0, .. Encoding.UTF8.GetBytes(uri)];
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    [Fact]
    public async Task AnIdOfEachConceptKindRoundTripsThroughNode()
    {
        var concepts = new (string Alias, string Field, string Uri, string TypeName, string Label)[]
        {
            ("occupation", "occupation", SoftwareDeveloper, "Occupation", esco.Csv.Occupations[SoftwareDeveloper].Label),
            ("skill", "skill", FirstSkill, "Skill", esco.Csv.Skills[FirstSkill].Label),
            ("skillGroup", "skillGroup", FirstSkillGroupWithUuid, "SkillGroup", esco.Csv.SkillGroups[FirstSkillGroupWithUuid]),
            ("iscedField", "skillGroup", FirstIscedField, "SkillGroup", esco.Csv.SkillGroups[FirstIscedField]),
            ("iscoGroup", "iscoGroup", SoftwareDevelopers, "IscoGroup", esco.Csv.IscoGroups[SoftwareDevelopers].Label),
        };
        var byUri = (await esco.QueryAsync(
            "{ " + string.Concat(concepts.Select(c => $"{c.Alias}: {c.Field}(uri: \"{c.Uri}\") {{ id }} ")) + "}")).Data();
        var ids = concepts.Select(c => byUri[c.Alias]!["id"]!.GetValue<string>()).ToList();

        var byId = (await esco.QueryAsync(
            "query(" + string.Join(", ", concepts.Select(c => $"${c.Alias}: ID!")) + ") { "
            + string.Concat(concepts.Select(c => $"{c.Alias}: node(id: ${c.Alias}) {{ __typename id ... on Concept {{ uri preferredLabel }} }} ")) + "}",
            concepts.Select((c, i) => (c.Alias, ids[i])).ToDictionary(p => p.Alias, p => p.Item2))).Data();

        for (var i = 0; i < concepts.Length; i++)
        {
            var node = byId[concepts[i].Alias]!;
            Assert.Equal(concepts[i].TypeName, node["__typename"]!.GetValue<string>());
            Assert.Equal(ids[i], node["id"]!.GetValue<string>());
            Assert.Equal(concepts[i].Uri, node["uri"]!.GetValue<string>());
            Assert.Equal(concepts[i].Label, node["preferredLabel"]!.GetValue<string>());
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task IdsAreTheDocumentedUrlSafePackingOfTheUri()
    {
        var data = (await esco.QueryAsync(
            $$"""
            { occupation(uri: "{{SoftwareDeveloper}}") { id }
              skill(uri: "{{FirstSkill}}") { id }
              skillGroup(uri: "{{FirstIscedField}}") { id }
              iscoGroup(uri: "{{SoftwareDevelopers}}") { id }
              search(text: "software developer", first: 3) { concept { uri id } } }
            """)).Data();

        Assert.Equal(ExpectedId(SoftwareDeveloper), data["occupation"]!["id"]!.GetValue<string>());
        Assert.Equal(ExpectedId(FirstSkill), data["skill"]!["id"]!.GetValue<string>());
        Assert.Equal(ExpectedId(FirstIscedField), data["skillGroup"]!["id"]!.GetValue<string>());
        Assert.Equal(ExpectedId(SoftwareDevelopers), data["iscoGroup"]!["id"]!.GetValue<string>());
        Assert.Equal("AfKxWg7mWkOKr_spudULd9E", data["occupation"]!["id"]!.GetValue<string>());
        Assert.Equal(23, data["skill"]!["id"]!.GetValue<string>().Length);
        var hits = data["search"]!.AsArray();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(ExpectedId(h!["concept"]!["uri"]!.GetValue<string>()), h["concept"]!["id"]!.GetValue<string>()));
        Assert.All(hits, h => Assert.Matches("^[A-Za-z0-9_-]+$", h!["concept"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryOccupationIdFromTheListResolvesToTheOccupationTheCsvNames()
    {
        var listed = new List<(string Id, string Uri)>();
        string? after = null;
        do
        {
            var page = (await esco.QueryAsync(
                "query($after: String) { occupations(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { id uri } } }",
                new { after })).Data()["occupations"]!;
            listed.AddRange(page["nodes"]!.AsArray().Select(n => (n!["id"]!.GetValue<string>(), n["uri"]!.GetValue<string>())));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(esco.Csv.Occupations.Keys.Order(StringComparer.Ordinal), listed.Select(l => l.Uri));
        Assert.Equal(listed.Count, listed.Select(l => l.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var chunk in listed.Chunk(500))
        {
            var nodes = (await esco.QueryAsync(
                "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Occupation { uri preferredLabel code } } }",
                new { ids = chunk.Select(c => c.Id).ToArray() })).Data()["nodes"]!.AsArray();

            Assert.Equal(chunk.Length, nodes.Count);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (code, label) = esco.Csv.Occupations[chunk[i].Uri];
                Assert.Equal("Occupation", nodes[i]!["__typename"]!.GetValue<string>());
                Assert.Equal(chunk[i].Id, nodes[i]!["id"]!.GetValue<string>());
                Assert.Equal(chunk[i].Uri, nodes[i]!["uri"]!.GetValue<string>());
                Assert.Equal(label, nodes[i]!["preferredLabel"]!.GetValue<string>());
                Assert.Equal(code, nodes[i]!["code"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task NodesReturnsItemsInTheOrderAskedWithNullForUnknownAndMalformedIds()
    {
        string[] ids =
        [
            ExpectedId(FirstSkill),
            ExpectedId("http://example.org/no-such-concept"),
            ExpectedId(SoftwareDeveloper),
            "not an id",
            ExpectedId(SoftwareDevelopers),
            ExpectedId(SoftwareDeveloper),
        ];
        esco.Calls.Reset();
        var nodes = (await esco.QueryAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Concept { uri } } }", new { ids })).Data()["nodes"]!.AsArray();
        var calls = esco.Calls.ByMethod;

        Assert.Equal(new string?[] { FirstSkill, null, SoftwareDeveloper, null, SoftwareDevelopers, SoftwareDeveloper }, nodes.Select(n => n?["uri"]!.GetValue<string>()));
        Assert.Equal(new string?[] { "Skill", null, "Occupation", null, "IscoGroup", "Occupation" }, nodes.Select(n => n?["__typename"]!.GetValue<string>()));
        Assert.Equal(1, calls.GetValueOrDefault("GetConceptsAsync"));
        Assert.Equal(1, esco.Calls.Total);
        Assert.Empty((await esco.QueryAsync("{ nodes(ids: []) { id } }")).Data()["nodes"]!.AsArray());
    }

    [Theory]
    [InlineData("not an id")]
    [InlineData("")]
    [InlineData("AfKxWg7mWkOKr_spudULd9E=")] // padded
    [InlineData("AfKxWg7mWkOKr/spudULd9E")] // base64, not base64url
    [InlineData("AfKxWg7mWkOKr_spudUL")] // a UUID cut short
    [InlineData("CWFiYw")] // an unknown tag
    [InlineData("aHR0cDovL2RhdGEuZXVyb3BhLmV1L2VzY28vaXNjby9DMjUxMg")] // a URI without its tag byte
    public async Task MalformedIdInNodeIsBadInputNamingTheArgument(string id)
    {
        var answer = await esco.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal("BAD_INPUT", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.StartsWith($"id: '{id}' is not a node id", answer.FirstError(), StringComparison.Ordinal);
        Assert.Null(answer["data"]!["node"]);
    }

    [Fact]
    public async Task AnIdInAnotherSpellingOfTheSameUriIsRefused()
    {
        // Tag 0 (any URI) holding an ESCO occupation URI: the URI is known, but its id is the tag-1 form, and one URI has one id.
        var other = Convert.ToBase64String([0, .. Encoding.UTF8.GetBytes(SoftwareDeveloper)]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var answer = await esco.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = other });
        Assert.Equal("BAD_INPUT", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var number = await esco.QueryAsync("{ node(id: 42) { id } }");
        Assert.Equal("BAD_INPUT", number["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.StartsWith("id: '42' is not a node id", number.FirstError(), StringComparison.Ordinal);
    }

    /// <summary>Ids of URIs of every tag decode (else the answer would be BAD_INPUT) and name no concept.</summary>
    [Theory]
    [InlineData("http://example.org/no-such-concept")]
    [InlineData("https://example.org/kompetenz/überblick?x=1#y")]
    [InlineData("http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000")]
    [InlineData("http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000")]
    [InlineData("http://data.europa.eu/esco/skill/F2B15A0E-E65A-438A-AFFB-29B9D50B77D1")]
    [InlineData("http://data.europa.eu/esco/isco/C9999")]
    [InlineData("http://data.europa.eu/esco/")]
    public async Task WellFormedIdOfNoConceptGivesNull(string uri)
    {
        var data = (await esco.QueryAsync("query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }", new { id = ExpectedId(uri) })).Data();
        Assert.Null(data["node"]);
        Assert.Null(Assert.Single(data["nodes"]!.AsArray()));
    }

    [Fact]
    public async Task InlineFragmentsOnNodeSelectTheFieldsOfItsType()
    {
        var data = (await esco.QueryAsync(
            """
            query($skill: ID!, $occupation: ID!) {
              skill: node(id: $skill) { __typename id ... on Skill { preferredLabel skillType } ... on Occupation { code } }
              occupation: node(id: $occupation) { __typename ... on Skill { skillType } ... on Occupation { code iscoGroup { id code } } }
            }
            """, new { skill = ExpectedId(FirstKnowledge), occupation = ExpectedId(SoftwareDeveloper) })).Data();

        var skill = data["skill"]!.AsObject();
        Assert.Equal("Skill", skill["__typename"]!.GetValue<string>());
        Assert.Equal("KNOWLEDGE", skill["skillType"]!.GetValue<string>());
        Assert.Equal(esco.Csv.Skills[FirstKnowledge].Label, skill["preferredLabel"]!.GetValue<string>());
        Assert.False(skill.ContainsKey("code"));
        var occupation = data["occupation"]!.AsObject();
        Assert.Equal(esco.Csv.Occupations[SoftwareDeveloper].Code, occupation["code"]!.GetValue<string>());
        Assert.Equal(ExpectedId(SoftwareDevelopers), occupation["iscoGroup"]!["id"]!.GetValue<string>());
        Assert.False(occupation.ContainsKey("skillType"));
    }

    [Fact]
    public async Task MoreIdsThanMaxPageSizeAreRefusedNamingTheLimit()
    {
        var ids = Enumerable.Repeat(ExpectedId(SoftwareDeveloper), 501).ToArray();
        var answer = await esco.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal("ids: 501 ids, more than the limit maxPageSize = 500.", answer.FirstError());
        Assert.Equal("LIMIT", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task EachIdOfNodesCountsAgainstMaxComplexity()
    {
        const string query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Occupation { essentialSkills(first: 100) { nodes { uri preferredLabel } } } } }";

        var few = await esco.QueryAsync(query, new { ids = Enumerable.Repeat(ExpectedId(SoftwareDeveloper), 2).ToArray() });
        var many = await esco.QueryAsync(query, new { ids = Enumerable.Repeat(ExpectedId(SoftwareDeveloper), 400).ToArray() });

        Assert.Equal(2, few.Data()["nodes"]!.AsArray().Count);
        Assert.Contains("limit maxComplexity = 50000", many.FirstError(), StringComparison.Ordinal);
        Assert.Null(many["data"]);
    }

    [GeneratedRegex(@"^http://data\.europa\.eu/esco/(?<kind>occupation|skill)/(?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex EscoUuid();
}
