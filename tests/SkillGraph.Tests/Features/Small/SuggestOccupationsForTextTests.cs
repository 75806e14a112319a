using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.FixedSkillExtractor;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="SuggestOccupationsForText"/> on <see cref="TinyGraph"/> with a <see cref="FixedSkillExtractor"/>: the
/// handler's own logic (which of the extractor's skills weigh in, and what happens when there are none), not the model.
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
        Assert.Equal([(Text, LineDiverseSkills.Candidates)], extractor.Calls);
    }

    [Fact]
    public async Task Only_the_extractors_best_twelve_skills_weigh_in()
    {
        // Twelve skills the chef does not list, best first, then cook meals: the thirteenth, so no chef. With cook meals
        // first instead, the chef is suggested (six occupations in all, ten asked for): the cut is what keeps it out.
        SkillMention[] twelve =
        [
            Mention(Java, "Java", 0.95f), Mention(Sql, "SQL", 0.9f), Mention(TestSoftware, "test software", 0.85f), Mention(Git, "Git", 0.8f),
            Mention(JavaScript, "JavaScript", 0.75f), Mention(Statistics, "statistics", 0.7f), Mention(Kotlin, "Kotlin", 0.65f),
            Mention(Oop, "object-oriented programming", 0.6f), Mention(DatabaseDesign, "design databases", 0.55f),
            Mention(Python, "Python", 0.5f), Mention(Scrum, "apply scrum", 0.45f), Mention(Containers, "use containers", 0.4f),
        ];

        var cut = await SuggestAsync(new FixedSkillExtractor([.. twelve, Mention(Cooking, "cook meals", 0.35f)]));
        var cookingFirst = await SuggestAsync(new FixedSkillExtractor([Mention(Cooking, "cook meals", 0.99f), .. twelve]));

        Assert.Equal(twelve.Select(s => s.Label), cut.Skills.Select(s => s.Label));
        Assert.DoesNotContain("chef", cut.Occupations.Select(o => o.Occupation.Label));
        Assert.Contains("chef", cookingFirst.Occupations.Select(o => o.Occupation.Label));
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

    private async Task<OccupationSuggestions> SuggestAsync(FixedSkillExtractor extractor)
    {
        using var host = new MediatorHost(tiny.Store, ports: services => services.AddSingleton<ISkillExtractor>(extractor));
        return await host.Mediator.Send(new SuggestOccupationsForText(Text));
    }
}
