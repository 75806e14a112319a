using System.ComponentModel.DataAnnotations;

namespace SkillGraph.Student.Serving;

/// <summary>How a host serves the student (section <c>Student</c>); bound and validated by the host at start.</summary>
public sealed class StudentOptions
{
    public const string Section = "Student";

    /// <summary>Where the label vectors of the store's skills are cached (the host defaults it to <c>student/</c> beside the store).</summary>
    [Required]
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>Extractor heads (.bin) or a whole scorer (.onnx); empty: <see cref="StudentHeads.DefaultPath"/> when it exists, else the shipped heads.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The match head (.onnx); empty: <see cref="Matching.ResumeMatcher.DefaultModelPath"/> when it exists, else the shipped head.</summary>
    public string? MatcherPath { get; set; }

    /// <summary>Batch the texts of concurrent requests through shared encoder runs (more throughput; scores vary slightly with batch partners).</summary>
    public bool BatchAcrossRequests { get; set; }
}
