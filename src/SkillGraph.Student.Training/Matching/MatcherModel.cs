using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The match head as an ONNX graph: missing features (NaN) imputed with the training mean, standardisation baked in, then a logistic regression (or a one-hidden-layer
/// MLP), then a sigmoid.
/// <code>
/// input : features [N,F] f32
/// output: score [N] f32 in (0, 1)
/// </code>
/// </summary>
public static class MatcherModel
{
    /// <param name="weights">row-major [F, H] first layer (H = 1 for logistic regression).</param>
    /// <param name="output">row-major [H, 1] second layer, or null for logistic regression.</param>
    public static byte[] Build(MatchHeadWeights head, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(metadata);
        var f = head.Mean.Length;
        var h = head.Bias.Length;
        var g = new GraphProto { Name = "resume_matcher" };
        g.Input.Add(ScorerModel.Value("features", TensorProto.Types.DataType.Float, "N", f));
        g.Output.Add(ScorerModel.Value("score", TensorProto.Types.DataType.Float, "N"));
        g.Initializer.Add(ScorerModel.FloatTensor("mean", head.Mean, f));
        g.Initializer.Add(ScorerModel.FloatTensor("scale", [.. head.Scale.Select(s => 1f / s)], f));
        g.Initializer.Add(ScorerModel.FloatTensor("w1", head.Weights, f, h));
        g.Initializer.Add(ScorerModel.FloatTensor("b1", head.Bias, h));
        g.Initializer.Add(new TensorProto { Name = "flat", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { -1 } });
        g.Node.Add(ScorerModel.Node("IsNaN", ["features"], ["missing"]));
        g.Node.Add(ScorerModel.Node("Where", ["missing", "mean", "features"], ["imputed"]));
        g.Node.Add(ScorerModel.Node("Sub", ["imputed", "mean"], ["centred"]));
        g.Node.Add(ScorerModel.Node("Mul", ["centred", "scale"], ["standard"]));
        g.Node.Add(ScorerModel.Node("MatMul", ["standard", "w1"], ["z1"]));
        g.Node.Add(ScorerModel.Node("Add", ["z1", "b1"], ["a1"]));
        var logit = "a1";
        if (head.Output is not null)
        {
            g.Initializer.Add(ScorerModel.FloatTensor("w2", head.Output, h, 1));
            g.Initializer.Add(ScorerModel.FloatTensor("b2", [head.OutputBias], 1));
            g.Node.Add(ScorerModel.Node("Relu", ["a1"], ["hidden"]));
            g.Node.Add(ScorerModel.Node("MatMul", ["hidden", "w2"], ["z2"]));
            g.Node.Add(ScorerModel.Node("Add", ["z2", "b2"], ["a2"]));
            logit = "a2";
        }

        g.Node.Add(ScorerModel.Node("Sigmoid", [logit], ["probability"]));
        g.Node.Add(ScorerModel.Node("Reshape", ["probability", "flat"], ["score"]));
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "SkillGraph.Student",
            ProducerVersion = typeof(MatcherModel).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = g,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = ScorerModel.Opset });
        foreach (var (k, v) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
        }

        return model.ToByteArray();
    }
}

/// <summary>
/// A trained match head in plain arrays: per-feature mean and scale (standardisation), the first layer
/// [F, H] and its bias, and for an MLP the output layer [H] and its bias.
/// </summary>
public sealed record MatchHeadWeights(float[] Mean, float[] Scale, float[] Weights, float[] Bias, float[]? Output, float OutputBias)
{
    /// <summary>The head's logit for one feature row (NaN imputed with the mean), as the ONNX graph computes it.</summary>
    public double Logit(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var f = Mean.Length;
        var h = Bias.Length;
        var z = new double[h];
        for (var k = 0; k < h; k++)
        {
            z[k] = Bias[k];
            for (var j = 0; j < f; j++)
            {
                var x = float.IsNaN(row[j]) ? 0 : (row[j] - Mean[j]) / Scale[j];
                z[k] += x * Weights[(j * h) + k];
            }
        }

        return Output is null ? z[0] : OutputBias + z.Select((v, k) => Math.Max(0, v) * Output[k]).Sum();
    }

    /// <summary>The head whose logit is <paramref name="a"/>·logit + <paramref name="b"/> (Platt scaling baked into the last layer).</summary>
    public MatchHeadWeights Calibrated(double a, double b) => Output is null
        ? this with { Weights = [.. Weights.Select(w => (float)(w * a))], Bias = [.. Bias.Select(v => (float)((v * a) + b))] }
        : this with { Output = [.. Output.Select(w => (float)(w * a))], OutputBias = (float)((OutputBias * a) + b) };
}
