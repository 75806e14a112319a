using SkillGraph.Domain;

namespace SkillGraph.Teacher;

/// <summary>
/// One teaching run: which occupations, where the records go, which teacher writes them. Occupations come from
/// <see cref="OccupationUris"/> when set (in that order), else <see cref="Occupations"/> are sampled, stratified
/// over the ISCO major groups, the same ones for the same <see cref="Seed"/>.
/// </summary>
public sealed record TeachOptions
{
    /// <summary>
    /// The <c>createdAt</c> of every record unless <see cref="CreatedAt"/> says otherwise. Records carry a logical
    /// run timestamp, not the wall clock, so that reruns are byte-identical (docs/decisions: teacher records).
    /// </summary>
    public static readonly DateTimeOffset DefaultCreatedAt = DateTimeOffset.UnixEpoch;

    public int Occupations { get; init; } = 10;

    public IReadOnlyList<ConceptUri>? OccupationUris { get; init; }

    /// <summary>Teacher records, one JSON a line. Sentence records go to <see cref="SentencesPathOrDefault"/>, rejections to <see cref="RejectedPathOrDefault"/>.</summary>
    public required string OutputPath { get; init; }

    public string? SentencesPath { get; init; }

    public string? RejectedPath { get; init; }

    public TeacherProviderOptions Provider { get; init; } = new();

    public int Seed { get; init; } = 7;

    /// <summary>Occupations worked on at once; records are still written in the sampled order.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Stop cleanly (no new occupation is started) once the run has spent this much (in the currency of the provider's prices).</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Where answers are cached by prompt hash; default <c>.teacher-cache</c> beside the output. Null with <see cref="UseCache"/> false: no cache.</summary>
    public string? CacheDirectory { get; init; }

    public bool UseCache { get; init; } = true;

    /// <summary>The logical timestamp written as <c>createdAt</c>; see <see cref="DefaultCreatedAt"/>. The CLI may pass <c>--created-at</c> or SOURCE_DATE_EPOCH.</summary>
    public DateTimeOffset CreatedAt { get; init; } = DefaultCreatedAt;

    /// <summary>The default of <see cref="MaxNodes"/>.</summary>
    public const int DefaultMaxNodes = 60;

    /// <summary>Size of each occupation's graph context (nodes, as <c>GetOccupationContext.MaxNodes</c>).</summary>
    public int MaxNodes { get; init; } = DefaultMaxNodes;

    /// <summary>Tries per prompt: an answer that fails validation is asked again with the errors appended.</summary>
    public int MaxAttempts { get; init; } = 3;

    public int SentencesPerOccupation { get; init; } = 6;

    public string SentencesPathOrDefault => SentencesPath ?? SiblingPath(OutputPath, ".sentences.jsonl");

    public string RejectedPathOrDefault => RejectedPath ?? SiblingPath(OutputPath, ".rejected.jsonl");

    public string CacheDirectoryOrDefault =>
        CacheDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(OutputPath)) ?? ".", ".teacher-cache");

    /// <summary>Every problem with the options, one line each; empty when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputPath))
        {
            yield return "an output path is required";
        }

        if (OccupationUris is null && (Occupations < 1 || Occupations > 100_000))
        {
            yield return $"occupations must be between 1 and 100000 (got {Occupations})";
        }

        if (Concurrency < 1 || Concurrency > 64)
        {
            yield return $"concurrency must be between 1 and 64 (got {Concurrency})";
        }

        if (MaxAttempts < 1 || MaxAttempts > 10)
        {
            yield return $"max attempts must be between 1 and 10 (got {MaxAttempts})";
        }

        if (MaxNodes < 10 || MaxNodes > 1000)
        {
            yield return $"max nodes must be between 10 and 1000 (got {MaxNodes})";
        }

        if (SentencesPerOccupation < 0 || SentencesPerOccupation > 50)
        {
            yield return $"sentences per occupation must be between 0 and 50 (got {SentencesPerOccupation})";
        }

        if (MaxCost is < 0)
        {
            yield return $"max cost must not be negative (got {MaxCost})";
        }

        foreach (var error in Provider.Validate())
        {
            yield return error;
        }
    }

    /// <summary>
    /// The <c>createdAt</c> for a run: <paramref name="option"/> (ISO 8601, e.g. from <c>--created-at</c>) when given,
    /// else <paramref name="sourceDateEpoch"/> (the host passes SOURCE_DATE_EPOCH: seconds since 1970, the
    /// reproducible-builds convention), else <see cref="DefaultCreatedAt"/>.
    /// </summary>
    public static DateTimeOffset ResolveCreatedAt(string? option, string? sourceDateEpoch)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return DateTimeOffset.TryParse(option, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed.ToUniversalTime()
                : throw new ArgumentException($"'{option}' is not a timestamp (expected ISO 8601, e.g. 2025-01-31T00:00:00Z).", nameof(option));
        }

        return long.TryParse(sourceDateEpoch, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DefaultCreatedAt;
    }

    internal static string SiblingPath(string output, string suffix)
    {
        var full = Path.GetFullPath(output);
        var stem = full.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? full[..^".jsonl".Length] : full;
        return stem + suffix;
    }
}
