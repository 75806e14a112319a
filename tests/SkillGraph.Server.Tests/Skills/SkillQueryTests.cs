namespace SkillGraph.Server.Tests.Skills;

[Collection(EscoCollection.Name)]
public sealed class SkillQueryTests(EscoServerFixture esco)
{
    private string BusiestSkill => esco.Csv.OccupationsOf.Where(e => e.Key.Type == "essential").MaxBy(e => e.Value.Count).Key.Skill;

    [Fact]
    public async Task SkillListsTheOccupationsThatNeedItAsTheCsvSays()
    {
        var skill = BusiestSkill;
        var data = (await esco.QueryAsync(
            """
            query($uri: String!) { skill(uri: $uri) {
              uri preferredLabel skillType reuseLevel
              essentialFor(first: 500) { totalCount nodes { uri } }
              optionalFor(first: 0) { totalCount } } }
            """, new { uri = skill })).Data()["skill"]!;

        var essential = esco.Csv.OccupationsFor(skill, "essential");
        Assert.Equal(essential.Count, data["essentialFor"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(essential.Order(StringComparer.Ordinal).Take(500), data["essentialFor"]!["nodes"].Strings("uri"));
        Assert.Equal(esco.Csv.OccupationsFor(skill, "optional").Count, data["optionalFor"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(esco.Csv.Skills[skill].Label, data["preferredLabel"]!.GetValue<string>());
    }

    [Fact]
    public async Task SkillBroaderIsTheSkillPillarHierarchy()
    {
        var (skill, broader) = esco.Csv.SkillBroader.First(s => esco.Csv.Skills.ContainsKey(s.Key) && s.Value.Count > 1);
        var data = (await esco.QueryAsync(
            """
            query($uri: String!) { skill(uri: $uri) {
              broader { nodes { __typename uri } }
              ancestors(first: 100) { totalCount edges { depth node { __typename uri } } } } }
            """, new { uri = skill })).Data()["skill"]!;

        Assert.Equal(broader.Order(StringComparer.Ordinal), data["broader"]!["nodes"].Strings("uri"));
        var ancestors = data["ancestors"]!["edges"]!.AsArray();
        Assert.Equal(broader.Order(StringComparer.Ordinal), ancestors.Where(a => a!["depth"]!.GetValue<int>() == 1).Select(a => a!["node"]!["uri"]!.GetValue<string>()));
        Assert.Equal(ancestors.Count, data["ancestors"]!["totalCount"]!.GetValue<int>());
        Assert.Contains(ancestors, a => a!["node"]!["__typename"]!.GetValue<string>() == "SkillGroup");
    }

    [Fact]
    public async Task SkillFiltersMatchTheCsvCounts()
    {
        var knowledgeSectorSpecific = esco.Csv.Skills.Values.Count(s => s.SkillType == "knowledge" && s.ReuseLevel == "sector-specific");
        var digital = esco.Csv.Skills.Keys.Count(esco.Csv.DigitalCollection.Contains);
        var data = (await esco.QueryAsync(
            """
            {
              knowledge: skills(filter: { skillType: KNOWLEDGE, reuseLevel: SECTOR_SPECIFIC }, first: 0) { totalCount }
              digital: skills(filter: { inCollection: DIGITAL }, first: 0) { totalCount }
              python: skills(filter: { labelContains: "python" }, first: 50) { nodes { preferredLabel altLabels } }
            }
            """)).Data();

        Assert.Equal(knowledgeSectorSpecific, data["knowledge"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(digital, data["digital"]!["totalCount"]!.GetValue<int>());
        var python = data["python"]!["nodes"]!.AsArray();
        Assert.NotEmpty(python);
        Assert.All(python, s => Assert.Contains(
            new[] { s!["preferredLabel"]!.GetValue<string>() }.Concat(s["altLabels"]!.AsArray().Select(l => l!.GetValue<string>())),
            label => label.Contains("python", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task SkillGroupShowsItsNarrowerConcepts()
    {
        var group = esco.Csv.SkillBroader.First(s => esco.Csv.Skills.ContainsKey(s.Key)).Value.First();
        var expected = esco.Csv.SkillBroader.Where(s => s.Value.Contains(group)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        var data = (await esco.QueryAsync(
            """
            query($uri: String!) { skillGroup(uri: $uri) { preferredLabel narrower(first: 500) { totalCount nodes { uri } } } }
            """, new { uri = group })).Data()["skillGroup"];

        Assert.NotNull(data);
        Assert.Equal(expected.Count, data["narrower"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(expected.Take(500), data["narrower"]!["nodes"].Strings("uri"));
    }
}
