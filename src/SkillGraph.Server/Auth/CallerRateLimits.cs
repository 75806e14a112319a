using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SkillGraph.Domain;
using SkillGraph.Server.Http;

namespace SkillGraph.Server.Auth;

/// <summary>
/// Rate limits per caller with ASP.NET Core's rate limiter (fixed windows, no queue): every GraphQL request counts
/// against <see cref="RateLimitOptions.PermitsPerWindow"/> (the policy on <c>/graphql</c>), and every teacher field in it
/// against the lower <see cref="RateLimitOptions.TeacherPermitsPerWindow"/> (<see cref="TryTakeTeacherCalls"/>, asked by
/// the GraphQL authorization rule once the fields are known). A refusal is 429 with <c>Retry-After</c>.
/// </summary>
public sealed class CallerRateLimits : IDisposable
{
    public const string Policy = "per-caller";

    private readonly PartitionedRateLimiter<string> _teacher;

    public CallerRateLimits(IOptions<AuthOptions> options)
    {
        var limits = options.Value.RateLimits;
        _teacher = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetFixedWindowLimiter(caller, _ => Window(limits.TeacherPermitsPerWindow, limits.Window)));
    }

    /// <summary>The partition of a request: a key or token by its scheme and name, an anonymous caller by its IP address; null: not limited (Development's anonymous callers).</summary>
    public static string? PartitionOf(HttpContext http, CallerRights rights)
    {
        if (http.User.Identity is { IsAuthenticated: true } identity)
        {
            return $"{identity.AuthenticationType}:{identity.Name}";
        }

        return rights.AnonymousRole is null ? $"ip:{http.Connection.RemoteIpAddress}" : null;
    }

    /// <summary>Takes <paramref name="count"/> teacher calls from the caller's window; false (and when to retry) when it has fewer left.</summary>
    public bool TryTakeTeacherCalls(HttpContext http, int count, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (PartitionOf(http, http.RequestServices.GetRequiredService<CallerRights>()) is not { } partition)
        {
            return true;
        }

        using var lease = _teacher.AttemptAcquire(partition, count);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _teacher.Dispose();

    /// <summary>Registers the limiter and the per-caller policy of <c>/graphql</c>.</summary>
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddSingleton<CallerRateLimits>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RateLimits;
                return PartitionOf(http, http.RequestServices.GetRequiredService<CallerRights>()) is { } partition
                    ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(limits.PermitsPerWindow, limits.Window))
                    : RateLimitPartition.GetNoLimiter("unlimited");
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var limits = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RateLimits;
                var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : limits.Window;
                SetRetryAfter(http, after);
                await http.RequestServices.GetRequiredService<GraphQLEndpoint>().RefuseAsync(http, StatusCodes.Status429TooManyRequests, ErrorCode.Limit,
                    $"the caller sent more than {limits.PermitsPerWindow} requests in {limits.Window} (limit Auth:RateLimits:PermitsPerWindow); retry after {Seconds(after)} s.").ConfigureAwait(false);
            };
        });
        return services;
    }

    public static void SetRetryAfter(HttpContext http, TimeSpan after) => http.Response.Headers.RetryAfter = Seconds(after).ToString(CultureInfo.InvariantCulture);

    public static int Seconds(TimeSpan after) => Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
