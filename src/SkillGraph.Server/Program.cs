using GraphQL;
using Microsoft.Extensions.Options;
using SkillGraph.Application;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Server;
using SkillGraph.Server.Auth;
using SkillGraph.Server.GraphQL;
using SkillGraph.Server.Http;
using SkillGraph.Student.Serving;
using SkillGraph.Teacher;

// wwwroot (GraphiQL) is copied next to the assembly, so the page works from any working directory.
var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Directory.Exists(webRoot) ? webRoot : null });
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.Services.AddOptions<GraphQLLimits>().BindConfiguration(GraphQLLimits.Section).ValidateDataAnnotations().ValidateOnStart();
// What a browser and the internet may see and do (docs/security.md): GraphiQL and introspection (section GraphQL), CORS
// (section Cors, closed by default), the body and time limits of every endpoint.
builder.Services.AddSkillGraphExposure(builder.Environment);
builder.Services.AddSkillGraphCors(builder.Configuration);
builder.Services.AddSkillGraphRequestLimits();

// The graph store: Graph:Store = Embedded (default: --db, else SKILLGRAPH_DB, else Graph:Embedded:Path, else
// data/skillgraph.db; an empty store seeds the sample graph) or Neo4j (Graph:Neo4j:*, connected and checked at start).
try
{
    builder.Services.AddSkillGraphStore(builder.Configuration);
}
catch (SkillGraphException ex)
{
    await Console.Error.WriteLineAsync($"skillgraph-server: error: {ex.Message}").ConfigureAwait(false);
    return ErrorCodes.ExitCode(ex.Code);
}

// Before the student's sessions allocate: freed native memory goes back to the system (Student:ReturnFreedNativeMemory).
if (builder.Configuration.GetValue($"{StudentOptions.Section}:{nameof(StudentOptions.ReturnFreedNativeMemory)}", true))
{
    SkillGraph.Student.NativeMemoryTuning.ReturnFreedMemoryToSystem();
}

// The student: section Student (Student:BatchAcrossRequests, Student:ModelPath, …); its label vectors cached beside the store.
builder.Services.AddOptions<StudentOptions>()
    .BindConfiguration(StudentOptions.Section)
    .PostConfigure<IOptions<EmbeddedStoreOptions>>((options, store) =>
        options.CacheDirectory = string.IsNullOrWhiteSpace(options.CacheDirectory) ? store.Value.CacheDirectory : options.CacheDirectory)
    .ValidateDataAnnotations()
    .ValidateOnStart();

builder.Services.AddSkillGraphApplication();
// Curation: section Curation (Curation:UriNamespace, where the URIs of concepts stewards create live), checked at start.
builder.Services.AddOptions<SkillGraph.Application.Features.Curation.CurationOptions>()
    .BindConfiguration(SkillGraph.Application.Features.Curation.CurationOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<ChangeLogFollowing>();
// Who may do what (section Auth): API keys (X-Api-Key) and JWT bearer tokens, the caller of each request for the Mediator's
// authorization behaviour, per-caller rate limits. Without a key: the rights of app in Development, nothing elsewhere.
builder.Services.AddSkillGraphAuth();
// The teacher: section Teacher (e.g. Teacher__Provider=openai), its gaps filled from the documented variables
// (OPENAI_API_KEY, AZURE_OPENAI_*, SKILLGRAPH_TEACHER_*), checked at start.
builder.Configuration.AddInMemoryCollection(TeacherConfiguration.FromDocumentedVariables(builder.Configuration));
builder.Services.AddOptions<TeacherProviderOptions>().BindConfiguration(TeacherProviderOptions.Section).ValidateOnStart();
builder.Services.AddSkillGraphTeacher();
builder.Services.AddSkillGraphStudent();
builder.Services.AddSkillGraphSchema();
builder.Services.AddSkillGraphTelemetry(builder.Configuration);
// Diagnostics:RuntimeStatsEvery: a log line of GC counts, heap and thread-pool queue at that interval (off by default; bench/soak.sh).
builder.Services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.Section);
builder.Services.AddHostedService<RuntimeStatsLogging>();
builder.Services.AddSingleton<SkillGraph.Server.GraphQL.Authorization.AuthorizationRule>();
builder.Services.AddSingleton<GraphQLRunner>();
builder.Services.AddSingleton<GraphQLEndpoint>();
builder.Services.AddSkillGraphPageCompression();

var app = builder.Build();

// A store that cannot be reached, or settings that fail validation, stop the server at once with one line.
try
{
    // Every option checked at start, here rather than inside the host's start (which would log a stack trace first).
    app.Services.GetService<IStartupValidator>()?.Validate();
    var store = app.Services.GetRequiredService<IGraphStore>();
    var counts = await store.CountAsync().ConfigureAwait(false);
    app.Logger.LogInformation("Graph store {Store}: {Occupations} occupations, {Skills} skills", store, counts.Occupations, counts.Skills);
}
catch (Exception ex) when (ex is SkillGraphException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync($"skillgraph-server: error: {ex.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
    return ex is SkillGraphException known ? ErrorCodes.ExitCode(known.Code) : ErrorCodes.ExitCode(ErrorCode.BadInput); // a setting that fails validation is bad input
}

app.UseSkillGraphServerTiming();
app.UseSkillGraphSecurityHeaders();
app.UseSkillGraphRequestLimits();
app.UseCors(CrossOriginOptions.Policy);
app.UseSkillGraphPageCompression();
app.UseGraphiQLFiles();
app.UseStaticFiles();
app.UseSkillGraphAuth();
app.MapGet("/healthz", () => "ok");
app.MapStudio();
// The GraphiQL page is static and served to anyone; every GraphQL request is authorized by the AuthorizationRule.
app.MapPost("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.PostAsync(http)).RequireRateLimiting(CallerRateLimits.Policy);
app.MapGet("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.GetAsync(http)).RequireRateLimiting(CallerRateLimits.Policy);
var sdl = app.Services.GetRequiredService<GraphQL.Types.ISchema>().Print();
var showsSchema = app.Services.GetRequiredService<IOptions<GraphQLExposure>>().Value.ShowsSchema;
app.MapGet("/graphql/sdl", () => showsSchema ? Results.Text(sdl, "text/plain; charset=utf-8") : Results.Text(GraphQLExposure.IntrospectionOff("/graphql/sdl"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden)).RequireAuthorization(AuthRegistration.ReadPolicy).RequireRateLimiting(CallerRateLimits.Policy);

try
{
    await app.RunAsync().ConfigureAwait(false);
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"skillgraph-server: error: {ex.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
    return 2;
}

return 0;

/// <summary>The server's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
