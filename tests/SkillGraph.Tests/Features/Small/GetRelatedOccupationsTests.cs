using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// <see cref="GetRelatedOccupations"/> on <see cref="TinyGraph"/>, from the software developer (essential Java, SQL,
/// test software; optional Git). What each other occupation shares with it:
/// <code>
/// web developer    essential for both: SQL, test software (2)   other: Java (optional for the web developer)   (1)
/// software tester  essential for both: test software (1)        other: Java and Git (optional for the tester)  (2)
/// data analyst     essential for both: SQL (1)                  other: test software (optional for the analyst) (1)
/// mobile app developer and chef share nothing and never appear.
/// </code>
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class GetRelatedOccupationsTests(TinyGraphFixture tiny) : IDisposable
{
    private readonly MediatorHost _host = new(tiny.Store);

    [Fact]
    public async Task With_optional_weight_zero_occupations_rank_by_shared_essential_skills_ties_by_uri()
    {
        // 2, 1, 1: the analyst and the tester tie, and "…/analyst" sorts before "…/tester".
        var related = await _host.Mediator.Send(new GetRelatedOccupations(Developer, OptionalWeight: 0));

        Assert.Equal([("web developer", 2.0), ("data analyst", 1.0), ("software tester", 1.0)], related.Select(r => (r.Occupation.Label, r.Score)));
        Assert.Equal("shares 2 essential skills with software developer (e.g. SQL, test software)", related[0].Reason);
    }

    [Fact]
    public async Task The_optional_weight_lets_the_tester_overtake_the_analyst()
    {
        // Weight 0.5: web developer 2 + 0.5 × 1 = 2.5; tester 1 + 0.5 × 2 = 2.0; analyst 1 + 0.5 × 1 = 1.5.
        var related = await _host.Mediator.Send(new GetRelatedOccupations(Developer, OptionalWeight: 0.5));

        Assert.Equal([("web developer", 2.5), ("software tester", 2.0), ("data analyst", 1.5)], related.Select(r => (r.Occupation.Label, r.Score)));
        Assert.Equal(["Git", "Java"], related[1].SharedOther.Select(s => s.Label));
        Assert.Equal("shares 1 essential skill with software developer (test software) and 2 more skills that are optional for one of them", related[1].Reason);
    }

    [Fact]
    public async Task A_tie_on_score_goes_to_the_occupation_with_more_shared_essential_skills()
    {
        // Weight 1: web developer 2 + 1 = 3 and tester 1 + 2 = 3 tie; the web developer shares 2 essential skills, the tester 1.
        var related = await _host.Mediator.Send(new GetRelatedOccupations(Developer, First: 2, OptionalWeight: 1));

        Assert.Equal([("web developer", 3.0), ("software tester", 3.0)], related.Select(r => (r.Occupation.Label, r.Score)));
    }

    public void Dispose() => _host.Dispose();
}
