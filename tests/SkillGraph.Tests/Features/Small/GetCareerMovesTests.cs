using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="GetCareerMoves"/> on <see cref="TinyGraph"/>. Holding SQL and test software, the occupations that require
/// either essentially and what each still misses:
/// <code>
/// software tester     test software                      nothing missing      coverage 1
/// software developer  Java, SQL, test software           Java                 coverage 2/3
/// web developer       JavaScript, SQL, test software     JavaScript           coverage 2/3 (after the developer by URI)
/// data analyst        SQL, statistics                    statistics           coverage 1/2
/// </code>
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class GetCareerMovesTests(TinyGraphFixture tiny) : IDisposable
{
    private readonly MediatorHost _host = new(tiny.Store);

    [Fact]
    public async Task Moves_rank_by_fewest_missing_essential_skills_then_coverage()
    {
        var moves = await _host.Mediator.Send(new GetCareerMoves(null, [Sql, TestSoftware]));

        Assert.Equal(
            [("software tester", 0, 1.0), ("software developer", 1, 0.6667), ("web developer", 1, 0.6667), ("data analyst", 1, 0.5)],
            moves.Select(m => (m.Occupation.Label, m.MissingEssentialCount, m.Coverage)));
        Assert.Equal("your skills cover all 1 essential skills of software tester", moves[0].Reason);
        Assert.Equal("your skills cover 2 of 3 essential skills of software developer; missing: Java", moves[1].Reason);
    }

    [Fact]
    public async Task From_an_occupation_its_essential_and_optional_skills_count_as_held_and_it_is_not_a_move()
    {
        // The developer holds Java, SQL, test software and Git: the tester misses nothing, the web developer JavaScript, the analyst statistics.
        var moves = await _host.Mediator.Send(new GetCareerMoves(Developer, []));

        Assert.Equal(["software tester", "web developer", "data analyst"], moves.Select(m => m.Occupation.Label));
        Assert.Equal("software developer's skills cover all 1 essential skills of software tester", moves[0].Reason);
        Assert.Equal(["JavaScript"], moves[1].MissingEssential.Select(s => s.Label));
    }

    public void Dispose() => _host.Dispose();
}
