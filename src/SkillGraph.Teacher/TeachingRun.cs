using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher;

/// <summary>Where a run stands, after each occupation is written.</summary>
public sealed record TeachProgress(
    int Done,
    int Total,
    int Written,
    int Rejected,
    int Skipped,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    string? Occupation);

/// <summary>What a run did: records written (this run), rejected and why, skipped as already done, tokens and cost.</summary>
public sealed record TeachSummary(
    int Planned,
    int Written,
    int Sentences,
    int Rejected,
    int Skipped,
    IReadOnlyDictionary<string, int> RejectedByReason,
    long InputTokens,
    long OutputTokens,
    int ModelCalls,
    int CacheHits,
    decimal Cost,
    bool StoppedByMaxCost,
    TimeSpan Elapsed,
    string OutputPath,
    string SentencesPath,
    string RejectedPath,
    string Provider,
    string Model);

/// <summary>
/// <c>skillgraph teach</c>: samples occupations, has the teacher write a record for each through Semantic Kernel,
/// validates every answer against the graph, and appends the records (fsync per occupation) in the sampled
/// order, whatever the concurrency. A rerun with the same options skips the occupations already done (a torn
/// last line is cut off first), so a crash or Ctrl-C loses nothing and duplicates nothing, and two runs with the
/// same seed write byte-identical files.
/// </summary>
public sealed class TeachingRun(IMediator mediator, IGraphStore graph, ILoggerFactory? loggerFactory = null)
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TeachingRun>();

    public async Task<TeachSummary> RunAsync(TeachOptions options, IProgress<TeachProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("teach: " + string.Join("; ", errors), nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var plan = options.OccupationUris ?? await OccupationSampler.SampleAsync(graph, options.Occupations, options.Seed, cancellationToken).ConfigureAwait(false);
        using var teacher = await TeacherKernel.CreateAsync(options.Provider, graph, options.UseCache ? options.CacheDirectoryOrDefault : null, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var records = RecordJournal.Open(options.OutputPath);
        using var sentences = RecordJournal.Open(options.SentencesPathOrDefault);
        using var rejected = RecordJournal.Open(options.RejectedPathOrDefault);

        // Recovery: an occupation is done when its record or its rejection is written (always the last line of
        // its work); sentences and notes of an occupation that was cut short are dropped and redone.
        var written = records.Lines.Select(RecordJournal.IdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(written, StringComparer.Ordinal);
        foreach (var line in rejected.Lines)
        {
            if (RecordJournal.IdOf(line) is { } id && !line.Contains($"\"task\":\"{TeachingTasks.Sentences}\"", StringComparison.Ordinal))
            {
                done.Add(id);
            }
        }

        sentences.Retain(line => RecordJournal.IdOf(line) is { } id && id.LastIndexOf("-s", StringComparison.Ordinal) is var at and > 0 && written.Contains(id[..at]));
        rejected.Retain(line => RecordJournal.IdOf(line) is { } id && done.Contains(id));

        var worker = new OccupationTeacher(mediator, teacher, options.Seed, options.MaxNodes, options.MaxAttempts, options.SentencesPerOccupation, options.CreatedAt);
        var todo = plan.Where(uri => !done.Contains(OccupationTeacher.RecordId(options.Seed, uri))).ToList();
        var skipped = plan.Count - todo.Count;
        var counts = new RunCounts();
        var stoppedByMaxCost = false;
        _logger.LogInformation("teach: {Todo} occupations to do, {Skipped} already done, teacher {Provider}/{Model}", todo.Count, skipped, teacher.Provider.ProviderName, teacher.Provider.ModelName);

        var pending = new Queue<Task<OccupationOutcome>>();
        foreach (var occupation in todo)
        {
            if (options.MaxCost is { } maxCost && teacher.Usage.Cost >= maxCost)
            {
                stoppedByMaxCost = true;
                _logger.LogWarning("teach: stopping, the run has spent {Cost} of at most {MaxCost}", teacher.Usage.Cost, maxCost);
                break;
            }

            var uri = occupation;
            pending.Enqueue(Task.Run(() => worker.TeachAsync(uri, cancellationToken), cancellationToken));
            while (pending.Count >= options.Concurrency)
            {
                Write(await pending.Dequeue().ConfigureAwait(false));
            }
        }

        while (pending.Count > 0)
        {
            Write(await pending.Dequeue().ConfigureAwait(false));
        }

        return new TeachSummary(
            plan.Count,
            counts.Written,
            counts.Sentences,
            counts.Rejected,
            skipped,
            counts.Reasons,
            teacher.Usage.InputTokens,
            teacher.Usage.OutputTokens,
            teacher.Usage.ModelCalls,
            teacher.Usage.CacheHits,
            teacher.Usage.Cost,
            stoppedByMaxCost,
            clock.Elapsed,
            Path.GetFullPath(options.OutputPath),
            Path.GetFullPath(options.SentencesPathOrDefault),
            Path.GetFullPath(options.RejectedPathOrDefault),
            teacher.Provider.ProviderName,
            teacher.Provider.ModelName);

        void Write(OccupationOutcome outcome)
        {
            // Order matters for recovery: the record (or the whole-occupation rejection) is the last line written.
            rejected.Append(outcome.Record is null ? [] : outcome.Rejections.Select(TeacherJson.Line));
            sentences.Append(outcome.Sentences.Select(TeacherJson.Line));
            if (outcome.Record is { } record)
            {
                records.Append([TeacherJson.Line(record)]);
                counts.Written++;
                counts.Sentences += outcome.Sentences.Count;
            }
            else
            {
                rejected.Append(outcome.Rejections.Select(TeacherJson.Line));
                counts.Rejected++;
            }

            foreach (var rejection in outcome.Rejections)
            {
                counts.Reasons[rejection.Reason] = counts.Reasons.GetValueOrDefault(rejection.Reason) + 1;
            }

            progress?.Report(new TeachProgress(
                skipped + counts.Written + counts.Rejected, plan.Count, counts.Written, counts.Rejected, skipped,
                teacher.Usage.InputTokens, teacher.Usage.OutputTokens, teacher.Usage.Cost, outcome.OccupationUri));
        }
    }

    private sealed class RunCounts
    {
        public int Written { get; set; }

        public int Sentences { get; set; }

        public int Rejected { get; set; }

        public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
    }
}
