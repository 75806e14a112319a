using GraphQL;
using Microsoft.Extensions.Options;
using SkillGraph.Application;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Server;
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

// The embedded store, opened once: --db, else SKILLGRAPH_DB, else Graph:Embedded:Path, else data/skillgraph.db (an empty store seeds the sample graph).
builder.Services.AddOptions<EmbeddedStoreOptions>()
    .BindConfiguration(EmbeddedStoreOptions.Section)
    .PostConfigure<IConfiguration>((options, configuration) =>
        options.Path = EmbeddedStoreOptions.ResolvePath(configuration["db"], configuration[EmbeddedStoreOptions.PathVariable] ?? options.Path))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(services => SqliteGraphStore.OpenAsync(services.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value).GetAwaiter().GetResult());
builder.Services.AddSingleton<IGraphStore>(services => services.GetRequiredService<SqliteGraphStore>());

// The student: section Student (Student:BatchAcrossRequests, Student:ModelPath, …); its label vectors cached beside the store.
builder.Services.AddOptions<StudentOptions>()
    .BindConfiguration(StudentOptions.Section)
    .PostConfigure<IOptions<EmbeddedStoreOptions>>((options, store) =>
        options.CacheDirectory = string.IsNullOrWhiteSpace(options.CacheDirectory) ? store.Value.CacheDirectory : options.CacheDirectory)
    .ValidateDataAnnotations()
    .ValidateOnStart();

builder.Services.AddSkillGraphApplication();
// The teacher: section Teacher (e.g. Teacher__Provider=openai), its gaps filled from the documented variables
// (OPENAI_API_KEY, AZURE_OPENAI_*, SKILLGRAPH_TEACHER_*), checked at start.
builder.Configuration.AddInMemoryCollection(TeacherConfiguration.FromDocumentedVariables(builder.Configuration));
builder.Services.AddOptions<TeacherProviderOptions>().BindConfiguration(TeacherProviderOptions.Section).ValidateOnStart();
builder.Services.AddSkillGraphTeacher();
builder.Services.AddSkillGraphStudent();
builder.Services.AddSkillGraphSchema();
builder.Services.AddSkillGraphTelemetry(builder.Configuration);
builder.Services.AddSingleton<GraphQLRunner>();
builder.Services.AddSingleton<GraphQLEndpoint>();

var app = builder.Build();

var store = app.Services.GetRequiredService<IGraphStore>();
var counts = await store.CountAsync().ConfigureAwait(false);
app.Logger.LogInformation("Graph store {Path}: {Occupations} occupations, {Skills} skills", app.Services.GetRequiredService<SqliteGraphStore>().FilePath, counts.Occupations, counts.Skills);

app.UseStaticFiles();
app.MapGet("/healthz", () => "ok");
app.MapPost("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.PostAsync(http));
app.MapGet("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.GetAsync(http));
var sdl = app.Services.GetRequiredService<GraphQL.Types.ISchema>().Print();
app.MapGet("/graphql/sdl", () => Results.Text(sdl, "text/plain; charset=utf-8"));

await app.RunAsync().ConfigureAwait(false);

/// <summary>The server's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
