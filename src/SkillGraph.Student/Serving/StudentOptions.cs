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

    /// <summary>β of the extractor's graph re-ranking (<see cref="GraphRerankOptions.Weight"/>; chosen on SkillSkape dev, docs/decisions/0019); 0 = off.</summary>
    [Range(0.0, 10.0)]
    public float GraphWeight { get; set; } = GraphRerankOptions.DefaultWeight;

    /// <summary>K of the graph re-ranking: how many of the best extracted skills point to occupations (<see cref="GraphRerankOptions.Skills"/>).</summary>
    [Range(1, 200)]
    public int GraphSkills { get; set; } = new GraphRerankOptions().Skills;

    /// <summary>Consolidate broader/narrower duplicates on one span (<see cref="GraphRerankOptions.Consolidate"/>).</summary>
    public bool GraphConsolidate { get; set; }

    /// <summary>The graph re-ranking these settings ask for.</summary>
    public GraphRerankOptions GraphRerank => new() { Weight = GraphWeight, Skills = GraphSkills, Consolidate = GraphConsolidate };

    /// <summary>
    /// How much text an answer's span covers: <c>Tagged</c> (default: joined with the span the span tagger draws, closer to
    /// annotators'; decision 0027), <c>Best</c> (the candidate span that scored the skill) or <c>Phrase</c>.
    /// Skills and scores are the same with each.
    /// </summary>
    public SpanExtent SpanExtent { get; set; } = SkillExtractorDefaults.SpanExtent;

    /// <summary>Batch the texts of concurrent requests through shared encoder runs (more throughput; scores vary slightly with batch partners).</summary>
    public bool BatchAcrossRequests { get; set; }

    /// <summary>
    /// Let glibc give freed native memory (the ONNX runs' tensors) back to the system (<see cref="NativeMemoryTuning"/>);
    /// on by default, applied at start.
    /// </summary>
    public bool ReturnFreedNativeMemory { get; set; } = true;
}
