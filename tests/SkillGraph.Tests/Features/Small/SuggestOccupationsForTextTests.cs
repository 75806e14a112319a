using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.FixedSkillExtractor;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="SuggestOccupationsForText"/> on <see cref="TinyGraph"/> with a <see cref="FixedSkillExtractor"/>: the
/// handler's own logic (the text read line by line, which of the extractor's skills weigh in and how, and what happens when
/// there are none), not the model.
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class SuggestOccupationsForTextTests(TinyGraphFixture tiny)
{
    private const string Text = "any text: the extractor is fixed";

    [Fact]
    public async Task Only_skills_with_a_positive_score_weigh_in()
    {
        // statistics points to the data analyst only; cook meals (score 0) would add the chef, Java (below 0) the developer.
        var extractor = new FixedSkillExtractor(Mention(Statistics, "statistics", 0.9f), Mention(Cooking, "cook meals", 0f), Mention(Java, "Java", -0.2f));

        var answer = await SuggestAsync(extractor);

        Assert.Equal(FixedSkillExtractor.Model, answer.Model);
        Assert.Equal(["statistics"], answer.Skills.Select(s => s.Label));
        Assert.Equal(["data analyst"], answer.Occupations.Select(o => o.Occupation.Label));
        Assert.Equal([(Text, SuggestOccupationsForText.SkillsPerLine)], extractor.Calls);
    }

    [Fact]
    public async Task Of_the_readings_of_one_phrase_an_occupation_counts_only_the_one_that_says_most_for_it()
    {
        // Kotlin and object-oriented programming are both the mobile app developer's alone (idf ln 7 = 1.95 each); statistics the
        // analyst's alone (1.95), SQL three occupations' (ln 3 = 1.10). All read at 0.9, so every weight is 0.9³.
        // Kotlin and OOP read at one phrase (their spans overlap): the mobile developer counts one of them: 1.95 / 2^0.2 = 1.70
        // (× 0.73); the analyst counts statistics and SQL from their own lines: (1.95 + 1.10) / (2 + 0.8 · 1)^0.2 = 2.48 (× 0.73):
        // the analyst first. Read apart — on a line each, or at two places of one line — the mobile developer counts both,
        // 3.90 / 2^0.2 = 3.39: the mobile developer first.
        static SkillMention At(ConceptUri skill, string label, int start, int end) => new(skill.Value, label, 0.9f, [new TextSpan(start, end)]);
        var readings = new Dictionary<string, SkillMention[]>
        {
            ["mobile apps in Kotlin"] = [At(Kotlin, "Kotlin", 0, 21), At(Oop, "object-oriented programming", 15, 21)],
            ["Kotlin, OOP"] = [At(Kotlin, "Kotlin", 0, 6), At(Oop, "object-oriented programming", 8, 11)],
            ["Kotlin"] = [At(Kotlin, "Kotlin", 0, 6)],
            ["OOP"] = [At(Oop, "object-oriented programming", 0, 3)],
            ["statistics"] = [At(Statistics, "statistics", 0, 10)],
            ["SQL"] = [At(Sql, "SQL", 0, 3)],
        };
        FixedSkillExtractor Reading() => new() { PerText = text => readings[text] };

        var onePhrase = await SuggestAsync(Reading(), "mobile apps in Kotlin\nstatistics\nSQL");
        var ownLines = await SuggestAsync(Reading(), "Kotlin\nOOP\nstatistics\nSQL");
        var twoPlaces = await SuggestAsync(Reading(), "Kotlin, OOP\nstatistics\nSQL");

        Assert.Equal(["data analyst", "mobile app developer"], onePhrase.Occupations.Take(2).Select(o => o.Occupation.Label));
        Assert.Equal(["mobile app developer", "data analyst"], ownLines.Occupations.Take(2).Select(o => o.Occupation.Label));
        Assert.Equal(["mobile app developer", "data analyst"], twoPlaces.Occupations.Take(2).Select(o => o.Occupation.Label));
        Assert.Equal(ownLines.Occupations.Select(o => o.Score), twoPlaces.Occupations.Select(o => o.Score));

        // The reasons name the skills that counted: one of the phrase's two for the mobile developer, both when read apart.
        Assert.Single(onePhrase.Occupations.Single(o => o.Occupation.Label == "mobile app developer").MatchedEssential);
        Assert.Equal(2, twoPlaces.Occupations.Single(o => o.Occupation.Label == "mobile app developer").MatchedEssential.Count);

        // The answer shows the readings with their spans moved into the text.
        Assert.Equal(["Kotlin", "SQL", "object-oriented programming", "statistics"], onePhrase.Skills.Select(s => s.Label).Order(StringComparer.Ordinal));
        Assert.Equal(new TextSpan(22, 32), onePhrase.Skills.Single(s => s.Label == "statistics").Spans.Single());
    }

    [Fact]
    public async Task Each_line_is_read_alone_without_the_white_space_around_it_and_lines_of_layout_are_not_read()
    {
        var extractor = new FixedSkillExtractor(Mention(Statistics, "statistics", 0.9f));

        await SuggestAsync(extractor, "  Data analyst \n\n---\n- Statistics and SQL. Reports; dashboards!\n  \t");

        Assert.Equal(["Data analyst", "- Statistics and SQL.", "Reports;", "dashboards!"], extractor.Calls.Select(c => c.Text));
        Assert.All(extractor.Calls, c => Assert.Equal(SuggestOccupationsForText.SkillsPerLine, c.First));
    }

    [Fact]
    public void A_text_of_more_lines_than_are_read_one_by_one_has_its_rest_read_as_the_last_line()
    {
        var text = string.Join('\n', Enumerable.Range(1, SuggestOccupationsForText.MaxLines + 5).Select(i => $"line {i}"));

        var lines = SuggestOccupationsForTextHandler.Lines(text);

        Assert.Equal(SuggestOccupationsForText.MaxLines, lines.Count);
        Assert.Equal("line 1", lines[0].Of(text));
        Assert.StartsWith($"line {SuggestOccupationsForText.MaxLines}\n", lines[^1].Of(text), StringComparison.Ordinal);
        Assert.EndsWith($"line {SuggestOccupationsForText.MaxLines + 5}", lines[^1].Of(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Skills_are_taken_line_by_line_so_one_long_line_does_not_crowd_out_the_others()
    {
        // Line 1 names thirteen skills that all score above the one skill of line 2; line 3 is a sentence after "; ".
        const string text = "Java, Kotlin, SQL and more every day.\nI cooked meals for guests; statistics too.";
        var line1 = Enumerable.Range(0, 13).Select(i => new SkillMention($"http://example.org/skill/s{i}", $"s{i}", 0.9f - (0.01f * i), [new TextSpan(0, 4)])).ToList();
        var cooking = new SkillMention(Cooking.Value, "cook meals", 0.5f, [new TextSpan(text.IndexOf("cooked", StringComparison.Ordinal), text.IndexOf("cooked", StringComparison.Ordinal) + 6)]);
        var statistics = new SkillMention(Statistics.Value, "statistics", 0.4f, [new TextSpan(text.IndexOf("statistics", StringComparison.Ordinal), text.Length - 5)]);

        var picked = LineDiverseSkills.Pick(text, [.. line1, cooking, statistics]);

        // Round one: the best of each of the three lines; then line 1's next nine. Best first.
        Assert.Equal(12, picked.Count);
        Assert.Equal([.. line1.Take(10).Select(m => m.Label), "cook meals", "statistics"], picked.Select(m => m.Label));
        Assert.Equal([0, 38, 64], LineDiverseSkills.LineStarts(text));
        Assert.Single(LineDiverseSkills.LineStarts("node.js 3.5 years"));
    }

    [Fact]
    public async Task A_text_in_which_no_skill_is_found_gets_no_occupations()
    {
        var answer = await SuggestAsync(new FixedSkillExtractor());

        Assert.Equal(FixedSkillExtractor.Model, answer.Model);
        Assert.Empty(answer.Skills);
        Assert.Empty(answer.Occupations);
    }

    private async Task<OccupationSuggestions> SuggestAsync(FixedSkillExtractor extractor, string text = Text)
    {
        using var host = new MediatorHost(tiny.Store, ports: services => services.AddSingleton<ISkillExtractor>(extractor));
        return await host.Mediator.Send(new SuggestOccupationsForText(text));
    }
}
