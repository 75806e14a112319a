using Microsoft.Extensions.Options;
using SkillGraph.Application.Features.Curation;

namespace SkillGraph.Server;

/// <summary>Polls the change log every <c>Curation:FollowChangesEvery</c> for what other servers changed (<see cref="ChangeLogFollower"/>); off when zero.</summary>
internal sealed partial class ChangeLogFollowing(ChangeLogFollower follower, IOptions<CurationOptions> options, ILogger<ChangeLogFollowing> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.FollowChangesEvery;
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await follower.PollAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(logger, ex); // the store may be away for a moment; the next tick tries again
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change log for other servers' changes failed; trying again at the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
