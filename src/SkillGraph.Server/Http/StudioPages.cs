namespace SkillGraph.Server.Http;

/// <summary>
/// SkillGraph Studio (src/SkillGraph.Studio, bundled into wwwroot/studio by the build): its one page at <c>/</c> and at each
/// of its routes, so a deep link (<c>/concept?uri=…</c>) survives a reload. The page only talks to <c>POST /graphql</c>.
/// </summary>
public static class StudioPages
{
    /// <summary>The studio's routes (src/SkillGraph.Studio/src/router.ts names the same).</summary>
    public static readonly string[] Routes = ["/", "/concept", "/gap", "/students", "/review"];

    public static void MapStudio(this WebApplication app)
    {
        foreach (var route in Routes)
        {
            app.MapGet(route, (HttpContext http, IWebHostEnvironment environment) =>
            {
                var page = environment.WebRootFileProvider.GetFileInfo("studio/index.html");
                if (!page.Exists)
                {
                    return Results.Text("SkillGraph Studio is not built: run `dotnet build src/SkillGraph.Server` (it needs node and npm). GraphiQL is at /graphql.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
                }

                http.Response.Headers.CacheControl = "no-cache";
                return Results.File(page.CreateReadStream(), "text/html; charset=utf-8");
            });
        }
    }
}
