namespace SkillGraph.Student.Matching;

/// <summary>A trained head: the ONNX bytes, its card, and the measured metrics.</summary>
public sealed record MatcherTrainingResult(byte[] Onnx, ModelCard Card, MatcherMetrics Train, MatcherMetrics HeldOut)
{
    /// <summary>Writes <c>matcher.onnx</c> (atomically) and <c>matcher.card.json</c> beside it.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, Onnx);
        File.Move(temporary, full, overwrite: true);
        Card.Save(Path.ChangeExtension(full, ".card.json"));
    }
}
