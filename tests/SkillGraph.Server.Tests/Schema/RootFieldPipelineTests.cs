using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Behaviors;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
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
/// Every root field of the served schema, through real HTTP on the full ESCO store. A field backed by a use case must
/// reach its handler through the Mediator pipeline: the telemetry behaviour starts an activity named for the request
/// on "SkillGraph.Application" within the HTTP request's trace, and the answer has no errors. A field that is a plain
/// read of the store is listed with its reason, and must send no Mediator request. The root fields come from the
/// served schema (introspection), so a new root field fails until it is put in one of the two lists.
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

    /// <summary>The root fields backed by a use case: a small valid query, and the Mediator request it must send.</summary>
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
    };

    /// <summary>The root fields that read the store directly, with no use case behind them: a small valid query, and why.</summary>
    private static readonly Dictionary<string, (string Query, string Why)> StoreReads = new(StringComparer.Ordinal)
    {
        ["occupation"] = ($$"""{ occupation(uri: "{{Developer}}") { preferredLabel } }""", "a look-up by URI through the concept DataLoader"),
        ["skill"] = ($$"""{ skill(uri: "{{Java}}") { preferredLabel } }""", "a look-up by URI through the concept DataLoader"),
        ["skillGroup"] = ($$"""{ skillGroup(uri: "{{WorkingWithComputers}}") { preferredLabel } }""", "a look-up by URI through the concept DataLoader"),
        ["iscoGroup"] = ("""{ iscoGroup(code: "2512") { preferredLabel } }""", "a look-up by URI through the concept DataLoader, or by code through IGraphStore.ListConceptsAsync"),
        ["node"] = ($$"""{ node(id: "{{NodeId.Encode(ConceptUri.Parse(Developer))}}") { id } }""", "a global id decoded to a URI, then the concept DataLoader"),
        ["nodes"] = ($$"""{ nodes(ids: ["{{NodeId.Encode(ConceptUri.Parse(Java))}}", "{{NodeId.Encode(ConceptUri.Parse(SoftwareDevelopers))}}"]) { id } }""", "global ids decoded to URIs, then the concept DataLoader"),
        ["occupations"] = ("""{ occupations(filter: { iscoGroup: "2512" }, first: 3) { totalCount } }""", "a filtered page straight from IGraphStore.ListConceptsAsync"),
        ["skills"] = ("""{ skills(filter: { labelContains: "java" }, first: 3) { totalCount } }""", "a filtered page straight from IGraphStore.ListConceptsAsync"),
        ["search"] = ("""{ search(text: "software developer", first: 3) { uri } }""", "label search straight from IGraphStore.SearchAsync"),
    };

    private readonly ActivityRecorder _activities = new();

    [Fact]
    public async Task EveryRootFieldOfTheServedSchemaIsMappedToItsRequestOrListedAsAStoreRead()
    {
        var served = await ServedRootFieldsAsync();

        var unmapped = served.Where(f => !ThroughHandlers.ContainsKey(f) && !StoreReads.ContainsKey(f)).ToList();
        var stale = ThroughHandlers.Keys.Concat(StoreReads.Keys).Where(f => !served.Contains(f)).ToList();
        Assert.True(unmapped.Count == 0, $"root fields in neither list (map each to its Mediator request, or list it as a store read with the reason): {string.Join(", ", unmapped)}");
        Assert.True(stale.Count == 0, $"listed but not served: {string.Join(", ", stale)}");
        Assert.Empty(ThroughHandlers.Keys.Intersect(StoreReads.Keys));
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

    [Fact]
    public async Task EveryStoreReadFieldAnswersWithoutAMediatorRequest()
    {
        var failures = new List<string>();
        foreach (var field in (await ServedRootFieldsAsync()).Where(StoreReads.ContainsKey))
        {
            var (query, why) = StoreReads[field];
            var (answer, activities) = await QueryInItsOwnTraceAsync(query);
            var requests = activities.Where(a => a.Source == ApplicationTelemetry.Name).Select(a => a.Name).ToList();
            output.WriteLine($"{field}: {why}; Mediator requests: {requests.Count}");
            if (answer["errors"] is JsonArray errors || answer["data"]?[field] is null)
            {
                failures.Add($"{field}: no answer: {answer.ToJsonString()}");
            }
            else if (!activities.Any(a => a.Source == ActivityRecorder.AspNetCore))
            {
                failures.Add($"{field}: the HTTP request's own activity was not recorded, so the absence of Mediator requests proves nothing");
            }
            else if (requests.Count > 0)
            {
                failures.Add($"{field}: now sends {string.Join(", ", requests)}: move it from the store reads to the use-case fields");
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
        using var response = await esco.Client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (answer, _activities.Of(trace));
    }
}
