using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Domain;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Features;

/// <summary>The Mediator slices on the full ESCO graph, each answer checked against a computation straight from the CSVs.</summary>
[Collection(EscoStoreCollection.Name)]
public sealed class GraphWalkTests(EscoStoreFixture esco) : IDisposable
{
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";
    private readonly MediatorHost _host = new(esco.Store);
    private readonly EscoGraphCsv _csv = EscoGraphCsv.Instance;

    private static ConceptUri U(string uri) => ConceptUri.Parse(uri);

    [Theory]
    [InlineData(Developer)]
    [InlineData("http://data.europa.eu/esco/occupation/1009be17-7efd-45f1-a033-566bf179c588")] // chef
    [InlineData("http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50")] // nurse responsible for general care
    [InlineData("http://data.europa.eu/esco/occupation/eda0d957-3c3c-4139-b89a-a18bc9e18897")] // accountant
    public async Task RelatedOccupations_by_shared_essential_skills_equal_the_csv_top_ten(string occupation)
    {
        Assert.True(_csv.Occupations.ContainsKey(occupation));
        var mine = EscoGraphCsv.Of(_csv.Essential, occupation);
        var expected = _csv.Occupations.Keys
            .Where(o => o != occupation)
            .Select(o => (Uri: o, Shared: EscoGraphCsv.Of(_csv.Essential, o).Count(mine.Contains)))
            .Where(o => o.Shared > 0)
            .OrderByDescending(o => o.Shared).ThenBy(o => o.Uri, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var related = await _host.Mediator.Send(new GetRelatedOccupations(U(occupation), 10, OptionalWeight: 0));
        Assert.Equal(expected.Select(e => (e.Uri, (double)e.Shared)), related.Select(r => (r.Occupation.Uri.Value, r.Score)));
        Assert.All(related, r => Assert.Equal((int)r.Score, r.SharedEssential.Count));
        Assert.Contains("essential skill", related[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelatedOccupations_weigh_optional_skills_lower_as_the_csv_says()
    {
        var ess = EscoGraphCsv.Of(_csv.Essential, Developer);
        var all = ess.Concat(EscoGraphCsv.Of(_csv.Optional, Developer)).ToHashSet(StringComparer.Ordinal);
        var expected = _csv.Occupations.Keys
            .Where(o => o != Developer)
            .Select(o =>
            {
                var theirEssential = EscoGraphCsv.Of(_csv.Essential, o);
                var theirAll = theirEssential.Concat(EscoGraphCsv.Of(_csv.Optional, o)).ToHashSet(StringComparer.Ordinal);
                var sharedEssential = theirEssential.Count(ess.Contains);
                var other = theirAll.Count(all.Contains) - sharedEssential;
                return (Uri: o, Score: sharedEssential + (0.5 * other), Essential: sharedEssential);
            })
            .Where(o => o.Score > 0)
            .OrderByDescending(o => o.Score).ThenByDescending(o => o.Essential).ThenBy(o => o.Uri, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var related = await _host.Mediator.Send(new GetRelatedOccupations(U(Developer)));
        Assert.Equal(expected.Select(e => (e.Uri, e.Score)), related.Select(r => (r.Occupation.Uri.Value, r.Score)));
    }

    [Fact]
    public async Task RelatedSkills_are_the_skills_co_required_with_java_as_counted_in_the_csv()
    {
        var occupations = EscoGraphCsv.Of(_csv.EssentialFor, Java);
        var expected = occupations
            .SelectMany(o => EscoGraphCsv.Of(_csv.Essential, o))
            .Where(s => s != Java)
            .GroupBy(s => s)
            .Select(g => (Uri: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Uri, StringComparer.Ordinal)
            .Take(20)
            .ToList();

        var related = await _host.Mediator.Send(new GetRelatedSkills(U(Java)));
        Assert.Equal(occupations.Count, related.OccupationsRequiring);
        Assert.Equal(expected, related.CoRequired.Select(c => (c.Skill.Uri.Value, c.Occupations)));
    }

    [Fact]
    public async Task SkillGap_lists_exactly_the_required_skills_not_held()
    {
        var essential = EscoGraphCsv.Of(_csv.Essential, Developer).Order(StringComparer.Ordinal).ToList();
        var optional = EscoGraphCsv.Of(_csv.Optional, Developer).Where(s => !essential.Contains(s)).Order(StringComparer.Ordinal).ToList();
        var held = essential.Where((_, i) => i % 2 == 0).Concat(optional.Take(5)).ToList();

        var gap = await _host.Mediator.Send(new GetSkillGap(U(Developer), [.. held.Select(U)]));
        Assert.Equal(essential.Except(held).Order(StringComparer.Ordinal), gap.MissingEssential.Select(m => m.Skill.Uri.Value).Order(StringComparer.Ordinal));
        Assert.Equal(optional.Except(held).Order(StringComparer.Ordinal), gap.MissingOptional.Select(m => m.Skill.Uri.Value).Order(StringComparer.Ordinal));
        Assert.Equal(essential.Count(held.Contains), gap.CoveredEssential.Count);
        Assert.Equal(Math.Round(essential.Count(held.Contains) / (double)essential.Count, 4), gap.EssentialCoverage);
        Assert.All(gap.MissingEssential.Zip(gap.MissingEssential.Skip(1)), pair => Assert.True(pair.First.Priority >= pair.Second.Priority));
        Assert.Contains("essential skills", gap.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkillGap_counts_a_held_narrower_skill_as_partial_cover_and_says_so()
    {
        // A required skill of some occupation that has a narrower skill in the skill pillar.
        var (occupation, required, narrower) = _csv.Essential
            .SelectMany(o => o.Value.Select(s => (Occupation: o.Key, Skill: s)))
            .Select(p => (p.Occupation, p.Skill, Narrower: _csv.SkillBroader.FirstOrDefault(b => b.Value.Contains(p.Skill) && _csv.Skills.ContainsKey(b.Key)).Key))
            .First(p => p.Narrower is not null && !EscoGraphCsv.Of(_csv.Essential, p.Occupation).Contains(p.Narrower));

        var gap = await _host.Mediator.Send(new GetSkillGap(U(occupation), [U(narrower!)]));
        var missing = gap.MissingEssential.Single(m => m.Skill.Uri.Value == required);
        Assert.NotNull(missing.Cover);
        Assert.Equal("narrower", missing.Cover!.How);
        Assert.Equal(narrower, missing.Cover.HeldSkill.Uri.Value);
        Assert.Contains("partly covered", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkillGap_resolves_held_skills_from_text_and_reports_what_it_could_not()
    {
        var gap = await _host.Mediator.Send(new GetSkillGap(U(Developer), [], "Java, SQL; computer programming\nqwertyuiop zxcvb"));
        Assert.Contains(gap.Held, h => h.Skill.Uri.Value == Java && h.FromText == "Java");
        Assert.Contains(gap.Held, h => h.Skill.Label == "computer programming");
        Assert.Equal(["qwertyuiop zxcvb"], gap.Unresolved);
        Assert.DoesNotContain(gap.MissingEssential, m => m.Skill.Label == "computer programming");
    }

    [Fact]
    public async Task CareerMoves_rank_occupations_by_fewest_missing_essential_skills_as_the_csv_says()
    {
        var held = EscoGraphCsv.Of(_csv.Essential, Developer).Concat(EscoGraphCsv.Of(_csv.Optional, Developer)).ToHashSet(StringComparer.Ordinal);
        var expected = _csv.Occupations.Keys
            .Where(o => o != Developer && EscoGraphCsv.Of(_csv.Essential, o).Any(held.Contains))
            .Select(o =>
            {
                var ess = EscoGraphCsv.Of(_csv.Essential, o);
                var missing = ess.Count(s => !held.Contains(s));
                return (Uri: o, Missing: missing, Coverage: ess.Count == 0 ? 0 : (ess.Count - missing) / (double)ess.Count);
            })
            .OrderBy(o => o.Missing).ThenByDescending(o => o.Coverage).ThenBy(o => o.Uri, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var moves = await _host.Mediator.Send(new GetCareerMoves(U(Developer), []));
        Assert.Equal(expected.Select(e => (e.Uri, e.Missing)), moves.Select(m => (m.Occupation.Uri.Value, m.MissingEssentialCount)));
        Assert.All(moves, m => Assert.Equal(m.MissingEssentialCount, m.MissingEssential.Count));
    }

    [Fact]
    public async Task OccupationContext_with_room_for_everything_holds_exactly_the_csv_skills()
    {
        var context = await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 1000));
        Assert.False(context.Truncated);
        Assert.Equal(EscoGraphCsv.Of(_csv.Essential, Developer).Order(StringComparer.Ordinal), context.Essential.Select(s => s.Skill.Uri.Value).Order(StringComparer.Ordinal));
        Assert.Equal(EscoGraphCsv.Of(_csv.Optional, Developer).Order(StringComparer.Ordinal), context.Optional.Select(s => s.Skill.Uri.Value).Order(StringComparer.Ordinal));
        Assert.Equal((24, 80), (context.TotalEssential, context.TotalOptional));
        Assert.Contains(context.HierarchyPath, h => h.Kind == ConceptKind.IscoGroup);
        Assert.All(context.Skills, s => Assert.NotEmpty(s.GroupPath));
        var prompt = context.ToPrompt();
        Assert.Contains("Occupation: software developer", prompt, StringComparison.Ordinal);
        Assert.Contains("Essential skills:", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OccupationContext_keeps_to_its_budget_puts_essential_skills_first_and_is_deterministic_for_a_seed()
    {
        var small = await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 30, Seed: 7));
        Assert.True(small.Truncated);
        Assert.InRange(small.NodeCount, 1, 30);
        Assert.Equal(ContextRelation.Essential, small.Skills[0].Relation);

        var again = await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 30, Seed: 7));
        Assert.Equal(small.ToPrompt(), again.ToPrompt());

        var big = await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 120, Seed: 7));
        var otherSeed = await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 120, Seed: 8));
        Assert.NotEqual(big.Skills.Select(s => s.Skill.Uri), otherSeed.Skills.Select(s => s.Skill.Uri));
    }

    [Fact]
    public async Task OccupationContext_one_hop_further_adds_linked_skills()
    {
        var context = await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 1000, Hops: 1));
        Assert.NotEmpty(context.Related);
        Assert.All(context.Related, r => Assert.NotNull(r.RelatedTo));
    }

    [Fact]
    public async Task Bad_requests_get_one_clear_error_naming_the_field()
    {
        var budget = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new GetOccupationContext(U(Developer), MaxNodes: 0, Hops: 9)));
        Assert.Equal("GetOccupationContext: maxNodes must be between 1 and 1000 (got 0); hops must be between 0 and 2 (got 9)", budget.Message);

        var empty = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new GetSkillGap(U(Developer), [])));
        Assert.Contains("heldSkillUris or heldSkillsText", empty.Message, StringComparison.Ordinal);

        var notAnOccupation = await Assert.ThrowsAsync<ConceptNotFoundException>(async () => await _host.Mediator.Send(new GetRelatedOccupations(U(Java))));
        Assert.Contains("is a skill (Java (computer programming)), not an occupation", notAnOccupation.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<ConceptNotFoundException>(async () => await _host.Mediator.Send(new GetCareerMoves(null, [U("http://example.org/nope")])));
        Assert.Contains("http://example.org/nope", unknown.Message, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => ConceptUri.Parse("not a uri"));
    }

    public void Dispose() => _host.Dispose();
}
