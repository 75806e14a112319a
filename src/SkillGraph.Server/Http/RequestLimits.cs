using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SkillGraph.Domain;

namespace SkillGraph.Server.Http;

/// <summary>
/// The size and time limits of every endpoint, not only of GraphQL (docs/security.md): a body announced larger than
/// <see cref="GraphQLLimits.MaxRequestBytes"/> is refused with 413 before any endpoint runs, no endpoint reads more than that of
/// any body (Kestrel discards the rest of a refused body, up to <see cref="DrainFactor"/> times the limit), and every request is cancelled and answered 504 when it runs past <see cref="GraphQLLimits.RequestTimeout"/>
/// plus <see cref="Grace"/> (GraphQL execution stops at the limit itself and names it; the grace covers reading the body and
/// writing the answer). Both refusals are GraphQL errors with code <c>LIMIT</c> that name the limit.
/// </summary>
public static class RequestLimits
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>How much of a refused body Kestrel reads and discards (a multiple of maxRequestBytes: 1 MiB by default).</summary>
    public const int DrainFactor = 4;

    public static IServiceCollection AddSkillGraphRequestLimits(this IServiceCollection services)
    {
        // No endpoint reads more than maxRequestBytes + 1 (GraphQLEndpoint reads one byte past the limit to tell "at" from
        // "over"); Kestrel reads the rest of a refused body, up to DrainFactor × the limit, and throws it away, so that the
        // client, still sending, receives the 413 and may reuse the connection. A larger body gets the 413 and the connection closed.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GraphQLLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = DrainFactor * (long)limits.Value.MaxRequestBytes);
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<GraphQLLimits>>((timeouts, limits) => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = limits.Value.RequestTimeout + Grace,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = http =>
            {
                // The body may be half read: close the connection rather than have Kestrel drain a body that stalled.
                http.Response.Headers.Connection = "close";
                return http.RequestServices.GetRequiredService<GraphQLEndpoint>().RefuseAsync(
                http, StatusCodes.Status504GatewayTimeout, ErrorCode.Limit, $"the request ran longer than the limit requestTimeout = {limits.Value.RequestTimeout.TotalSeconds:0.###} s (plus {Grace.TotalSeconds:0} s to read and write it).",
                    CancellationToken.None); // the request's own token is the one the limit cancelled
            },
        });
        return services;
    }

    /// <summary>The body-size refusal, then the time limit; after routing, before authentication.</summary>
    public static WebApplication UseSkillGraphRequestLimits(this WebApplication app)
    {
        var max = app.Services.GetRequiredService<IOptions<GraphQLLimits>>().Value.MaxRequestBytes;
        app.Use((http, next) =>
        {
            if (!(http.Request.ContentLength > max))
            {
                return next(http);
            }

            if (http.Request.ContentLength > DrainFactor * (long)max)
            {
                http.Response.Headers.Connection = "close"; // Kestrel will not read that much: the client must not reuse the connection
            }

            return http.RequestServices.GetRequiredService<GraphQLEndpoint>().RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, ErrorCode.Limit, GraphQLEndpoint.TooLargeMessage(max));
        });
        app.UseRequestTimeouts();
        return app;
    }
}
