using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Import;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Import;

/// <summary>The full ESCO v1.1.1 download imported once; every figure is checked against an independent reading of the CSVs.</summary>
[Collection(EscoStoreCollection.Name)]
public sealed class EscoImportTests(EscoStoreFixture esco)
{
    private static readonly Lazy<List<Dictionary<string, string>>> Occupations = new(() => EscoCsv.Rows("occupations_en.csv"));
    private static readonly Lazy<List<Dictionary<string, string>>> OccupationSkills = new(() => EscoCsv.Rows("occupationSkillRelations.csv"));

    [Fact]
    public async Task ImportsEveryOccupationAndSkillOnce()
    {
        var counts = await esco.Store.CountAsync();
        Assert.Equal(3007, counts.Occupations);
        Assert.Equal(Occupations.Value.Count, counts.Occupations);
        Assert.Equal(13896, counts.Skills);
        Assert.Equal(EscoCsv.Count("skills_en.csv"), counts.Skills);
        Assert.Equal(EscoCsv.Count("ISCOGroups_en.csv"), counts.IscoGroups);
        Assert.Equal(647, counts.SkillGroups); // 640 in skillGroups_en.csv + 7 only named by skillsHierarchy_en.csv
    }

    [Fact]
    public async Task ImportsEveryRelationWhoseEndsExist()
    {
        var occupations = Occupations.Value.Select(r => r["conceptUri"]).ToHashSet();
        var rows = OccupationSkills.Value;
        var essential = rows.Count(r => r["relationType"] == "essential" && occupations.Contains(r["occupationUri"]));
        var optional = rows.Count(r => r["relationType"] == "optional" && occupations.Contains(r["occupationUri"]));
        var counts = await esco.Store.CountAsync();
        Assert.Equal((64891, 58897), (counts.Essential, counts.Optional));
        Assert.Equal((essential, optional), (counts.Essential, counts.Optional));
        Assert.Equal(EscoCsv.Count("skillSkillRelations.csv"), counts.SkillSkill);
        Assert.Equal(EscoCsv.Count("broaderRelationsSkillPillar.csv"), counts.SkillBroader);
        Assert.Equal(EscoCsv.Count("broaderRelationsOccPillar.csv") - 1, counts.OccupationBroader);
    }

    [Fact]
    public async Task ReportsTheRowsThatNameAMissingOccupation()
    {
        var last = (await esco.Store.CountAsync()).LastImport!;
        Assert.Equal(55, last.SkippedByCategory["essential"]);
        Assert.Equal(12, last.SkippedByCategory["optional"]);
        Assert.Equal(1, last.SkippedByCategory["occupationBroader"]);
        Assert.Equal(68, last.Skipped);
        Assert.Equal(67, last.SkippedByReason[EscoImporter.ReasonUnknownOccupation]);
        Assert.All(last.Examples, e => Assert.True(e.Line > 1));
        var example = last.Examples.First(e => e.Category == "essential");
        Assert.Equal("occupationSkillRelations.csv", example.File);
    }

    [Fact]
    public async Task KeepsLabelsThatHoldNewlinesQuotesAndCommasApart()
    {
        var row = Occupations.Value.First(r => r["altLabels"].Contains('\n', StringComparison.Ordinal) && r["description"].Contains(',', StringComparison.Ordinal));
        var concept = (await esco.Store.GetConceptsAsync([ConceptUri.Parse(row["conceptUri"])]))[0]!;
        var expected = row["altLabels"].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToArray();
        Assert.Equal(expected, concept.AltLabels().ToArray());
        Assert.Equal(row["description"].Trim(), concept.Description);
        Assert.Equal(row["preferredLabel"], concept.PreferredLabel);
    }

    [Fact]
    public async Task SoftwareDeveloperHasItsSkillsAndIscoGroup()
    {
        var developer = ConceptUri.Parse("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1");
        var essential = await esco.Store.GetNeighboursAsync(developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All);
        var optional = await esco.Store.GetNeighboursAsync(developer, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All);
        var expectedEssential = OccupationSkills.Value.Where(r => r["occupationUri"] == developer.Value && r["relationType"] == "essential").Select(r => r["skillUri"]).Order(StringComparer.Ordinal);
        Assert.Equal(24, essential.TotalCount);
        Assert.Equal(80, optional.TotalCount);
        Assert.Equal(expectedEssential, essential.Items.Select(u => u.Value));
        var broader = await esco.Store.GetNeighboursAsync(developer, RelationType.Broader, Direction.Outgoing, PageRequest.All);
        var group = (await esco.Store.GetConceptsAsync(broader.Items))[0]!;
        Assert.Equal(ConceptKind.IscoGroup, group.Kind);
        Assert.Equal("2512", group.Code);
    }

    [Fact]
    public async Task MarksCollectionMembership()
    {
        var counts = await esco.Store.CountAsync();
        Assert.Equal(EscoCsv.Count("digitalSkillsCollection_en.csv"), counts.Collections["digital"]);
        Assert.Equal(EscoCsv.Count("greenSkillsCollection_en.csv"), counts.Collections["green"]);
        Assert.Equal(EscoCsv.Count("transversalSkillsCollection_en.csv"), counts.Collections["transversal"]);
        Assert.Equal(EscoCsv.Count("languageSkillsCollection_en.csv"), counts.Collections["language"]);
        Assert.Equal(EscoCsv.Count("researchSkillsCollection_en.csv") + EscoCsv.Count("researchOccupationsCollection_en.csv"), counts.Collections["research"]);
    }

    [Fact]
    public async Task ImportingTwiceChangesNothing()
    {
        var before = await esco.Store.CountAsync();
        var result = await esco.Store.WriteAsync(esco.Batch);
        Assert.Equal((0, 0, 0), (result.Inserted, result.Updated, result.Removed));
        Assert.Equal(esco.Batch.Concepts.Count, result.Unchanged);
        var after = await esco.Store.CountAsync();
        Assert.Equal(before with { LastImport = null, Collections = after.Collections }, after with { LastImport = null });
    }

    [Fact]
    public async Task SearchFindsOccupationsAndSkillsOfTheFullGraph()
    {
        var hits = await esco.Store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation, 5));
        Assert.Equal("software developer", hits[0].PreferredLabel);
        var java = await esco.Store.SearchAsync(new SearchQuery("java", ConceptKind.Skill, 5));
        Assert.Equal("Java (computer programming)", java[0].PreferredLabel);
        var accents = await esco.Store.SearchAsync(new SearchQuery("CAFE", null, 50));
        Assert.NotEmpty(accents);
    }
}
