using Mediator;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.AddRelation;
using SkillGraph.Application.Features.Curation.CreateConcept;
using SkillGraph.Application.Features.Curation.GetChangeSets;
using SkillGraph.Application.Features.Curation.GetReplacement;
using SkillGraph.Application.Features.Curation.MergeConcepts;
using SkillGraph.Application.Features.Curation.RemoveRelation;
using SkillGraph.Application.Features.Curation.RevertChangeSet;
using SkillGraph.Application.Features.Curation.UpdateConcept;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Neo4j.Tests;

/// <summary>
/// The stewards' commands over the Neo4j adapter (the fake Query API): the same slices as on the embedded store, with
/// the change log as <c>(:ChangeSet)</c> nodes written in the graph write's explicit transaction.
/// </summary>
public sealed class CurationOverNeo4jTests : IAsyncLifetime
{
    private static readonly ConceptUri SoftwareDeveloper = ConceptUri.Parse("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1");
    private FakeNeo4jHost? _host;

    private IMediator Mediator => _host!.Mediator;

    private Neo4jGraphStore Store => _host!.Store;

    public async Task InitializeAsync() => _host = await FakeNeo4jHost.StartAsync();

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task A_steward_creates_relates_renames_reverts_and_merges_and_the_log_says_so()
    {
        var created = await Mediator.Send(new CreateConcept(ConceptKind.Skill, "write Cypher queries", ["Cypher"], null, "graph team"));
        var skill = created.Concept!.Uri;
        Assert.Equal(1, created.Concept.Version);

        var developer = (await Store.GetConceptsAsync([SoftwareDeveloper]))[0]!;
        var linked = await Mediator.Send(new AddRelation(CurationRelation.Optional, SoftwareDeveloper, skill, "they query graphs"));
        Assert.Equal(developer.Version + 1, linked.Concept!.Version);
        Assert.Contains(skill, (await Store.GetNeighboursAsync(SoftwareDeveloper, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All)).Items);

        var renamed = await Mediator.Send(new UpdateConcept(skill, 1, "write Cypher", null, null, "shorter"));
        Assert.Equal("write Cypher", renamed.Concept!.PreferredLabel);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Mediator.Send(new UpdateConcept(skill, 1, "stale", null, null, "late")));

        var reverted = await Mediator.Send(new RevertChangeSet(renamed.ChangeSet.Id, "keep the verb phrase"));
        Assert.Equal("write Cypher queries", reverted.Concept!.PreferredLabel);
        Assert.Equal(renamed.ChangeSet.Id, reverted.ChangeSet.Reverts);

        var missing = await Assert.ThrowsAsync<IntegrityViolationException>(async () => await Mediator.Send(new RemoveRelation(CurationRelation.Essential, ConceptUri.Parse("http://example.org/none"), skill, "c")));
        Assert.Equal(IntegrityRules.MissingConcept, missing.Rule);

        var duplicate = (await Mediator.Send(new CreateConcept(ConceptKind.Skill, "query graphs with Cypher", [], null, "dup"))).Concept!;
        var merged = await Mediator.Send(new MergeConcepts(skill, 3, duplicate.Uri, 1, "same skill"));
        Assert.Contains("query graphs with Cypher", merged.Concept!.AltLabels());
        Assert.Equal(skill, await Mediator.Send(new GetReplacement(duplicate.Uri)));

        // A merge reverted: the duplicate is back, with its labels; the survivor loses them.
        var unmerged = await Mediator.Send(new RevertChangeSet(merged.ChangeSet.Id, "not the same after all"));
        Assert.DoesNotContain("query graphs with Cypher", unmerged.Concept!.AltLabels());
        Assert.Equal("released", (await Store.GetConceptsAsync([duplicate.Uri]))[0]!.Status);
        Assert.Null(await Mediator.Send(new GetReplacement(duplicate.Uri)));

        var history = await Mediator.Send(new GetChangeSets(skill, null, new PageRequest(100)));
        Assert.Equal(["graph team", "they query graphs", "shorter", "keep the verb phrase", "same skill", "not the same after all"], history.Items.Select(c => c.Comment));
        Assert.All(history.Items, c => Assert.Equal("local operator", c.Author));
        Assert.Equal(7, (await Store.GetChangeSetsAsync(new ChangeFilter(), PageRequest.All)).TotalCount);
    }

    [Fact]
    public async Task A_write_that_closes_a_broader_cycle_is_rolled_back_in_its_transaction_even_past_the_application()
    {
        // Two writers each checked a graph without the other's edge: the second write, straight to the port, closes the cycle.
        var a = ConceptUri.Parse("http://example.org/c/skill/a");
        var b = ConceptUri.Parse("http://example.org/c/skill/b");
        await Store.WriteAsync(new GraphBatch
        {
            Concepts = [new(new Concept { Uri = a, Kind = ConceptKind.Skill, PreferredLabel = "skill a" }), new(new Concept { Uri = b, Kind = ConceptKind.Skill, PreferredLabel = "skill b" })],
            AddRelations = [new(a, RelationType.Broader, b)],
        });
        _host!.Server.Requests.Clear();

        var refused = await Assert.ThrowsAsync<SkillGraphException>(async () => await Store.WriteAsync(new GraphBatch { AddRelations = [new(b, RelationType.Broader, a)] }));

        Assert.Equal(ErrorCode.Conflict, refused.Code);
        Assert.Contains("would close a cycle", refused.Message, StringComparison.Ordinal);
        Assert.Contains(CypherStatements.BroaderCycles, _host.Server.Requests.Select(r => r.StatementName));
        Assert.Empty((await Store.GetNeighboursAsync(b, RelationType.Broader, Direction.Outgoing, PageRequest.All)).Items);
        Assert.Equal([b], (await Store.GetNeighboursAsync(a, RelationType.Broader, Direction.Outgoing, PageRequest.All)).Items);
    }
}
