using System.Diagnostics;
using SkillGraph.Graph;
using SkillGraph.Student.Matching;

namespace SkillGraph.Server.Student;

/// <summary>
/// Loads the student matcher once, in the background, when it is first asked for: the extractor from
/// <see cref="StudentService"/>, the skill hierarchy from the store, and the match head (ONNX). Serves it to every request.
/// </summary>
public sealed partial class MatcherService(StudentService student, IGraphStore store, ILogger<MatcherService> logger) : IDisposable
{
    private readonly BackgroundLoad<ResumeMatcher> _matcher = new(() => LoadAsync(student, store, logger), "student matcher");

    /// <summary>Starts loading if nothing has asked before; completes when the matcher is ready.</summary>
    public Task WhenReady => _matcher.WhenReady;

    /// <summary>The matcher, or an error saying it is loading (it starts now if nobody asked before) or why it failed.</summary>
    public ResumeMatcher Get() => _matcher.Get();

    public void Dispose() => _matcher.Dispose();

    private static async Task<ResumeMatcher> LoadAsync(StudentService student, IGraphStore store, ILogger logger)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var facts = await SkillFacts.LoadAsync(store).ConfigureAwait(false);
            await student.WhenReady.ConfigureAwait(false);
            var matcher = ResumeMatcher.Open(student.Get().Extractor, facts);
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
