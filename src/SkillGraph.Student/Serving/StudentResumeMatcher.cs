using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Graph;
using SkillGraph.Student.Matching;

namespace SkillGraph.Student.Serving;

/// <summary>
/// The student's <see cref="IResumeMatcher"/> for a long-running host: loaded once, in the background, when first asked
/// for (the extractor from <see cref="StudentSkillExtractor"/>, the skill hierarchy from the store, the match head), then
/// shared by every request; until then requests get <c>STUDENT_LOADING</c>.
/// </summary>
public sealed partial class StudentResumeMatcher(StudentSkillExtractor student, IGraphStore store, IOptions<StudentOptions> options, ILogger<StudentResumeMatcher> logger)
    : IResumeMatcher, IDisposable
{
    private readonly BackgroundLoad<ResumeMatcher> _matcher = new(() => LoadAsync(student, store, options.Value, logger), "student matcher");

    /// <summary>Starts loading if nothing has asked before; completes when the matcher is ready.</summary>
    public Task WhenReady => _matcher.WhenReady;

    public ValueTask<ResumeMatch> MatchAsync(string jobDescription, string resume, CancellationToken cancellationToken = default) =>
        _matcher.Get().MatchAsync(jobDescription, resume, cancellationToken);

    public void Dispose() => _matcher.Dispose();

    private static async Task<ResumeMatcher> LoadAsync(StudentSkillExtractor student, IGraphStore store, StudentOptions options, ILogger logger)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var facts = await SkillFacts.LoadAsync(store).ConfigureAwait(false);
            await student.WhenReady.ConfigureAwait(false);
            var matcher = ResumeMatcher.Open(student.Get().Extractor, facts, string.IsNullOrEmpty(options.MatcherPath) ? null : options.MatcherPath);
            LogReady(logger, matcher.Version, started.Elapsed.TotalSeconds);
            return matcher;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Student matcher {Version} ready after {Seconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string version, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The student matcher could not be loaded")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
