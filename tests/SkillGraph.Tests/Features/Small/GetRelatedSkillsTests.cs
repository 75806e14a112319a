using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="GetRelatedSkills"/> on <see cref="TinyGraph"/>, for SQL. Three occupations require it essentially:
/// the software developer (with Java, test software), the web developer (with JavaScript, test software) and the
/// data analyst (with statistics). So test software is co-required twice, the others once each (ties by URI: java,
/// javascript, statistics). ESCO links SQL to design databases (SQL needs it) and to Python (Python needs SQL).
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class GetRelatedSkillsTests(TinyGraphFixture tiny) : IDisposable
{
    private readonly MediatorHost _host = new(tiny.Store);

    [Fact]
    public async Task Co_required_skills_are_counted_over_the_occupations_that_require_the_skill()
    {
        var related = await _host.Mediator.Send(new GetRelatedSkills(Sql));

        Assert.Equal(3, related.OccupationsRequiring);
        Assert.Equal([("test software", 2), ("Java", 1), ("JavaScript", 1), ("statistics", 1)], related.CoRequired.Select(c => (c.Skill.Label, c.Occupations)));
        Assert.Equal("essential for 2 of the 3 occupations that require SQL", related.CoRequired[0].Reason);
    }

    [Fact]
    public async Task Linked_skills_say_which_of_the_two_needs_the_other()
    {
        var related = await _host.Mediator.Send(new GetRelatedSkills(Sql));

        Assert.Equal(
            ["SQL has design databases as an essential related skill (ESCO)", "Python has SQL as an optional related skill (ESCO)"],
            related.Linked.Select(l => l.Reason));
        Assert.Equal([true, false], related.Linked.Select(l => l.Outgoing));
    }

    [Fact]
    public async Task First_cuts_the_co_required_skills_after_the_best()
    {
        var related = await _host.Mediator.Send(new GetRelatedSkills(Sql, First: 1));

        Assert.Equal(["test software"], related.CoRequired.Select(c => c.Skill.Label));
    }

    public void Dispose() => _host.Dispose();
}
