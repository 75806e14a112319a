using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Behaviors;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Concepts.GetConcepts;
using SkillGraph.Application.Features.Concepts.ListConcepts;
using SkillGraph.Application.Features.Concepts.SearchConcepts;
using SkillGraph.Application.Features.Curation.GetChangeSet;
using SkillGraph.Application.Features.Curation.GetChangeSets;
using SkillGraph.Application.Features.Curation.GetProposal;
using SkillGraph.Application.Features.Curation.GetProposals;
using SkillGraph.Application.Features.Keys.GetViewer;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Domain;
using SkillGraph.Server.GraphQL.Nodes;
using SkillGraph.Student.Serving;
using Xunit.Abstractions;

namespace SkillGraph.Server.Tests.Schema;

/// <summary>
/// Every root field of the served schema, through real HTTP on the full ESCO store, reaches its handler through the
/// Mediator pipeline: the telemetry behaviour starts an activity named for the request on "SkillGraph.Application"
/// within the HTTP request's trace, and the answer has no errors (plain reads too: the DataLoaders batch into
/// GetConcepts / GetNeighbours requests, lists and search are ListConcepts / SearchConcepts). The root fields come from
/// the served schema (introspection), so a new root field fails until it is mapped to its request. Sent with a steward's
/// key, which may use every root field.
/// </summary>
[Collection(EscoCollection.Name)]
public sealed class RootFieldPipelineTests(EscoServerFixture esco, ITestOutputHelper output) : IDisposable
{
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";
    private const string SoftwareDevelopers = "http://data.europa.eu/esco/isco/C2512";
    private const string WorkingWithComputers = "http://data.europa.eu/esco/skill/243eb885-07c7-4b77-ab9c-827551d83dc4";
    private const string JobAd = "We are looking for a backend developer with strong Java and SQL skills who writes unit tests.";
    private const string Resume = "Backend developer: five years of Java and SQL, unit tests for every change.";

    /// <summary>Every root field: a small valid query, and the Mediator request it must send.</summary>
    private static readonly Dictionary<string, (string Query, string Request)> ThroughHandlers = new(StringComparer.Ordinal)
    {
        ["occupationContext"] = ($$"""{ occupationContext(uri: "{{Developer}}", maxNodes: 10) { totalEssential } }""", nameof(GetOccupationContext)),
        ["relatedOccupations"] = ($$"""{ relatedOccupations(uri: "{{Developer}}", first: 3) { score } }""", nameof(GetRelatedOccupations)),
        ["relatedSkills"] = ($$"""{ relatedSkills(uri: "{{Java}}", first: 3) { occupationsRequiring } }""", nameof(GetRelatedSkills)),
        ["skillGap"] = ($$"""{ skillGap(occupationUri: "{{Developer}}", heldSkillUris: ["{{Java}}"]) { essentialCoverage } }""", nameof(GetSkillGap)),
        ["careerMoves"] = ($$"""{ careerMoves(from: "{{Developer}}", first: 3) { missingEssentialCount } }""", nameof(GetCareerMoves)),
        ["generateJobDescription"] = ($$"""{ generateJobDescription(occupationUri: "{{Developer}}", seed: 1) { title } }""", nameof(GenerateJobDescription)),
        ["extractSkills"] = ($$"""{ extractSkills(text: "{{JobAd}}", first: 3) { model } }""", nameof(ExtractSkills)),
        ["matchResume"] = ($$"""{ matchResume(jobDescription: "{{JobAd}}", resume: "{{Resume}}") { score } }""", nameof(MatchResume)),
        ["suggestOccupations"] = ($$"""{ suggestOccupations(text: "{{JobAd}}", first: 3) { model } }""", nameof(SuggestOccupationsForText)),
        ["occupation"] = ($$"""{ occupation(uri: "{{Developer}}") { preferredLabel } }""", nameof(GetConcepts)),
        ["skill"] = ($$"""{ skill(uri: "{{Java}}") { preferredLabel } }""", nameof(GetConcepts)),
        ["skillGroup"] = ($$"""{ skillGroup(uri: "{{WorkingWithComputers}}") { preferredLabel } }""", nameof(GetConcepts)),
        ["iscoGroup"] = ("""{ iscoGroup(code: "2512") { preferredLabel } }""", nameof(ListConcepts)),
        ["node"] = ($$"""{ node(id: "{{NodeId.Encode(ConceptUri.Parse(Developer))}}") { id } }""", nameof(GetConcepts)),
        ["nodes"] = ($$"""{ nodes(ids: ["{{NodeId.Encode(ConceptUri.Parse(Java))}}", "{{NodeId.Encode(ConceptUri.Parse(SoftwareDevelopers))}}"]) { id } }""", nameof(GetConcepts)),
        ["occupations"] = ("""{ occupations(filter: { iscoGroup: "2512" }, first: 3) { totalCount } }""", nameof(ListConcepts)),
        ["skills"] = ("""{ skills(filter: { labelContains: "java" }, first: 3) { totalCount } }""", nameof(ListConcepts)),
        ["search"] = ("""{ search(text: "software developer", first: 3) { uri } }""", nameof(SearchConcepts)),
        ["concept"] = ($$"""{ concept(uri: "{{Java}}") { preferredLabel version } }""", nameof(GetConcepts)),
        ["changes"] = ($$"""{ changes(conceptUri: "{{Java}}", first: 3) { totalCount } }""", nameof(GetChangeSets)),
        ["changeSet"] = ("""{ changeSet(id: "20261130T000000000Z-00000000") { id } }""", nameof(GetChangeSet)),
        ["proposals"] = ("""{ proposals(status: PENDING, first: 3) { totalCount } }""", nameof(GetProposals)),
        ["proposal"] = ("""{ proposal(id: "20261130T000000000Z-00000000") { id } }""", nameof(GetProposal)),
        ["viewer"] = ("""{ viewer { roles } }""", nameof(GetViewer)),
    };

    private readonly ActivityRecorder _activities = new();

    [Fact]
    public async Task EveryRootFieldOfTheServedSchemaIsMappedToItsRequest()
    {
        var served = await ServedRootFieldsAsync();

        var unmapped = served.Where(f => !ThroughHandlers.ContainsKey(f)).ToList();
        var stale = ThroughHandlers.Keys.Where(f => !served.Contains(f)).ToList();
        Assert.True(unmapped.Count == 0, $"root fields with no Mediator request mapped (map each to the request its resolver sends): {string.Join(", ", unmapped)}");
        Assert.True(stale.Count == 0, $"listed but not served: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task EveryUseCaseFieldReachesItsHandlerThroughTheMediatorPipeline()
    {
        var services = esco.Factory.Services;
        await services.GetRequiredService<StudentSkillExtractor>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
        await services.GetRequiredService<StudentResumeMatcher>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));

        var failures = new List<string>();
        foreach (var field in (await ServedRootFieldsAsync()).Where(ThroughHandlers.ContainsKey))
        {
            var (query, request) = ThroughHandlers[field];
            var (answer, activities) = await QueryInItsOwnTraceAsync(query);
            var requests = activities.Where(a => a.Source == ApplicationTelemetry.Name).Select(a => a.Name).ToList();
            output.WriteLine($"{field}: {string.Join(" → ", requests)}");
            if (answer["errors"] is JsonArray errors)
            {
                failures.Add($"{field}: answered with errors {errors.ToJsonString()}");
            }
            else if (!requests.Contains(request))
            {
                failures.Add($"{field}: no {request} activity in its trace (recorded: {string.Join(", ", activities.Select(a => $"{a.Source}/{a.Name}"))})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public void Dispose() => _activities.Dispose();

    private async Task<List<string>> ServedRootFieldsAsync()
    {
        var fields = (await esco.QueryAsync("{ __schema { queryType { fields { name } } } }")).Data()["__schema"]!["queryType"]!["fields"];
        return fields.Strings("name");
    }

    /// <summary>POSTs <paramref name="query"/> with a <c>traceparent</c> of a new trace, and returns the answer and the activities of that trace.</summary>
    private async Task<(JsonObject Answer, List<(string Source, string Name)> Activities)> QueryInItsOwnTraceAsync(string query)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await esco.StewardClient.SendAsync(request); // a steward may use every root field
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (answer, _activities.Of(trace));
    }
}
