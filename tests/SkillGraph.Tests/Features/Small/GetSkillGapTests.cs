using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="GetSkillGap"/> on <see cref="TinyGraph"/>. A missing skill's priority is
/// (1 − credit of its partial cover) × (0.5 + 0.5 × ln(1 + occupations requiring it) / ln(1 + occupations in the graph)) × (1, or 0.5 when optional):
/// the measure of "widely required" follows the graph (TinyGraph's occupation count, not ESCO's 3,000).
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class GetSkillGapTests(TinyGraphFixture tiny) : IDisposable
{
    private readonly MediatorHost _host = new(tiny.Store);

    private double LnOccupations => Math.Log(1 + tiny.Store.CountAsync().AsTask().GetAwaiter().GetResult().Occupations);

    [Fact]
    public async Task A_held_broader_skill_partly_covers_a_missing_narrower_one_at_half_credit()
    {
        // The software developer needs Java, SQL, test software (and Git, optional). Held: object-oriented programming
        // (broader than Java) and SQL. SQL is covered; Java is missing but half covered by object-oriented programming;
        // test software is missing and uncovered, and required by 3 occupations, so it comes first:
        //   test software 1.0 × (0.5 + 0.5 × ln 4 / ln(1 + occupations));  Java 0.5 × (0.5 + 0.5 × ln 2 / ln(1 + occupations))
        //   Git (optional, required by none) 1.0 × 0.5 × 0.5 = 0.25
        var gap = await _host.Mediator.Send(new GetSkillGap(Developer, [Oop, Sql]));

        Assert.Equal(["SQL"], gap.CoveredEssential.Select(s => s.Label));
        Assert.Equal(
            [("test software", Math.Round(0.5 + (0.5 * Math.Log(4) / LnOccupations), 4)), ("Java", Math.Round(0.5 * (0.5 + (0.5 * Math.Log(2) / LnOccupations)), 4))],
            gap.MissingEssential.Select(m => (m.Skill.Label, m.Priority)));
        Assert.Null(gap.MissingEssential[0].Cover);
        Assert.Equal("Java is essential for software developer; partly covered (0.5) by object-oriented programming, a broader skill you hold", gap.MissingEssential[1].Reason);
        Assert.Equal([("Git", 0.25)], gap.MissingOptional.Select(m => (m.Skill.Label, m.Priority)));
        Assert.Equal(0.3333, gap.EssentialCoverage);
    }

    [Fact]
    public async Task A_held_narrower_skill_covers_its_broader_skill_at_three_quarters_but_not_a_sibling()
    {
        // The mobile app developer needs object-oriented programming and Kotlin; held: Java, which is narrower than
        // object-oriented programming (credit 0.75) and only a sibling of Kotlin (no credit). Each is required by 1 occupation:
        //   Kotlin 1.0 × (0.5 + 0.5 × ln 2 / ln(1 + occupations));  object-oriented programming 0.25 × the same
        var gap = await _host.Mediator.Send(new GetSkillGap(MobileDeveloper, [Java]));

        var reach = 0.5 + (0.5 * Math.Log(2) / LnOccupations);
        Assert.Equal(
            [("Kotlin", Math.Round(reach, 4)), ("object-oriented programming", Math.Round(0.25 * reach, 4))],
            gap.MissingEssential.Select(m => (m.Skill.Label, m.Priority)));
        Assert.Null(gap.MissingEssential[0].Cover);
        Assert.Equal("object-oriented programming is essential for mobile app developer; partly covered (0.75) by Java, a narrower skill you hold", gap.MissingEssential[1].Reason);
        Assert.Equal(0.0, gap.EssentialCoverage);
    }

    public void Dispose() => _host.Dispose();
}
