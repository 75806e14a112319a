using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="GetOccupationContext"/> on <see cref="TinyGraph"/>. The software developer's skills, by the handler's
/// relevance = weight × (0.5 + 0.5 / (1 + log10(1 + occupations listing the skill besides this one))):
/// <code>
/// Java           essential, also listed by 2 others (web developer, tester)   1.0 × (0.5 + 0.5 / (1 + log10 3)) = 0.8385
/// SQL            essential, also listed by 2 others (web developer, analyst)  the same, 0.8385; after Java by URI
/// test software  essential, also listed by 3 others                           1.0 × (0.5 + 0.5 / (1 + log10 4)) = 0.8121
/// Git            optional,  also listed by 1 other (tester)                   0.5 × (0.5 + 0.5 / (1 + log10 2)) = 0.4422
/// </code>
/// Node costs: the occupation's hierarchy (ISCO 2512) is 1 node; Java 3 (itself, object-oriented programming,
/// programming); SQL 1 (programming is in already); test software 2 (itself, software quality); Git 1 (no group).
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class GetOccupationContextTests(TinyGraphFixture tiny) : IDisposable
{
    private readonly MediatorHost _host = new(tiny.Store);

    [Fact]
    public async Task Every_skill_enters_by_relevance_with_its_group_path_when_the_budget_allows()
    {
        var context = await _host.Mediator.Send(new GetOccupationContext(Developer));

        Assert.Equal(["Java", "SQL", "test software", "Git"], context.Skills.Select(s => s.Skill.Label));
        Assert.Equal([Relevance(1.0, 2), Relevance(1.0, 2), Relevance(1.0, 3), Relevance(0.5, 1)], context.Skills.Select(s => s.Relevance));
        Assert.Equal([ContextRelation.Essential, ContextRelation.Essential, ContextRelation.Essential, ContextRelation.Optional], context.Skills.Select(s => s.Relation));
        Assert.Equal(["object-oriented programming", "programming"], context.Skills[0].GroupPath.Select(g => g.Label));
        Assert.Equal(["Software developers"], context.HierarchyPath.Select(h => h.Label));
        Assert.Equal(1 + 3 + 1 + 2 + 1, context.NodeCount);
        Assert.False(context.Truncated);
        Assert.Equal((3, 1), (context.TotalEssential, context.TotalOptional));
    }

    [Fact]
    public async Task A_skill_that_does_not_fit_the_budget_is_skipped_and_a_cheaper_less_relevant_one_still_enters()
    {
        // Budget 6: hierarchy 1, Java 3 → 4, SQL 1 → 5, test software would cost 2 → 7 (skipped), Git 1 → 6.
        var context = await _host.Mediator.Send(new GetOccupationContext(Developer, MaxNodes: 6));

        Assert.Equal(["Java", "SQL", "Git"], context.Skills.Select(s => s.Skill.Label));
        Assert.Equal(6, context.NodeCount);
        Assert.True(context.Truncated);
        Assert.Contains("(context cut to 6 nodes of 3 essential and 1 optional skills)", context.ToPrompt(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_hop_adds_the_skills_linked_to_its_skills_after_its_own_naming_the_skill_they_are_linked_to()
    {
        // SQL needs design databases, Python needs SQL: both 0.3 × (0.5 + 0.5 / (1 + log10 1)) = 0.3, tied, by URI.
        var context = await _host.Mediator.Send(new GetOccupationContext(Developer, Hops: 1));

        Assert.Equal(["Java", "SQL", "test software", "Git", "design databases", "Python"], context.Skills.Select(s => s.Skill.Label));
        Assert.All(context.Related, s => Assert.Equal((Relevance(0.3, 0), "SQL"), (s.Relevance, s.RelatedTo?.Label)));
        Assert.Equal(8 + 1 + 1, context.NodeCount);
        Assert.Contains("- design databases <http://example.org/skill/database-design> (linked to SQL)", context.ToPrompt(), StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>The relevance formula above, for a skill that <paramref name="others"/> other occupations list.</summary>
    private static double Relevance(double weight, int others) => Math.Round(weight * (0.5 + (0.5 / (1 + Math.Log10(1 + others)))), 4);
}
