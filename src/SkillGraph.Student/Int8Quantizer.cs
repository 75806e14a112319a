using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace SkillGraph.Student;

/// <summary>
/// Dynamic int8 quantisation of an ONNX graph (the encoder, and the scorer's label matrix: decision 0035), done on the graph
/// with OnnxSharp (no Python): every MatMul whose
/// right operand is a float initializer [K,N] becomes DynamicQuantizeLinear (activations, uint8) → MatMulInteger
/// (weights int8, symmetric, per output column) → Cast → Mul by the scales — the pattern ORT fuses into its
/// quantised GEMM kernels.
/// </summary>
public static class Int8Quantizer
{
    /// <summary>Returns the quantised model and how many MatMuls were rewritten.</summary>
    public static (byte[] Model, int Rewritten) Quantize(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = ModelProto.Parser.ParseFrom(model);
        var g = m.Graph;
        var inits = g.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var nodes = new List<NodeProto>(g.Node.Count * 2);
        var rewritten = 0;
        var quantised = new Dictionary<string, int>(StringComparer.Ordinal); // weight name -> rewritten uses
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in g.Node) foreach (var i in n.Input) uses[i] = uses.GetValueOrDefault(i) + 1;
        foreach (var n in g.Node)
        {
            if (n.OpType != "MatMul" || n.Input.Count != 2 || !inits.TryGetValue(n.Input[1], out var w)
                || w.DataType != (int)TensorProto.Types.DataType.Float || w.Dims.Count != 2)
            {
                nodes.Add(n);
                continue;
            }
            var k = (int)w.Dims[0];
            var cols = (int)w.Dims[1];
            var p = n.Input[1] + "_q";
            if (quantised.TryGetValue(n.Input[1], out var count))
            {
                quantised[n.Input[1]] = count + 1;
                AddQuantisedMatMul(nodes, n, p);
                rewritten++;
                continue;
            }
            var data = FloatData(w);
            var q = new sbyte[k * cols];
            var scales = new float[cols];
            for (var c = 0; c < cols; c++)
            {
                var max = 0f;
                for (var r = 0; r < k; r++) max = MathF.Max(max, MathF.Abs(data[r * cols + c]));
                var s = max > 0 ? max / 127f : 1f;
                scales[c] = s;
                for (var r = 0; r < k; r++) q[r * cols + c] = (sbyte)Math.Clamp(MathF.Round(data[r * cols + c] / s), -127, 127);
            }
            var qt = new TensorProto { Name = p, DataType = (int)TensorProto.Types.DataType.Int8 };
            qt.Dims.AddRange([k, cols]);
            qt.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(q.AsSpan()));
            var st = new TensorProto { Name = p + "_scale", DataType = (int)TensorProto.Types.DataType.Float };
            st.Dims.Add(cols);
            st.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(scales.AsSpan()));
            g.Initializer.Add(qt);
            g.Initializer.Add(st);
            quantised[n.Input[1]] = 1;
            AddQuantisedMatMul(nodes, n, p);
            rewritten++;
        }
        g.Node.Clear();
        g.Node.AddRange(nodes);
        var keep = g.Initializer.Where(t => !(quantised.TryGetValue(t.Name, out var c) && c == uses.GetValueOrDefault(t.Name))).ToList();
        g.Initializer.Clear();
        g.Initializer.AddRange(keep);
        return (m.ToByteArray(), rewritten);
    }

    static void AddQuantisedMatMul(List<NodeProto> nodes, NodeProto n, string p)
    {
        var a = n.Input[0];
        var o = n.Output[0];
        nodes.Add(Node("DynamicQuantizeLinear", [a], [o + "_aq", o + "_as", o + "_azp"]));
        nodes.Add(Node("MatMulInteger", [o + "_aq", p, o + "_azp"], [o + "_i32"]));
        nodes.Add(Node("Cast", [o + "_i32"], [o + "_f"], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (int)TensorProto.Types.DataType.Float }));
        nodes.Add(Node("Mul", [o + "_as", p + "_scale"], [o + "_sc"]));
        nodes.Add(Node("Mul", [o + "_f", o + "_sc"], [o]));
    }

    static float[] FloatData(TensorProto t)
    {
        if (t.RawData.Length > 0) return MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        return [.. t.FloatData];
    }

    static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attrs)
    {
        var n = new NodeProto { OpType = op, Name = "q_" + outputs[0] };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attrs);
        return n;
    }
}
