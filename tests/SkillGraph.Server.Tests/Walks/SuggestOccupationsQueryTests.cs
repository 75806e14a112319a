using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Student.Serving;

namespace SkillGraph.Server.Tests.Walks;

/// <summary><c>suggestOccupations</c> through real HTTP on the full ESCO store: the student's skills, then the graph's ranking.</summary>
[Collection(EscoCollection.Name)]
public sealed class SuggestOccupationsQueryTests(EscoServerFixture esco)
{
    private const string SoftwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string WebDeveloper = "http://data.europa.eu/esco/occupation/c40a2919-48a9-40ea-b506-1f34f693496d";
    private const string IctApplicationDeveloper = "http://data.europa.eu/esco/occupation/bd272aee-adc9-4a06-a15c-a73b4b4a46a7";

    [Fact]
    public async Task ASoftwareDeveloperAdRanksIctProfessionsFirstWithTheMatchedSkills()
    {
        await esco.Factory.Services.GetRequiredService<StudentSkillExtractor>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
        const string text = "We are hiring a software developer to design, build and test web applications in Java and JavaScript, "
            + "write SQL queries, debug code and take part in code reviews using Git.";
        var answer = (await esco.QueryAsync(
            """
            query($text: String!) { suggestOccupations(text: $text, first: 10) {
              model skills { uri label score }
              occupations { occupation { uri preferredLabel } score essentialSkills optionalSkills matchedEssential { uri label } matchedOptional { uri label } namedAs reasons } } }
            """,
            new { text })).Data()["suggestOccupations"]!;
        Assert.StartsWith("student-", answer["model"]!.GetValue<string>(), StringComparison.Ordinal);
        var skills = answer["skills"]!.AsArray().Select(s => s!["uri"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389", skills); // Java

        var occupations = answer["occupations"]!.AsArray().Select(o => o!).ToList();
        Assert.Equal(10, occupations.Count);
        var uris = occupations.Select(o => o["occupation"]!["uri"]!.GetValue<string>()).ToList();
        // A web-application developer ad: developer occupations (software, web, ICT application developer) are suggested.
        Assert.True(uris.Count(u => u is SoftwareDeveloper or WebDeveloper or IctApplicationDeveloper) >= 2, string.Join(", ", uris.Select(u => esco.Csv.Occupations[u].Label)));

        // The first three are ICT professionals (ISCO 25), by the CSV's codes; the first is the one the ad names, and says so.
        Assert.All(uris.Take(3), uri => Assert.StartsWith("25", esco.Csv.Occupations[uri].Code, StringComparison.Ordinal));
        Assert.Equal(SoftwareDeveloper, uris[0]);
        Assert.Equal("software developer", occupations[0]["namedAs"]!.GetValue<string>());
        Assert.Equal("the text names it: \"software developer\"", occupations[0]["reasons"]![0]!.GetValue<string>());

        var scores = occupations.Select(o => o["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        foreach (var o in occupations)
        {
            var uri = o["occupation"]!["uri"]!.GetValue<string>();
            var essential = o["matchedEssential"]!.AsArray().Select(s => s!["uri"]!.GetValue<string>()).ToList();
            var optional = o["matchedOptional"]!.AsArray().Select(s => s!["uri"]!.GetValue<string>()).ToList();
            Assert.All(essential, s => Assert.Contains(s, esco.Csv.SkillsFor(uri, "essential")));
            Assert.All(optional, s => Assert.Contains(s, esco.Csv.SkillsFor(uri, "optional")));
            Assert.All(essential.Concat(optional), s => Assert.Contains(s, skills));
            Assert.Equal(esco.Csv.SkillsFor(uri, "essential").Count, o["essentialSkills"]!.GetValue<int>());
            var skillReason = o["namedAs"] is null ? 0 : 1;
            Assert.StartsWith($"matches {essential.Count} of its {esco.Csv.SkillsFor(uri, "essential").Count} essential skill", o["reasons"]![skillReason]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadArgumentsAreNamed()
    {
        var answer = await esco.QueryAsync("""{ suggestOccupations(text: "Java", first: 101) { model } }""");
        Assert.Contains("first must be between 1 and 100 (got 101)", answer.FirstError(), StringComparison.Ordinal);
        var tooLong = await esco.QueryAsync("query($text: String!) { suggestOccupations(text: $text) { model } }", new { text = new string('a', 20_001) });
        Assert.Contains("text: at most 20000 characters (got 20001)", tooLong.FirstError(), StringComparison.Ordinal);
    }
}
