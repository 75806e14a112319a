using SkillGraph.Formats;
namespace SkillGraph.Student.Matching;

/// <summary>A trained head: the ONNX bytes, its card, and the measured metrics.</summary>
public sealed record MatcherTrainingResult(byte[] Onnx, ModelCard Card, MatcherMetrics Train, MatcherMetrics HeldOut)
{
    /// <summary>Writes <c>matcher.onnx</c> (atomically) and <c>matcher.card.json</c> beside it.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllBytes(full, Onnx);
        Card.Save(Path.ChangeExtension(full, ".card.json"));
    }
}
