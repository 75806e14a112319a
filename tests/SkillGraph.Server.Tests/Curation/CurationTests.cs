using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Tests.Curation;

/// <summary>Stewards curate the full ESCO graph through real HTTP with real keys: mutations, integrity, concurrency, history, revert, roles.</summary>
[Collection(EscoCollection.Name)]
public sealed class CurationTests(EscoServerFixture esco) : IAsyncLifetime
{
    private const string Chef = "http://data.europa.eu/esco/occupation/1009be17-7efd-45f1-a033-566bf179c588";
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";

    private const string Payload = "concept { uri version preferredLabel altLabels status } changeSet { id author comment changes { conceptUri field before after } } userErrors { field message code } warnings";

    private CurationServer _server = null!;
    private HttpClient _steward = null!;

    public async Task InitializeAsync()
    {
        _server = await CurationServer.StartAsync(esco);
        _steward = _server.Client(Role.Steward);
    }

    public async Task DisposeAsync()
    {
        _steward.Dispose();
        await _server.DisposeAsync();
    }

    private static async Task<JsonNode> MutateAsync(HttpClient client, string mutation, object input)
    {
        var answer = await client.QueryAsync($"mutation($input: {char.ToUpperInvariant(mutation[0])}{mutation[1..]}Input!) {{ {mutation}(input: $input) {{ {Payload} }} }}", new { input });
        return answer.Data()[mutation]!;
    }

    private static async Task<JsonNode> RelationAsync(HttpClient client, string mutation, object input)
    {
        var answer = await client.QueryAsync($"mutation($input: RelationInput!) {{ {mutation}(input: $input) {{ {Payload} }} }}", new { input });
        return answer.Data()[mutation]!;
    }

    private static void NoUserErrors(JsonNode payload) => Assert.True(payload["userErrors"]!.AsArray().Count == 0, payload.ToJsonString());

    private static string Code(JsonNode payload) => payload["userErrors"]![0]!["code"]!.GetValue<string>();

    private async Task<JsonNode> ConceptAsync(string uri) =>
        (await _steward.QueryAsync("query($uri: String!) { concept(uri: $uri) { uri version preferredLabel altLabels status history { totalCount nodes { id author comment reverts changes { field before after } } } } }", new { uri })).Data()["concept"]!;

    [Fact]
    public async Task A_steward_creates_a_skill_links_it_renames_it_and_reverts_the_rename_and_the_history_shows_each_step()
    {
        var created = await MutateAsync(_steward, "createConcept", new { kind = "SKILL", preferredLabel = "operate a sous-vide circulator", altLabels = new[] { "sous-vide cooking" }, description = "Cook vacuum-sealed food in a water bath at a precise temperature.", comment = "our kitchens use it" });
        NoUserErrors(created);
        var uri = created["concept"]!["uri"]!.GetValue<string>();
        Assert.StartsWith("https://skillgraph.example.org/concept/skill/", uri, StringComparison.Ordinal);
        Assert.Equal(1, created["concept"]!["version"]!.GetValue<int>());
        Assert.Equal("steward-key", created["changeSet"]!["author"]!.GetValue<string>());

        var chefBefore = await ConceptAsync(Chef);
        var linked = await RelationAsync(_steward, "addRelation", new { type = "OPTIONAL", from = Chef, to = uri, comment = "chefs may need it" });
        NoUserErrors(linked);
        Assert.Equal(chefBefore["version"]!.GetValue<int>() + 1, linked["concept"]!["version"]!.GetValue<int>());
        var chefSkills = (await _steward.QueryAsync("query($uri: String!) { occupation(uri: $uri) { optionalSkills(first: 500) { nodes { uri } } } }", new { uri = Chef })).Data();
        Assert.Contains(uri, chefSkills["occupation"]!["optionalSkills"]!["nodes"].Strings("uri"));

        var renamed = await MutateAsync(_steward, "updateConcept", new { uri, expectedVersion = 1, preferredLabel = "use a sous-vide circulator", comment = "clearer verb" });
        NoUserErrors(renamed);
        Assert.Equal(2, renamed["concept"]!["version"]!.GetValue<int>());
        var renameId = renamed["changeSet"]!["id"]!.GetValue<string>();
        var change = renamed["changeSet"]!["changes"]![0]!;
        Assert.Equal(("preferredLabel", "\"operate a sous-vide circulator\"", "\"use a sous-vide circulator\""), (change["field"]!.GetValue<string>(), change["before"]!.GetValue<string>(), change["after"]!.GetValue<string>()));

        var reverted = await _steward.QueryAsync("mutation($input: RevertChangeSetInput!) { revertChangeSet(input: $input) { " + Payload + " } }", new { input = new { id = renameId, comment = "the old name is what cooks say" } });
        var revertPayload = reverted.Data()["revertChangeSet"]!;
        NoUserErrors(revertPayload);
        Assert.Equal("operate a sous-vide circulator", revertPayload["concept"]!["preferredLabel"]!.GetValue<string>());
        Assert.Equal(3, revertPayload["concept"]!["version"]!.GetValue<int>());

        var concept = await ConceptAsync(uri);
        var history = concept["history"]!["nodes"]!.AsArray();
        Assert.Equal(["our kitchens use it", "chefs may need it", "clearer verb", "the old name is what cooks say"], history.Select(h => h!["comment"]!.GetValue<string>()));
        Assert.Equal(renameId, history[3]!["reverts"]!.GetValue<string>());
        Assert.Contains(history[0]!["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "altLabels" && c["after"]!.GetValue<string>() == "[\"sous-vide cooking\"]");

        // The search finds the new skill at once, by its alternative label too.
        var search = (await _steward.QueryAsync("{ search(text: \"sous-vide cooking\", kind: SKILL, first: 3) { uri } }")).Data();
        Assert.Equal(uri, search["search"]![0]!["uri"]!.GetValue<string>());

        // A revert is not reverted twice.
        var again = await _steward.QueryAsync("mutation($input: RevertChangeSetInput!) { revertChangeSet(input: $input) { " + Payload + " } }", new { input = new { id = renameId, comment = "again" } });
        Assert.Equal("CONFLICT", Code(again.Data()["revertChangeSet"]!));
    }

    [Fact]
    public async Task An_analyst_is_refused_a_mutation_with_FORBIDDEN_and_no_key_gets_401()
    {
        using var analyst = _server.Client(Role.Analyst);
        var refused = await analyst.QueryAsync("mutation { createConcept(input: { kind: SKILL, preferredLabel: \"x-ray welding\", comment: \"c\" }) { concept { uri } } }");
        Assert.Equal("FORBIDDEN", refused.FirstErrorCode());
        Assert.Null(refused["data"]?["createConcept"]);

        using var anonymous = _server.Client(null);
        var response = await anonymous.PostAsJsonAsync("/graphql", new { query = "mutation { createConcept(input: { kind: SKILL, preferredLabel: \"x-ray welding\", comment: \"c\" }) { concept { uri } } }" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var reviewer = _server.Client(Role.Reviewer);
        Assert.Equal("FORBIDDEN", (await reviewer.QueryAsync("mutation { createConcept(input: { kind: SKILL, preferredLabel: \"x-ray welding\", comment: \"c\" }) { concept { uri } } }")).FirstErrorCode());

        // Analysts read the change log.
        Assert.NotNull((await analyst.QueryAsync("{ changes(first: 5) { totalCount } }")).Data()["changes"]);
    }

    [Fact]
    public async Task Sixteen_concurrent_writers_on_one_concept_get_exactly_one_success_per_version()
    {
        var created = await MutateAsync(_steward, "createConcept", new { kind = "SKILL", preferredLabel = "calibrate a combi oven", comment = "for the race" });
        var uri = created["concept"]!["uri"]!.GetValue<string>();
        var successes = new List<int>();
        var conflicts = 0;
        for (var round = 0; round < 3; round++)
        {
            var version = (await ConceptAsync(uri))["version"]!.GetValue<int>();
            var writers = Enumerable.Range(0, 16).Select(async i =>
            {
                using var client = _server.Client(Role.Steward);
                return await MutateAsync(client, "updateConcept", new { uri, expectedVersion = version, description = $"round {round}, writer {i}", comment = $"writer {i}" });
            }).ToList();
            var payloads = await Task.WhenAll(writers);
            var won = payloads.Where(p => p["userErrors"]!.AsArray().Count == 0).ToList();
            Assert.Single(won);
            successes.Add(won[0]["concept"]!["version"]!.GetValue<int>());
            Assert.All(payloads.Where(p => p["userErrors"]!.AsArray().Count > 0), p => Assert.Equal("CONFLICT", Code(p)));
            conflicts += payloads.Length - 1;
            var stored = await ConceptAsync(uri);
            Assert.Equal(version + 1, stored["version"]!.GetValue<int>());
            // No lost update: the stored description is the winner's, and the log holds exactly the winner's change.
            Assert.Equal(won[0]["changeSet"]!["comment"]!.GetValue<string>(), stored["history"]!["nodes"]!.AsArray()[^1]!["comment"]!.GetValue<string>());
        }

        Assert.Equal([2, 3, 4], successes);
        Assert.Equal(45, conflicts);
        Assert.Equal(4, (await ConceptAsync(uri))["history"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_broader_cycle_is_refused_and_nothing_is_written()
    {
        // Java (computer programming) is narrower than "computer programming"; making the broader one narrower than Java closes a cycle.
        var javaBroader = (await _steward.QueryAsync("query($uri: String!) { skill(uri: $uri) { broader(first: 5) { nodes { uri } } } }", new { uri = Java })).Data()["skill"]!["broader"]!["nodes"].Strings("uri");
        var above = javaBroader.First(u => u.Contains("/skill/", StringComparison.Ordinal));
        var before = await ConceptAsync(above);
        var changesBefore = (await _steward.QueryAsync("{ changes(first: 0) { totalCount } }")).Data()["changes"]!["totalCount"]!.GetValue<int>();

        var refused = await RelationAsync(_steward, "addRelation", new { type = "BROADER", from = above, to = Java, comment = "loop" });
        Assert.Equal("BROADER_CYCLE", Code(refused));
        Assert.Contains("cycle", refused["userErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(refused["changeSet"]);

        var after = await ConceptAsync(above);
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(changesBefore, (await _steward.QueryAsync("{ changes(first: 0) { totalCount } }")).Data()["changes"]!["totalCount"]!.GetValue<int>());
        var aboveBroader = (await _steward.QueryAsync("query($uri: String!) { skill(uri: $uri) { broader(first: 5) { nodes { uri } } } }", new { uri = above })).Data()["skill"]!["broader"]!["nodes"].Strings("uri");
        Assert.DoesNotContain(Java, aboveBroader);
    }

    [Fact]
    public async Task Every_integrity_rule_is_a_user_error_that_names_the_rule_and_writes_nothing()
    {
        var created = await MutateAsync(_steward, "createConcept", new { kind = "OCCUPATION", preferredLabel = "sous-chef de partie", comment = "new role" });
        var occupation = created["concept"]!["uri"]!.GetValue<string>();

        Assert.Equal("DUPLICATE_LABEL", Code(await MutateAsync(_steward, "createConcept", new { kind = "OCCUPATION", preferredLabel = "chef", comment = "again" })));
        var duplicateAllowed = await MutateAsync(_steward, "createConcept", new { kind = "OCCUPATION", preferredLabel = "Chef", comment = "a chef of ours", allowDuplicateLabel = true });
        NoUserErrors(duplicateAllowed);
        Assert.Contains(duplicateAllowed["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains(Chef, StringComparison.Ordinal));

        Assert.Equal("MISSING_CONCEPT", Code(await RelationAsync(_steward, "addRelation", new { type = "ESSENTIAL", from = occupation, to = "http://data.europa.eu/esco/skill/nope", comment = "c" })));
        Assert.Equal("WRONG_KIND", Code(await RelationAsync(_steward, "addRelation", new { type = "ESSENTIAL", from = Java, to = occupation, comment = "c" })));

        NoUserErrors(await RelationAsync(_steward, "addRelation", new { type = "ESSENTIAL", from = occupation, to = Java, comment = "they code" }));
        Assert.Equal("RELATION", Code(await RelationAsync(_steward, "addRelation", new { type = "ESSENTIAL", from = occupation, to = Java, comment = "twice" })));
        Assert.Equal("LAST_ESSENTIAL_SKILL", Code(await RelationAsync(_steward, "removeRelation", new { type = "ESSENTIAL", from = occupation, to = Java, comment = "c" })));

        var skill = await MutateAsync(_steward, "createConcept", new { kind = "SKILL", preferredLabel = "plate tasting menus", comment = "c" });
        var skillUri = skill["concept"]!["uri"]!.GetValue<string>();
        NoUserErrors(await MutateAsync(_steward, "deprecateConcept", new { uri = skillUri, expectedVersion = 1, comment = "merged into plating", replacedBy = (string?)null }));
        Assert.Equal("DEPRECATED_CONCEPT", Code(await RelationAsync(_steward, "addRelation", new { type = "OPTIONAL", from = occupation, to = skillUri, comment = "c" })));

        var stale = await MutateAsync(_steward, "updateConcept", new { uri = occupation, expectedVersion = 1, description = "late", comment = "c" });
        Assert.Equal("CONFLICT", Code(stale));
        Assert.Equal("expectedVersion", stale["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Contains("version 2", stale["userErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var blank = await MutateAsync(_steward, "updateConcept", new { uri = occupation, expectedVersion = 2, description = "d", comment = " " });
        Assert.Equal("BAD_INPUT", Code(blank));
        Assert.Equal("comment", blank["userErrors"]![0]!["field"]!.GetValue<string>());

        var history = (await ConceptAsync(occupation))["history"]!["nodes"]!.AsArray();
        Assert.Equal(["new role", "they code"], history.Select(h => h!["comment"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Merging_moves_relations_and_labels_to_the_survivor_and_the_old_uri_answers_with_the_survivor_and_says_so()
    {
        var survivor = (await MutateAsync(_steward, "createConcept", new { kind = "SKILL", preferredLabel = "run a pass in a kitchen", comment = "c" }))["concept"]!["uri"]!.GetValue<string>();
        var duplicate = (await MutateAsync(_steward, "createConcept", new { kind = "SKILL", preferredLabel = "expedite kitchen orders", altLabels = new[] { "kitchen expediting" }, comment = "c" }))["concept"]!["uri"]!.GetValue<string>();
        var occupation = (await MutateAsync(_steward, "createConcept", new { kind = "OCCUPATION", preferredLabel = "kitchen expeditor", comment = "c" }))["concept"]!["uri"]!.GetValue<string>();
        NoUserErrors(await RelationAsync(_steward, "addRelation", new { type = "ESSENTIAL", from = occupation, to = duplicate, comment = "c" }));
        NoUserErrors(await RelationAsync(_steward, "addRelation", new { type = "OPTIONAL", from = Chef, to = duplicate, comment = "c" }));

        Assert.Equal("WRONG_KIND", Code(await MutateAsync(_steward, "mergeConcepts", new { survivor, survivorVersion = 1, duplicate = occupation, duplicateVersion = 2, comment = "no" })));
        Assert.Equal("CONFLICT", Code(await MutateAsync(_steward, "mergeConcepts", new { survivor, survivorVersion = 5, duplicate, duplicateVersion = 1, comment = "stale" })));

        // A relation to the duplicate changed its source (the occupations), not the duplicate: it is still at version 1.
        var merged = await MutateAsync(_steward, "mergeConcepts", new { survivor, survivorVersion = 1, duplicate, duplicateVersion = 1, comment = "same skill" });
        NoUserErrors(merged);
        Assert.Equal(survivor, merged["concept"]!["uri"]!.GetValue<string>());
        Assert.Equal(["expedite kitchen orders", "kitchen expediting"], merged["concept"]!["altLabels"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal));

        var essential = (await _steward.QueryAsync("query($uri: String!) { occupation(uri: $uri) { essentialSkills(first: 10) { nodes { uri } } } }", new { uri = occupation })).Data()["occupation"]!["essentialSkills"]!["nodes"].Strings("uri");
        Assert.Equal([survivor], essential);
        var chefOptional = (await _steward.QueryAsync("query($uri: String!) { occupation(uri: $uri) { optionalSkills(first: 500) { nodes { uri } } } }", new { uri = Chef })).Data()["occupation"]!["optionalSkills"]!["nodes"].Strings("uri");
        Assert.Contains(survivor, chefOptional);
        Assert.DoesNotContain(duplicate, chefOptional);

        // The old URI answers with the survivor and says so.
        var redirected = await _steward.QueryAsync("query($uri: String!) { skill(uri: $uri) { uri preferredLabel } }", new { uri = duplicate });
        Assert.Equal(survivor, redirected.Data()["skill"]!["uri"]!.GetValue<string>());
        var redirect = redirected["extensions"]!["redirects"]![0]!;
        Assert.Equal((duplicate, survivor, "skill"), (redirect["from"]!.GetValue<string>(), redirect["to"]!.GetValue<string>(), redirect["path"]!.GetValue<string>()));
        var history = (await _steward.QueryAsync("query($uri: String!) { changes(conceptUri: $uri, first: 10) { nodes { comment changes { conceptUri field after } } } }", new { uri = duplicate })).Data()["changes"]!["nodes"]!.AsArray();
        Assert.Equal("same skill", history[^1]!["comment"]!.GetValue<string>());
        Assert.Contains(history[^1]!["changes"]!.AsArray(), c => c!["conceptUri"]!.GetValue<string>() == duplicate && c["field"]!.GetValue<string>() == "replacedBy" && c["after"]!.GetValue<string>() == $"\"{survivor}\"");
    }
}
