using System.Text.Json;
using System.Text.Json.Nodes;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Tests.Curation;

/// <summary>Review through real HTTP with real keys: a steward proposes, a reviewer accepts (applied, checked again) or rejects; Curation:RequireReview.</summary>
[Collection(EscoCollection.Name)]
public sealed class ProposalTests(EscoServerFixture esco) : IAsyncLifetime
{
    private const string Chef = "http://data.europa.eu/esco/occupation/1009be17-7efd-45f1-a033-566bf179c588";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";

    private const string ProposalFields = "proposal { id status author comment reviewer reviewComment changeSetId } changeSet { id author reviewer comment conceptUris } userErrors { field message code }";

    private CurationServer _server = null!;
    private HttpClient _steward = null!;
    private HttpClient _reviewer = null!;

    public async Task InitializeAsync()
    {
        _server = await CurationServer.StartAsync(esco);
        _steward = _server.Client(Role.Steward);
        _reviewer = _server.Client(Role.Reviewer);
    }

    public async Task DisposeAsync()
    {
        _steward.Dispose();
        _reviewer.Dispose();
        await _server.DisposeAsync();
    }

    private static object Change(string op, object input, string? reference = null) => new { op, @ref = reference, input = JsonSerializer.Serialize(input) };

    private static async Task<JsonNode> ProposeAsync(HttpClient client, string comment, params object[] changes) =>
        (await client.QueryAsync($"mutation($input: ProposeChangesInput!) {{ proposeChanges(input: $input) {{ {ProposalFields} }} }}", new { input = new { changes, comment } })).Data()["proposeChanges"]!;

    private static async Task<JsonObject> ReviewAsync(HttpClient client, string mutation, string id, string comment) =>
        await client.QueryAsync($"mutation($input: ReviewProposalInput!) {{ {mutation}(input: $input) {{ {ProposalFields} }} }}", new { input = new { id, comment } });

    private static void NoUserErrors(JsonNode payload) => Assert.True(payload["userErrors"]!.AsArray().Count == 0, payload.ToJsonString());

    private async Task<JsonNode> ConceptAsync(string uri) =>
        (await _steward.QueryAsync("query($uri: String!) { concept(uri: $uri) { uri version preferredLabel history { totalCount nodes { id author reviewer } } } }", new { uri })).Data()["concept"]!;

    private async Task<List<string>> PendingAsync() =>
        (await _steward.QueryAsync("{ proposals(status: PENDING, first: 50) { nodes { id } } }")).Data()["proposals"]!["nodes"].Strings("id");

    [Fact]
    public async Task A_proposal_applies_nothing_until_a_reviewer_accepts_it_then_one_change_set_names_its_author_and_reviewer()
    {
        var chefBefore = await ConceptAsync(Chef);
        var proposed = await ProposeAsync(
            _steward,
            "sous-vide for chefs",
            Change("createConcept", new { kind = "SKILL", preferredLabel = "operate a sous-vide circulator" }, "sous-vide"),
            Change("addRelation", new { type = "OPTIONAL", from = Chef, to = "@sous-vide" }));
        NoUserErrors(proposed);
        var id = proposed["proposal"]!["id"]!.GetValue<string>();
        Assert.Equal(("PENDING", "steward-key"), (proposed["proposal"]!["status"]!.GetValue<string>(), proposed["proposal"]!["author"]!.GetValue<string>()));
        Assert.Contains(id, await PendingAsync());
        Assert.Equal(chefBefore.ToJsonString(), (await ConceptAsync(Chef)).ToJsonString());

        var accepted = (await ReviewAsync(_reviewer, "acceptProposal", id, "fine")).Data()["acceptProposal"]!;
        NoUserErrors(accepted);
        var changeSet = accepted["changeSet"]!;
        Assert.Equal(("steward-key", "reviewer-key", "sous-vide for chefs"), (changeSet["author"]!.GetValue<string>(), changeSet["reviewer"]!.GetValue<string>(), changeSet["comment"]!.GetValue<string>()));
        Assert.Equal(("ACCEPTED", "reviewer-key", "fine", changeSet["id"]!.GetValue<string>()), (accepted["proposal"]!["status"]!.GetValue<string>(), accepted["proposal"]!["reviewer"]!.GetValue<string>(), accepted["proposal"]!["reviewComment"]!.GetValue<string>(), accepted["proposal"]!["changeSetId"]!.GetValue<string>()));
        Assert.DoesNotContain(id, await PendingAsync());

        // One change set for the whole batch: the new skill and the chef, which got one new version.
        var uris = changeSet["conceptUris"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var skill = Assert.Single(uris, u => u != Chef);
        var chefAfter = await ConceptAsync(Chef);
        Assert.Equal(chefBefore["version"]!.GetValue<int>() + 1, chefAfter["version"]!.GetValue<int>());
        Assert.Equal(changeSet["id"]!.GetValue<string>(), chefAfter["history"]!["nodes"]!.AsArray()[^1]!["id"]!.GetValue<string>());
        Assert.Equal("operate a sous-vide circulator", (await ConceptAsync(skill))["preferredLabel"]!.GetValue<string>());

        // Accepted once: a second acceptance is a CONFLICT and applies nothing.
        var again = (await ReviewAsync(_reviewer, "acceptProposal", id, "again")).Data()["acceptProposal"]!;
        Assert.Equal("CONFLICT", again["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(chefAfter["version"]!.GetValue<int>(), (await ConceptAsync(Chef))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rejected_proposal_applies_nothing_and_keeps_the_reviewers_comment()
    {
        var java = await ConceptAsync(Java);
        var proposed = await ProposeAsync(_steward, "shorter", Change("updateConcept", new { uri = Java, expectedVersion = java["version"]!.GetValue<int>(), preferredLabel = "Java" }));
        NoUserErrors(proposed);
        var id = proposed["proposal"]!["id"]!.GetValue<string>();

        var rejected = (await ReviewAsync(_reviewer, "rejectProposal", id, "ESCO's label is the one people search")).Data()["rejectProposal"]!;

        NoUserErrors(rejected);
        Assert.Equal(("REJECTED", "ESCO's label is the one people search"), (rejected["proposal"]!["status"]!.GetValue<string>(), rejected["proposal"]!["reviewComment"]!.GetValue<string>()));
        Assert.Equal(java.ToJsonString(), (await ConceptAsync(Java)).ToJsonString());
        Assert.Equal("CONFLICT", (await ReviewAsync(_reviewer, "acceptProposal", id, "changed my mind")).Data()["acceptProposal"]!["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(java.ToJsonString(), (await ConceptAsync(Java)).ToJsonString());
    }

    [Fact]
    public async Task A_proposal_gone_stale_fails_on_accept_with_CONFLICT_and_stays_pending()
    {
        var version = (await ConceptAsync(Java))["version"]!.GetValue<int>();
        var proposed = await ProposeAsync(_steward, "clearer", Change("updateConcept", new { uri = Java, expectedVersion = version, preferredLabel = "Java (programming language)" }));
        NoUserErrors(proposed);
        var id = proposed["proposal"]!["id"]!.GetValue<string>();
        var direct = (await _steward.QueryAsync("mutation($input: UpdateConceptInput!) { updateConcept(input: $input) { userErrors { code } } }", new { input = new { uri = Java, expectedVersion = version, description = "A programming language.", comment = "meanwhile" } })).Data()["updateConcept"]!;
        NoUserErrors(direct);

        var accepted = (await ReviewAsync(_reviewer, "acceptProposal", id, "ok")).Data()["acceptProposal"]!;

        var error = accepted["userErrors"]![0]!;
        Assert.Equal(("CONFLICT", "changes[0].expectedVersion"), (error["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
        Assert.Null(accepted["changeSet"]);
        Assert.Contains(id, await PendingAsync());
        Assert.Equal(version + 1, (await ConceptAsync(Java))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_steward_cannot_accept_or_reject_and_a_broken_batch_is_not_stored()
    {
        var proposed = await ProposeAsync(_steward, "java for chefs", Change("addRelation", new { type = "OPTIONAL", from = Chef, to = Java }));
        NoUserErrors(proposed);
        var id = proposed["proposal"]!["id"]!.GetValue<string>();

        Assert.Equal("FORBIDDEN", (await ReviewAsync(_steward, "acceptProposal", id, "mine")).FirstErrorCode());
        Assert.Equal("FORBIDDEN", (await ReviewAsync(_steward, "rejectProposal", id, "mine")).FirstErrorCode());
        Assert.Contains(id, await PendingAsync());

        // Checked when proposed: a relation to itself breaks a rule on its line; nothing is stored.
        var chef = (await ConceptAsync(Chef))["version"]!.GetValue<int>();
        var broken = await ProposeAsync(_steward, "two changes", Change("updateConcept", new { uri = Chef, expectedVersion = chef, description = "x" }), Change("addRelation", new { type = "BROADER", from = Java, to = Java }));
        Assert.Null(broken["proposal"]);
        Assert.Equal(("changes[1].to", "WRONG_KIND"), (broken["userErrors"]![0]!["field"]!.GetValue<string>(), broken["userErrors"]![0]!["code"]!.GetValue<string>()));
        Assert.Single(await PendingAsync());
    }

    [Fact]
    public async Task With_RequireReview_a_stewards_mutation_becomes_a_proposal_while_an_admin_applies_directly()
    {
        await using var server = await CurationServer.StartAsync(esco, new Dictionary<string, string> { ["Curation:RequireReview"] = "true" });
        using var steward = server.Client(Role.Steward);
        using var admin = server.Client(Role.Admin);
        const string Create = "mutation($input: CreateConceptInput!) { createConcept(input: $input) { concept { uri } changeSet { id } proposal { id status changes } userErrors { code } } }";

        var proposed = (await steward.QueryAsync(Create, new { input = new { kind = "SKILL_GROUP", preferredLabel = "sous-vide techniques", comment = "a group for it" } })).Data()["createConcept"]!;
        var applied = (await admin.QueryAsync(Create, new { input = new { kind = "SKILL", preferredLabel = "vacuum-seal food", comment = "admins apply" } })).Data()["createConcept"]!;

        Assert.Empty(proposed["userErrors"]!.AsArray());
        Assert.Null(proposed["concept"]);
        Assert.Null(proposed["changeSet"]);
        Assert.Equal("PENDING", proposed["proposal"]!["status"]!.GetValue<string>());
        Assert.Contains("\"SKILL_GROUP\"", proposed["proposal"]!["changes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(applied["concept"]!["uri"]);
        Assert.Null(applied["proposal"]);

        using var reviewer = server.Client(Role.Reviewer);
        var accepted = (await ReviewAsync(reviewer, "acceptProposal", proposed["proposal"]!["id"]!.GetValue<string>(), "yes")).Data()["acceptProposal"]!;
        Assert.Empty(accepted["userErrors"]!.AsArray());
        Assert.Equal("steward-key", accepted["changeSet"]!["author"]!.GetValue<string>());
    }
}
