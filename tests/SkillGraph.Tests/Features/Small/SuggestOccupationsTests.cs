using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="SuggestOccupations"/> on <see cref="TinyGraph"/> (6 occupations), for Java and statistics, both weight 1,
/// with the default optional weight 0.5 and length exponent 0.5:
/// <code>
/// idf(Java)       = ln(1 + 6/3) = ln 3    (essential for the developer; optional for the tester and the web developer)
/// idf(statistics) = ln(1 + 6/1) = ln 7    (essential for the analyst only)
/// data analyst        ln 7         / (ln 3 + ln 7) / √(2 + 0.5 × 1) = 0.4042
/// software developer  ln 3         / (ln 3 + ln 7) / √(3 + 0.5 × 1) = 0.1929
/// software tester     0.5 × ln 3   / (ln 3 + ln 7) / √(1 + 0.5 × 2) = 0.1276
/// web developer       0.5 × ln 3   / (ln 3 + ln 7) / √(3 + 0.5 × 1) = 0.0964
/// </code>
/// The rare skill outweighs the common one; an optional match counts half and a long skill list is discounted.
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class SuggestOccupationsTests(TinyGraphFixture tiny) : IDisposable
{
    private readonly MediatorHost _host = new(tiny.Store);

    [Fact]
    public async Task Occupations_rank_by_the_weighted_matches_of_rare_skills_with_the_reasons_in_words()
    {
        var suggestions = await _host.Mediator.Send(new SuggestOccupations([new WeightedSkill(Java), new WeightedSkill(Statistics)]));

        var total = Math.Log(3) + Math.Log(7);
        Assert.Equal(
            [
                ("data analyst", Math.Round(Math.Log(7) / total / Math.Sqrt(2.5), 6)),
                ("software developer", Math.Round(Math.Log(3) / total / Math.Sqrt(3.5), 6)),
                ("software tester", Math.Round(0.5 * Math.Log(3) / total / Math.Sqrt(2), 6)),
                ("web developer", Math.Round(0.5 * Math.Log(3) / total / Math.Sqrt(3.5), 6)),
            ],
            suggestions.Select(s => (s.Occupation.Label, s.Score)));
        Assert.Equal(["matches 1 of its 2 essential skills: statistics"], suggestions[0].Reasons);
        Assert.Equal(["matches 0 of its 1 essential skill", "matches 1 of its 2 optional skills: Java"], suggestions[2].Reasons);
    }

    [Fact]
    public async Task A_uri_that_names_an_occupation_is_refused_naming_its_place_in_the_list()
    {
        var error = await Assert.ThrowsAsync<ConceptNotFoundException>(async () =>
            await _host.Mediator.Send(new SuggestOccupations([new WeightedSkill(Java), new WeightedSkill(Chef)])));

        Assert.Equal("skills[1]: http://example.org/occupation/chef names the occupation 'chef', not a skill", error.Message);
    }

    public void Dispose() => _host.Dispose();
}
