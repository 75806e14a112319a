using System.Numerics.Tensors;

namespace SkillGraph.Student;

/// <summary>A training example: a query vector (sentence, phrase or alternative label embedding) and the skill it names.</summary>
public sealed record TrainingPair(float[] Query, int Skill);

/// <summary>Hyper-parameters of <see cref="ProjectionTrainer"/>.</summary>
public sealed record TrainerOptions
{
    public float Temperature { get; init; } = 0.05f;
    public int BatchSize { get; init; } = 128;
    public int Epochs { get; init; } = 4;
    public float LearningRate { get; init; } = 5e-4f;
    /// <summary>Random labels added to every batch as shared negatives (on top of the in-batch labels).</summary>
    public int SharedNegatives { get; init; } = 512;
    public int Seed { get; init; } = 13;
    /// <summary>Per batch row, this many of the target skill's nearest labels are added as hard negatives.</summary>
    public int HardNegatives { get; init; }
    /// <summary>Nearest labels of each label (row-major [labelCount, n]); needed when <see cref="HardNegatives"/> &gt; 0.</summary>
    public int[][]? Neighbours { get; init; }
}

/// <summary>
/// Trains a 384×384 linear projection of query vectors (initialised to the identity) so that the projected,
/// normalised query is close to its skill's label vector: InfoNCE over in-batch labels plus shared random
/// negatives, Adam. Pure C#, deterministic for a given seed.
/// </summary>
public sealed class ProjectionTrainer(TrainerOptions? options = null)
{
    const int D = MiniLmEncoder.Dimension;
    public TrainerOptions Options { get; } = options ?? new TrainerOptions();

    /// <param name="labels">row-major [labelCount, 384], L2-normalised label vectors (kept fixed).</param>
    /// <returns>row-major [384, 384] projection W, applied as x · W.</returns>
    public float[] Train(IReadOnlyList<TrainingPair> pairs, float[] labels, int labelCount, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(labels);
        var o = Options;
        var rng = new Random(o.Seed);
        var w = new float[D * D];
        for (var i = 0; i < D; i++) w[i * D + i] = 1f;
        var m = new float[D * D];
        var v = new float[D * D];
        var grad = new float[D * D];
        var order = Enumerable.Range(0, pairs.Count).ToArray();
        var step = 0;
        const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        var invT = 1f / o.Temperature;
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start + o.BatchSize / 2 <= order.Length; start += o.BatchSize)
            {
                var n = Math.Min(o.BatchSize, order.Length - start);
                // columns: the batch's distinct skills, then shared random negatives
                var cols = new List<int>(n + o.SharedNegatives);
                var colOf = new Dictionary<int, int>();
                var target = new int[n];
                for (var i = 0; i < n; i++)
                {
                    var s = pairs[order[start + i]].Skill;
                    if (!colOf.TryGetValue(s, out var c)) { c = cols.Count; colOf[s] = c; cols.Add(s); }
                    target[i] = c;
                }
                if (o.HardNegatives > 0 && o.Neighbours is { } nb)
                    for (var i = 0; i < n; i++)
                    {
                        var near = nb[pairs[order[start + i]].Skill];
                        for (var h = 0; h < o.HardNegatives && near.Length > 0; h++)
                        {
                            var s = near[rng.Next(near.Length)];
                            if (colOf.TryAdd(s, cols.Count)) cols.Add(s);
                        }
                    }
                for (var r = 0; r < o.SharedNegatives; r++)
                {
                    var s = rng.Next(labelCount);
                    if (colOf.TryAdd(s, cols.Count)) cols.Add(s);
                }
                var u = cols.Count;
                var x = new float[n * D];
                var q = new float[n * D];
                var z = new float[n * D];
                var norms = new float[n];
                for (var i = 0; i < n; i++) pairs[order[start + i]].Query.AsSpan().CopyTo(x.AsSpan(i * D, D));
                var dz = new float[n * D];
                var losses = new double[n];
                Parallel.For(0, n, i =>
                {
                    var qi = q.AsSpan(i * D, D);
                    var xi = x.AsSpan(i * D, D);
                    for (var a = 0; a < D; a++) if (xi[a] != 0) TensorPrimitives.MultiplyAdd(w.AsSpan(a * D, D), xi[a], qi, qi);
                    norms[i] = MathF.Max(TensorPrimitives.Norm(qi), 1e-6f);
                    var zi = z.AsSpan(i * D, D);
                    TensorPrimitives.Divide(qi, norms[i], zi);
                    var logits = new float[u];
                    for (var c = 0; c < u; c++) logits[c] = TensorPrimitives.Dot(zi, labels.AsSpan(cols[c] * D, D)) * invT;
                    var max = TensorPrimitives.Max(logits);
                    TensorPrimitives.Subtract(logits, max, logits);
                    TensorPrimitives.Exp(logits, logits);
                    var sum = TensorPrimitives.Sum(logits);
                    losses[i] = -Math.Log(logits[target[i]] / sum);
                    var dzi = dz.AsSpan(i * D, D);
                    for (var c = 0; c < u; c++)
                    {
                        var g = (logits[c] / sum - (c == target[i] ? 1f : 0f)) * invT / n;
                        if (MathF.Abs(g) > 1e-9f) TensorPrimitives.MultiplyAdd(labels.AsSpan(cols[c] * D, D), g, dzi, dzi);
                    }
                    // back through the normalisation: dq = (dz - (dz·z) z) / |q|
                    var proj = TensorPrimitives.Dot(dzi, zi);
                    TensorPrimitives.MultiplyAdd(zi, -proj, dzi, dzi);
                    TensorPrimitives.Divide(dzi, norms[i], dzi);
                });
                lossSum += losses.Sum() / n;
                batches++;
                // dW[a, :] = sum_i x[i, a] * dq[i, :]  (each row written by one thread: deterministic)
                Parallel.For(0, D, a =>
                {
                    var row = grad.AsSpan(a * D, D);
                    row.Clear();
                    for (var i = 0; i < n; i++)
                    {
                        var xa = x[i * D + a];
                        if (xa != 0) TensorPrimitives.MultiplyAdd(dz.AsSpan(i * D, D), xa, row, row);
                    }
                });
                step++;
                var lr = o.LearningRate * MathF.Sqrt(1 - MathF.Pow(b2, step)) / (1 - MathF.Pow(b1, step));
                for (var k = 0; k < w.Length; k++)
                {
                    var g = grad[k];
                    m[k] = b1 * m[k] + (1 - b1) * g;
                    v[k] = b2 * v[k] + (1 - b2) * g * g;
                    w[k] -= lr * m[k] / (MathF.Sqrt(v[k]) + eps);
                }
            }
            log?.Invoke($"epoch {epoch + 1}/{o.Epochs}: loss {lossSum / Math.Max(1, batches):F4} over {batches} batches");
        }
        return w;
    }

    /// <summary>The <paramref name="count"/> nearest other labels of every label by cosine, computed with ONNX Runtime.</summary>
    public static int[][] NearestLabels(float[] labels, int labelCount, int count)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new int[labelCount][];
        var model = NeighbourModel(labels, labelCount, count + 1);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model);
        const int block = 1024;
        for (var start = 0; start < labelCount; start += block)
        {
            var n = Math.Min(block, labelCount - start);
            var x = labels.AsSpan(start * D, n * D).ToArray();
            using var xv = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(x, [n, D]);
            using var ro = new Microsoft.ML.OnnxRuntime.RunOptions();
            using var outs = session.Run(ro, ["x"], [xv], ["idx"]);
            var idx = outs[0].GetTensorDataAsSpan<long>();
            for (var i = 0; i < n; i++)
            {
                var list = new List<int>(count);
                for (var j = 0; j <= count && list.Count < count; j++)
                {
                    var c = (int)idx[i * (count + 1) + j];
                    if (c != start + i) list.Add(c);
                }
                result[start + i] = [.. list];
            }
        }
        return result;
    }

    static byte[] NeighbourModel(float[] labels, int labelCount, int k)
    {
        var g = new Onnx.GraphProto { Name = "nearest_labels" };
        var lt = new float[labels.Length];
        for (var i = 0; i < labelCount; i++)
            for (var j = 0; j < D; j++) lt[j * labelCount + i] = labels[i * D + j];
        var t = new Onnx.TensorProto { Name = "lt", DataType = (int)Onnx.TensorProto.Types.DataType.Float };
        t.Dims.AddRange([D, labelCount]);
        t.RawData = Google.Protobuf.ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lt.AsSpan()));
        g.Initializer.Add(t);
        var kt = new Onnx.TensorProto { Name = "k", DataType = (int)Onnx.TensorProto.Types.DataType.Int64 };
        kt.Dims.Add(1);
        kt.Int64Data.Add(k);
        g.Initializer.Add(kt);
        Onnx.ValueInfoProto Info(string name, int type, params long[] dims)
        {
            var shape = new Onnx.TensorShapeProto();
            foreach (var dim in dims) shape.Dim.Add(dim < 0 ? new Onnx.TensorShapeProto.Types.Dimension { DimParam = "N" } : new Onnx.TensorShapeProto.Types.Dimension { DimValue = dim });
            return new Onnx.ValueInfoProto { Name = name, Type = new Onnx.TypeProto { TensorType = new Onnx.TypeProto.Types.Tensor { ElemType = type, Shape = shape } } };
        }
        g.Input.Add(Info("x", 1, -1, D));
        g.Output.Add(Info("idx", 7, -1, k));
        var mm = new Onnx.NodeProto { OpType = "MatMul", Name = "mm" };
        mm.Input.AddRange(["x", "lt"]);
        mm.Output.Add("sim");
        var top = new Onnx.NodeProto { OpType = "TopK", Name = "top" };
        top.Input.AddRange(["sim", "k"]);
        top.Output.AddRange(["val", "idx"]);
        top.Attribute.Add(new Onnx.AttributeProto { Name = "axis", Type = Onnx.AttributeProto.Types.AttributeType.Int, I = 1 });
        g.Node.AddRange([mm, top]);
        var model = new Onnx.ModelProto { IrVersion = 8, Graph = g };
        model.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "", Version = 17 });
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }
}
