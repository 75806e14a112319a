using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Authorization;
using SkillGraph.Student.Serving;
using Xunit.Abstractions;

namespace SkillGraph.Server.Tests.Curation;

/// <summary>
/// The student follows the graph, through real HTTP over a copy of the full ESCO store: a skill a steward creates is
/// extractable by its alternative label as soon as the mutation answers, a new preferred label as soon as it is renamed,
/// and a deprecated skill is no longer extracted — each change embedding only the labels it added.
/// </summary>
[Collection(EscoCollection.Name)]
public sealed class StudentFollowsCurationTests(EscoServerFixture esco, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Payload = "concept { uri version preferredLabel status } userErrors { field message code }";

    private CurationServer _server = null!;
    private HttpClient _steward = null!;
    private HttpClient _app = null!;
    private StudentSkillExtractor _student = null!;

    public async Task InitializeAsync()
    {
        _server = await CurationServer.StartAsync(esco, withStudent: true);
        _steward = _server.Client(Role.Steward);
        _app = _server.Client(Role.App);
        _student = _server.Factory.Services.GetRequiredService<StudentSkillExtractor>();
        await _student.WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
    }

    public async Task DisposeAsync()
    {
        _steward.Dispose();
        _app.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_created_skill_is_extracted_by_its_alternative_label_a_new_label_once_renamed_and_not_at_all_once_deprecated()
    {
        const string cooking = "Experience with sous-vide cooking is a plus.";
        var times = new List<TimeSpan>();

        var created = await MutateAsync("createConcept", new { kind = "SKILL", preferredLabel = "operate a sous-vide circulator", altLabels = new[] { "sous-vide cooking" }, comment = "our kitchens use it" });
        var uri = created["concept"]!["uri"]!.GetValue<string>();
        Assert.Equal((1, 0, 2), Followed(times)); // one skill, its preferred and its alternative label
        // among the first three: the graph re-ranking (β 0.1, decision 0022) raises "use cooking techniques", which the
        // cooking occupations require, while a skill created a moment ago is required by no occupation yet
        Assert.Contains(uri, (await ExtractAsync(cooking)).Take(3));

        var renamed = await MutateAsync("updateConcept", new { uri, expectedVersion = 1, preferredLabel = "calibrate a thermal immersion bath", comment = "what the lab calls it" });
        Assert.Equal(2, renamed["concept"]!["version"]!.GetValue<int>());
        Assert.Equal((1, 0, 1), Followed(times)); // only the new preferred label
        var lab = await ExtractWithLabelsAsync("Technicians calibrate a thermal immersion bath before each run.");
        Assert.Equal("calibrate a thermal immersion bath", lab.GetValueOrDefault(uri));
        Assert.Contains(uri, await ExtractAsync(cooking)); // the alternative label it kept

        for (var version = 2; version < 6; version++)
        {
            await MutateAsync("updateConcept", new { uri, expectedVersion = version, altLabels = new[] { "sous-vide cooking", "water-bath cooking " + version.ToString(CultureInfo.InvariantCulture) }, comment = "one more name" });
            Assert.Equal((1, 0, 1), Followed(times));
        }

        await MutateAsync("deprecateConcept", new { uri, expectedVersion = 6, comment = "we stopped", replacedBy = (string?)null });
        Assert.Equal((0, 1, 0), Followed(times));
        Assert.DoesNotContain(uri, await ExtractAsync(cooking));
        Assert.DoesNotContain(uri, (await ExtractWithLabelsAsync("Technicians calibrate a thermal immersion bath before each run.")).Keys);

        var sorted = times.Order().ToList();
        output.WriteLine($"student follow times (ms): {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))}; median {sorted[sorted.Count / 2].TotalMilliseconds:0} ms");
    }

    private (int Changed, int Removed, int Labels) Followed(List<TimeSpan> times)
    {
        var follow = _student.LastFollow!;
        times.Add(follow.Elapsed);
        return (follow.Changed, follow.Removed, follow.LabelsEmbedded);
    }

    private async Task<JsonNode> MutateAsync(string mutation, object input)
    {
        var answer = await _steward.QueryAsync($"mutation($input: {char.ToUpperInvariant(mutation[0])}{mutation[1..]}Input!) {{ {mutation}(input: $input) {{ {Payload} }} }}", new { input });
        var payload = answer.Data()[mutation]!;
        Assert.True(payload["userErrors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload;
    }

    private async Task<List<string>> ExtractAsync(string text) => [.. (await ExtractWithLabelsAsync(text)).Keys];

    private async Task<Dictionary<string, string>> ExtractWithLabelsAsync(string text)
    {
        var answer = await _app.QueryAsync("query($text: String!) { extractSkills(text: $text, first: 5) { skills { uri label } } }", new { text });
        return answer.Data()["extractSkills"]!["skills"]!.AsArray().ToDictionary(s => s!["uri"]!.GetValue<string>(), s => s!["label"]!.GetValue<string>());
    }
}
