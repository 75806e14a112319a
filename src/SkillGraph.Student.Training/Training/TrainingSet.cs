using System.Numerics.Tensors;

namespace SkillGraph.Student;

/// <summary>A text with the catalog indices of the skills it mentions (e.g. a recorded teacher answer).</summary>
public sealed record LabelledExample(string Text, IReadOnlyList<int> Skills);

/// <summary>
/// Training pairs for the two projection heads, built from teacher-labelled sentences and the catalog:
/// sentence → each of its skills (sentence head); for each skill the candidate span closest to its label
/// (weak alignment, span head); every alternative label → its skill (both heads).
/// </summary>
public sealed class TrainingSet
{
    const int D = MiniLmEncoder.Dimension;

    public List<TrainingPair> SentencePairs { get; } = [];
    public List<TrainingPair> SpanPairs { get; } = [];
    public List<TrainingPair> AltPairs { get; } = [];

    public IReadOnlyList<TrainingPair> ForSentenceHead => [.. SentencePairs, .. AltPairs];
    public IReadOnlyList<TrainingPair> ForSpanHead => [.. SpanPairs, .. AltPairs];

    public override string ToString() => $"sentence {SentencePairs.Count}, span {SpanPairs.Count}, alt {AltPairs.Count}";

    /// <param name="labels">row-major [skills, 384] label matrix the heads are trained against (see <see cref="SkillIndex.LabelMatrix"/>).</param>
    /// <param name="spanThreshold">a span is aligned to a skill only when their raw cosine exceeds this.</param>
    public static TrainingSet Build(IEnumerable<LabelledExample> examples, TextEncoder encoder, float[] labels, SkillIndex index, float spanThreshold = 0.35f)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(index);
        var set = new TrainingSet();
        foreach (var ex in examples)
        {
            if (ex.Skills.Count == 0) continue;
            var e = encoder.Encode(ex.Text);
            if (e.ChunkCount == 0) continue;
            var sv = new float[D];
            for (var c = 0; c < e.ChunkCount; c++) TensorPrimitives.Add(sv, e.ChunkVectors.AsSpan(c * D, D), sv);
            MiniLmEncoder.Normalize(sv);
            foreach (var g in ex.Skills) set.SentencePairs.Add(new TrainingPair(sv, g));
            foreach (var g in ex.Skills)
            {
                var lab = labels.AsSpan(g * D, D);
                var best = -1;
                var bestCos = spanThreshold;
                for (var p = 0; p < e.SpanCount; p++)
                {
                    var cos = TensorPrimitives.CosineSimilarity(e.SpanVectors.AsSpan(p * D, D), lab);
                    if (cos > bestCos) { bestCos = cos; best = p; }
                }
                if (best < 0) continue;
                var v = e.SpanVectors.AsSpan(best * D, D).ToArray();
                MiniLmEncoder.Normalize(v);
                set.SpanPairs.Add(new TrainingPair(v, g));
            }
        }
        for (var a = 0; a < index.Alt.Length; a++) set.AltPairs.Add(new TrainingPair(index.Alt[a], index.AltOwner[a]));
        return set;
    }
}
