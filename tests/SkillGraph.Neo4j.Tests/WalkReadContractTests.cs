using System.Text.Json;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Graph.Sample;

namespace SkillGraph.Neo4j.Tests;

/// <summary>
/// The walk reads the adapter answers in one statement each (related occupations, career moves, skill gap, several
/// searches) give what the port's default, composed from neighbour reads, gives: read by read, and answer by answer
/// through the handlers, on every occupation of the sample graph in <see cref="FakeQueryApi"/>.
/// </summary>
public sealed class WalkReadContractTests : IAsyncLifetime
{
    private static readonly ConceptUri Unknown = ConceptUri.Parse("http://data.europa.eu/esco/skill/nope");
    private readonly FakeQueryApi _server = new();
    private Neo4jGraphStore? _store;
    private PortDefaults? _defaults;
    private IReadOnlyList<ConceptUri> _occupations = [];

    private Neo4jGraphStore Store => _store!;

    private IGraphStore Defaults => _defaults!;

    public async Task InitializeAsync()
    {
        _store = await Neo4jGraphStore.ConnectAsync(new Neo4jOptions { Url = _server.Url, User = "neo4j", Password = "secret" });
        await _store.WriteAsync(SampleGraph.Load());
        _defaults = new PortDefaults(_store);
        _occupations = (await _store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), PageRequest.All)).Items;
        Assert.True(_occupations.Count > 10);
        await _store.WriteAsync(await SkillLinksForAsync(_store));
    }

    public Task DisposeAsync()
    {
        _defaults?.Dispose();
        _store?.Dispose();
        _server.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Some skills of the next occupation, each with its narrower skills, so that the walks meet covers and misses.</summary>
    private async Task<List<ConceptUri>> HeldForAsync(int occupation)
    {
        var next = _occupations[(occupation + 1) % _occupations.Count];
        var skills = (await Store.GetNeighboursAsync(next, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All)).Items.Take(4).ToList();
        var narrower = await Store.GetAllNeighboursManyAsync(skills, RelationType.Broader, Direction.Incoming);
        return [.. skills, .. narrower.SelectMany(n => n.Take(2))];
    }

    /// <summary>
    /// Skill–skill relations for the walks to meet (the sample graph has none): each of the first occupation's essential
    /// skills needs the next one essentially, and two skills of the second occupation optionally.
    /// </summary>
    internal static async Task<GraphBatch> SkillLinksForAsync(IGraphStore store)
    {
        var occupations = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), PageRequest.All)).Items;
        var ours = (await store.GetNeighboursAsync(occupations[0], RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All)).Items;
        var theirs = (await store.GetNeighboursAsync(occupations[1], RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All)).Items;
        return new GraphBatch
        {
            AddRelations =
            [
                .. ours.Zip(ours.Skip(1), (a, b) => new Relation(a, RelationType.EssentialRelatedSkill, b)),
                .. ours.SelectMany(a => theirs.Take(2), (a, b) => new Relation(a, RelationType.OptionalRelatedSkill, b)),
            ],
        };
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Occupation_peers_in_one_statement_are_the_peers_from_the_ports_default_reads()
    {
        foreach (var occupation in _occupations.Append(Unknown))
        {
            foreach (var withOptional in (bool[])[true, false])
            {
                var native = await Store.GetOccupationPeersAsync(occupation, withOptional);
                var composed = await Defaults.GetOccupationPeersAsync(occupation, withOptional);
                Assert.Equal(composed.Essential, native.Essential);
                Assert.Equal(composed.Optional, native.Optional);
                Assert.Equal(composed.EssentialFor.Select(l => l.ToArray()), native.EssentialFor.Select(l => l.ToArray()));
                Assert.Equal(composed.OptionalFor.Select(l => l.ToArray()), native.OptionalFor.Select(l => l.ToArray()));
            }
        }
    }

    [Fact]
    public async Task Career_candidates_in_one_statement_are_the_candidates_from_the_ports_default_reads()
    {
        var withCandidates = 0;
        for (var i = 0; i < _occupations.Count; i++)
        {
            var held = await HeldForAsync(i);
            foreach (var (from, skills) in ((ConceptUri?, List<ConceptUri>)[])[(_occupations[i], []), (null, held), (_occupations[i], [.. held, Unknown])])
            {
                var native = await Store.GetCareerCandidatesAsync(from, skills);
                var composed = await Defaults.GetCareerCandidatesAsync(from, skills);
                withCandidates += composed.Candidates.Count > 0 ? 1 : 0;
                Assert.Equal(composed.Candidates, native.Candidates);
                Assert.Equal(composed.CandidateEssential.Select(l => l.ToArray()), native.CandidateEssential.Select(l => l.ToArray()));
                Assert.Equal(composed.FromSkills, native.FromSkills);
            }
        }

        Assert.True(withCandidates > _occupations.Count, $"{withCandidates} walks met candidates");
    }

    [Fact]
    public async Task A_skill_gap_graph_in_one_statement_is_the_graph_from_the_ports_default_reads()
    {
        var withBroader = 0;
        for (var i = 0; i < _occupations.Count; i++)
        {
            List<ConceptUri> held = [.. await HeldForAsync(i), Unknown, _occupations[i]];
            var native = await Store.GetSkillGapGraphAsync(_occupations[i], held);
            var composed = await Defaults.GetSkillGapGraphAsync(_occupations[i], held);
            Assert.Equal(Json(composed.Occupation!), Json(native.Occupation!));
            Assert.Equal(Json(composed.Held), Json(native.Held));
            Assert.Equal(Json(composed.Essential), Json(native.Essential));
            Assert.Equal(composed.EssentialReach, native.EssentialReach);
            Assert.Equal(Json(composed.Optional), Json(native.Optional));
            Assert.Equal(composed.OptionalReach, native.OptionalReach);
            withBroader += native.Broader.Values.Any(b => b.Count > 0) && native.Narrower.Values.Any(n => n.Count > 0) ? 1 : 0;
            Assert.Equal(composed.Broader.OrderBy(b => b.Key).Select(b => (b.Key, Json(b.Value))), native.Broader.OrderBy(b => b.Key).Select(b => (b.Key, Json(b.Value))));
            Assert.Equal(composed.Narrower.OrderBy(b => b.Key).Select(b => (b.Key, Json(b.Value))), native.Narrower.OrderBy(b => b.Key).Select(b => (b.Key, Json(b.Value))));
        }

        Assert.True(withBroader > _occupations.Count / 4, $"{withBroader} gaps met broader and narrower skills");
        var none = await Store.GetSkillGapGraphAsync(Unknown, [Unknown]);
        Assert.Null(none.Occupation);
        Assert.Equal([null], none.Held);
        Assert.Empty(none.Essential);
    }

    [Fact]
    public async Task Skill_links_in_one_statement_are_the_links_from_the_ports_default_reads()
    {
        var skills = (await Store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All)).Items.Append(Unknown).ToList();
        var native = await Store.GetSkillLinksAsync(skills);
        var composed = await Defaults.GetSkillLinksAsync(skills);
        Assert.True(native.All.Sum(l => l.TotalCount) > 0);
        Assert.Equal(composed.All.Select(l => l.Select(n => n.ToArray())), native.All.Select(l => l.Select(n => n.ToArray())));
        Assert.Equal(composed.ListedBy.OrderBy(l => l.Key), native.ListedBy.OrderBy(l => l.Key));
    }

    [Fact]
    public async Task Several_searches_in_one_statement_answer_as_each_search_alone()
    {
        SearchQuery[] queries = [new("programming", ConceptKind.Skill, 1), new("chef", null, 5), new("  ", ConceptKind.Skill), new("zzzz"), new("food safety", ConceptKind.Skill, 3), new("cook", ConceptKind.Occupation, 0)];
        _server.Requests.Clear();
        var together = await Store.SearchManyAsync(queries);
        Assert.Single(_server.Requests);
        Assert.Equal(queries.Length, together.Count);
        Assert.NotEmpty(together[0]);
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(await Store.SearchAsync(queries[i]), together[i]);
        }
    }

    [Fact]
    public async Task Related_occupations_career_moves_and_skill_gaps_over_the_adapter_are_those_over_the_ports_default_reads()
    {
        for (var i = 0; i < _occupations.Count; i++)
        {
            var occupation = _occupations[i];
            var held = await HeldForAsync(i);
            foreach (var query in (GetRelatedOccupations[])[new(occupation), new(occupation, 3, 0), new(occupation, 20, 1)])
            {
                Assert.Equal(
                    Json(await new GetRelatedOccupationsHandler(Defaults).Handle(query, CancellationToken.None)),
                    Json(await new GetRelatedOccupationsHandler(Store).Handle(query, CancellationToken.None)));
            }

            foreach (var query in (GetCareerMoves[])[new(occupation, []), new(null, held), new(occupation, held, 3)])
            {
                Assert.Equal(
                    Json(await new GetCareerMovesHandler(Defaults).Handle(query, CancellationToken.None)),
                    Json(await new GetCareerMovesHandler(Store).Handle(query, CancellationToken.None)));
            }

            foreach (var query in (GetSkillGap[])[new(occupation, held), new(occupation, [], "food safety; programming, zzzz"), new(occupation, held.Take(1).ToList(), "cook")])
            {
                Assert.Equal(
                    Json(await new GetSkillGapHandler(Defaults).Handle(query, CancellationToken.None)),
                    Json(await new GetSkillGapHandler(Store).Handle(query, CancellationToken.None)));
            }
        }
    }
}
