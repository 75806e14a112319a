using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Student.Serving;

namespace SkillGraph.Server.Tests.Walks;

/// <summary><c>extractSkills</c> through real HTTP on the full ESCO store: the student's ONNX sessions answer with spans.</summary>
[Collection(EscoCollection.Name)]
public sealed class ExtractSkillsQueryTests(EscoServerFixture esco)
{
    [Fact]
    public async Task AJobAdGetsEscoSkillsWithSpansAndTheModelVersion()
    {
        await esco.Factory.Services.GetRequiredService<StudentSkillExtractor>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
        const string text = "We are looking for a backend developer with strong Java and SQL skills who writes unit tests.";
        var answer = (await esco.QueryAsync(
            "query($text: String!) { extractSkills(text: $text, first: 8) { model skills { uri label score spans { start end text } } } }",
            new { text })).Data()["extractSkills"]!;
        Assert.StartsWith("student-", answer["model"]!.GetValue<string>(), StringComparison.Ordinal);
        var skills = answer["skills"]!.AsArray();
        Assert.Equal(8, skills.Count);
        var java = skills.Single(s => s!["uri"]!.GetValue<string>() == "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389");
        var span = java!["spans"]![0]!;
        // the span the tagger draws around the evidence (decision 0027): it holds the word, and its text is the text's slice
        var quoted = text[span["start"]!.GetValue<int>()..span["end"]!.GetValue<int>()];
        Assert.Contains("Java", quoted, StringComparison.Ordinal);
        Assert.Equal(quoted, span["text"]!.GetValue<string>());
        Assert.Contains(skills, s => s!["label"]!.GetValue<string>() == "SQL");
    }

    [Fact]
    public async Task BadArgumentsAreNamed()
    {
        var answer = await esco.QueryAsync("""{ extractSkills(text: "Java", first: 0) { model } }""");
        Assert.Contains("first must be between 1 and 100 (got 0)", answer.FirstError(), StringComparison.Ordinal);
        Assert.Equal("BAD_INPUT", answer.FirstErrorCode());
    }
}
