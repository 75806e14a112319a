using System.Text.Json.Nodes;

namespace SkillGraph.Server.Tests.Walks;

/// <summary>The Mediator-backed walks through real HTTP on the full ESCO store, checked against the CSVs.</summary>
[Collection(EscoCollection.Name)]
public sealed class GraphWalkQueryTests(EscoServerFixture esco)
{
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";

    [Fact]
    public async Task OccupationContextHoldsTheCsvSkillsAndAPrompt()
    {
        var context = (await esco.QueryAsync(
            """
            query($uri: String!) {
              occupationContext(uri: $uri, maxNodes: 1000) {
                occupation { label } totalEssential totalOptional truncated prompt reasons
                skills { skill { uri } relation groupPath { label } reasons }
              }
            }
            """, new { uri = Developer })).Data()["occupationContext"]!;
        Assert.Equal((24, 80), (context["totalEssential"]!.GetValue<int>(), context["totalOptional"]!.GetValue<int>()));
        var essential = context["skills"]!.AsArray().Where(s => s!["relation"]!.GetValue<string>() == "ESSENTIAL").Select(s => s!["skill"]!["uri"]!.GetValue<string>());
        Assert.Equal(esco.Csv.SkillsFor(Developer, "essential").Order(), essential.Order());
        Assert.StartsWith("Occupation: software developer", context["prompt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(context["reasons"]!.AsArray());
    }

    [Fact]
    public async Task RelatedOccupationsOnTheRootAndOnAnOccupationAgreeAndGiveReasons()
    {
        var data = (await esco.QueryAsync(
            """
            query($uri: String!) {
              relatedOccupations(uri: $uri, first: 5, optionalWeight: 0) { occupation { uri label } score sharedEssential { uri } reasons }
              occupation(uri: $uri) { relatedOccupations(first: 5, optionalWeight: 0) { occupation { uri } } }
            }
            """, new { uri = Developer })).Data();
        var root = data["relatedOccupations"]!.AsArray();
        Assert.Equal(5, root.Count);
        Assert.Equal(root.Strings("occupation", "uri"), data["occupation"]!["relatedOccupations"]!.AsArray().Strings("occupation", "uri"));

        // The top one shares as many essential skills as the CSVs say.
        var top = root[0]!;
        var mine = esco.Csv.SkillsFor(Developer, "essential").ToHashSet();
        var theirs = esco.Csv.SkillsFor(top["occupation"]!["uri"]!.GetValue<string>(), "essential");
        Assert.Equal(theirs.Count(mine.Contains), top["sharedEssential"]!.AsArray().Count);
        Assert.Contains("essential skills with software developer", top["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkillGapFromTextAndCareerMovesAnswer()
    {
        var data = (await esco.QueryAsync(
            """
            query($uri: String!, $java: String!) {
              skillGap(occupationUri: $uri, heldSkillsText: "computer programming, SQL", heldSkillUris: [$java]) {
                held { skill { label } fromText } coveredEssential { uri } missingEssential { skill { uri } priority reasons } essentialCoverage reasons
              }
              careerMoves(from: $uri, first: 3) { occupation { label } missingEssentialCount missingEssential { uri } reasons }
              relatedSkills(uri: $java, first: 5) { occupationsRequiring coRequired { skill { label } occupations } reasons }
            }
            """, new { uri = Developer, java = Java })).Data();
        var gap = data["skillGap"]!;
        Assert.Contains(gap["held"]!.AsArray(), h => h!["fromText"]?.GetValue<string>() == "computer programming");
        Assert.Equal(24, gap["coveredEssential"]!.AsArray().Count + gap["missingEssential"]!.AsArray().Count);
        Assert.All(gap["missingEssential"]!.AsArray(), m => Assert.NotEmpty(m!["reasons"]![0]!.GetValue<string>()));
        var moves = data["careerMoves"]!.AsArray();
        Assert.Equal(3, moves.Count);
        Assert.All(moves, m => Assert.Equal(m!["missingEssentialCount"]!.GetValue<int>(), m["missingEssential"]!.AsArray().Count));
        Assert.Equal(esco.Csv.OccupationsFor(Java, "essential").Count, data["relatedSkills"]!["occupationsRequiring"]!.GetValue<int>());
    }

    [Fact]
    public async Task BadInputGetsAnErrorThatNamesTheProblem()
    {
        var budget = await esco.QueryAsync("""{ occupationContext(uri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1", maxNodes: 0) { nodeCount } }""");
        Assert.Contains("maxNodes must be between 1 and 1000 (got 0)", budget.FirstError(), StringComparison.Ordinal);
        var wrongKind = await esco.QueryAsync($$"""{ relatedOccupations(uri: "{{Java}}") { score } }""");
        Assert.Contains("is a skill (Java (computer programming)), not an occupation", wrongKind.FirstError(), StringComparison.Ordinal);
        var empty = await esco.QueryAsync($$"""{ skillGap(occupationUri: "{{Developer}}") { essentialCoverage } }""");
        Assert.Contains("heldSkillUris or heldSkillsText", empty.FirstError(), StringComparison.Ordinal);
        var badUri = await esco.QueryAsync("""{ careerMoves(from: "not a uri") { coverage } }""");
        Assert.Contains("from: 'not a uri' is not a concept URI", badUri.FirstError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateJobDescriptionUsesTheOfflineTeacherGroundedInTheGraph()
    {
        var job = (await esco.StewardClient.QueryAsync($$"""{ generateJobDescription(occupationUri: "{{Developer}}", seed: 3) { title jobDescription skillUris teacher } }""")).Data()["generateJobDescription"]!;
        Assert.StartsWith("offline/", job["teacher"]!.GetValue<string>(), StringComparison.Ordinal);
        var skills = job["skillUris"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.NotEmpty(skills);
        var known = esco.Csv.SkillsFor(Developer, "essential").Concat(esco.Csv.SkillsFor(Developer, "optional")).ToHashSet();
        Assert.All(skills, s => Assert.Contains(s, known));
        Assert.True(job["jobDescription"]!.GetValue<string>().Length > 200);
    }
}

internal static class WalkJson
{
    public static List<string> Strings(this JsonArray array, string outer, string inner) =>
        [.. array.Select(n => n![outer]![inner]!.GetValue<string>())];
}
