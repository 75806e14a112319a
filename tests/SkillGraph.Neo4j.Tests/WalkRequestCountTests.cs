using Mediator;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Concepts.GetConcepts;
using SkillGraph.Application.Features.Concepts.GetNeighbours;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using Xunit.Abstractions;

namespace SkillGraph.Neo4j.Tests;

/// <summary>
/// How many Query API requests each graph walk costs over the Neo4j adapter (issue 11: a walk or a DataLoader batch at
/// most two, an occupation context three — that one is in <see cref="QueryApiContractTests"/>). Each request goes
/// through the application's Mediator pipeline over the sample graph in <see cref="FakeQueryApi"/>.
/// </summary>
public sealed class WalkRequestCountTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ConceptUri SoftwareDeveloper = ConceptUri.Parse("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1");
    private static readonly ConceptUri ComputerProgramming = ConceptUri.Parse("http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97");
    private static readonly ConceptUri DebugSoftware = ConceptUri.Parse("http://data.europa.eu/esco/skill/2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1");
    private static readonly ConceptUri ProjectManagement = ConceptUri.Parse("http://data.europa.eu/esco/skill/7111b95d-0ce3-441a-9d92-4c75d05c4388");
    private static readonly ConceptUri Haskell = ConceptUri.Parse("http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02");

    // The statement files, short.
    private const string Concepts = CypherStatements.GetConcepts;
    private const string In = CypherStatements.NeighboursIncoming;

    private FakeNeo4jHost? _host;
    private ConceptUri? _linked;

    private IMediator Mediator => _host!.Mediator;

    private FakeQueryApi Server => _host!.Server;

    public async Task InitializeAsync()
    {
        _host = await FakeNeo4jHost.StartAsync(WalkReadContractTests.SkillLinksForAsync);
        _linked = (await _host.Store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), new PageRequest(1))).Items[0];
        Server.Requests.Clear();
    }

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    /// <summary>The statement files sent since the last call, all of them reads; written to the test output.</summary>
    private string[] Sent(string walk)
    {
        var requests = Server.Requests.ToArray();
        Server.Requests.Clear();
        output.WriteLine($"{walk}: {requests.Length} requests: {string.Join(", ", requests.Select(r => r.StatementName))}");
        Assert.All(requests, r => Assert.Equal("READ", r.AccessMode));
        return [.. requests.Select(r => r.StatementName ?? "(no statement)")];
    }

    [Fact]
    public async Task A_DataLoader_batch_of_concepts_is_one_request()
    {
        var concepts = await Mediator.Send(new GetConcepts([SoftwareDeveloper, ComputerProgramming, DebugSoftware, Haskell]));

        Assert.Equal(["software developer", "computer programming", "debug software", "Haskell"], concepts.Select(c => c!.PreferredLabel));
        Assert.Equal([Concepts], Sent("GetConcepts"));
    }

    [Fact]
    public async Task A_DataLoader_batch_of_neighbour_pages_is_one_request()
    {
        var pages = await Mediator.Send(new GetNeighbours([ComputerProgramming, DebugSoftware, ProjectManagement], RelationType.EssentialSkill, Direction.Incoming, new PageRequest(5)));

        Assert.All(pages, p => Assert.Contains(SoftwareDeveloper, p.Items));
        Assert.Equal([In], Sent("GetNeighbours"));
    }

    [Fact]
    public async Task Related_occupations()
    {
        var related = await Mediator.Send(new GetRelatedOccupations(SoftwareDeveloper));

        Assert.NotEmpty(related);
        Assert.NotEmpty(related[0].SharedEssential);
        // 2 calls (was 10): the occupation's skills with the occupations listing each in one statement, then the
        // occupation, the winners and their shared skills in one batch
        Assert.Equal([CypherStatements.OccupationPeers, Concepts], Sent("GetRelatedOccupations"));
    }

    [Fact]
    public async Task Occupation_context_with_hops()
    {
        var context = await Mediator.Send(new GetOccupationContext(_linked!, MaxNodes: GetOccupationContext.MaxNodesLimit, Hops: 2));

        Assert.Contains(context.Skills, s => s.Relation == ContextRelation.Related);
        // 3 + one a hop (each hop was 6): the skills, each hop's linked skills, the broader walk, the concepts
        Assert.Equal(
            [CypherStatements.OccupationSkills, CypherStatements.SkillLinks, CypherStatements.SkillLinks, CypherStatements.BroaderNeighbourhood, Concepts],
            Sent("GetOccupationContext (2 hops)"));
    }

    [Fact]
    public async Task Related_skills()
    {
        var related = await Mediator.Send(new GetRelatedSkills(ComputerProgramming));

        Assert.NotEmpty(related.CoRequired);
        // issue 11: 2 calls (was 8): the walk in one statement, then the skill and the related skills in one batch
        Assert.Equal([CypherStatements.SkillRelations, Concepts], Sent("GetRelatedSkills"));
    }

    [Fact]
    public async Task Skill_gap_from_held_skill_URIs()
    {
        var gap = await Mediator.Send(new GetSkillGap(SoftwareDeveloper, [ComputerProgramming, Haskell]));

        Assert.Single(gap.CoveredEssential);
        Assert.NotEmpty(gap.MissingEssential);
        var sent = Sent("GetSkillGap (URIs)");
        // 1 call (was 10): the occupation, the held skills, its skills with their reach and labels, and the broader
        // relations around the held skills in one statement
        Assert.Equal([CypherStatements.SkillGap], sent);
    }

    [Fact]
    public async Task Skill_gap_from_held_skills_text()
    {
        var gap = await Mediator.Send(new GetSkillGap(SoftwareDeveloper, [], "computer programming, Haskell; debug software"));

        Assert.Equal(2, gap.CoveredEssential.Count);
        var sent = Sent("GetSkillGap (text)");
        // 2 calls (was 13): every phrase searched in one statement, then the gap's one statement
        Assert.Equal([CypherStatements.SearchMany, CypherStatements.SkillGap], sent);
    }

    [Fact]
    public async Task Career_moves_from_an_occupation()
    {
        var moves = await Mediator.Send(new GetCareerMoves(SoftwareDeveloper, []));

        Assert.NotEmpty(moves);
        Assert.DoesNotContain(moves, m => m.Occupation.Uri == SoftwareDeveloper);
        var sent = Sent("GetCareerMoves (from)");
        // 2 calls (was 6): the held skills, the candidates and their essential skills in one statement, then the concepts
        Assert.Equal([CypherStatements.CareerCandidates, Concepts], sent);
    }

    [Fact]
    public async Task Career_moves_from_held_skills()
    {
        var moves = await Mediator.Send(new GetCareerMoves(null, [ComputerProgramming, DebugSoftware, ProjectManagement]));

        Assert.Contains(moves, m => m.Occupation.Uri == SoftwareDeveloper);
        var sent = Sent("GetCareerMoves (held)");
        // 2 calls (was 4)
        Assert.Equal([CypherStatements.CareerCandidates, Concepts], sent);
    }

    [Fact]
    public async Task Suggested_occupations()
    {
        var suggestions = await Mediator.Send(new SuggestOccupations([new(ComputerProgramming), new(DebugSoftware, 0.8), new(Haskell, 0.5)]));

        Assert.Contains(suggestions, s => s.Occupation.Uri == SoftwareDeveloper && s.MatchedEssential.Count == 2);
        var sent = Sent("SuggestOccupations");
        // issue 11: 2 calls (was 9): the skills' listings in one statement, then the skills and the suggestions in one batch
        Assert.Equal([CypherStatements.SkillListings, Concepts], sent);
    }
}
