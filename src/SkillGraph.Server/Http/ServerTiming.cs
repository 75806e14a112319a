using Microsoft.Extensions.Options;

namespace SkillGraph.Server.Http;

/// <summary>
/// With <c>Diagnostics:ServerTiming</c>, every answer carries <c>Server-Timing: app;dur=MS</c>: milliseconds from the
/// request's arrival to its answer's start, so that a client can tell the server's time from its own (bench/fuzz.sh).
/// </summary>
public static class ServerTiming
{
    public static IApplicationBuilder UseSkillGraphServerTiming(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.ServerTiming)
        {
            return app;
        }

        return app.Use((http, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            http.Response.OnStarting(() =>
            {
                var milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                http.Response.Headers["Server-Timing"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"app;dur={milliseconds:0.0}");
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
