using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using SkillGraph.Formats;

namespace SkillGraph.Student;

/// <summary>
/// Writes the scoring head as an ONNX graph: a linear projection of chunk and phrase vectors, L2 normalisation,
/// cosine against the (projected, normalised) label matrix, max over chunks and over phrases, a weighted fusion,
/// TopK, and for each top skill the phrase that scored it best.
/// <code>
/// inputs : chunks [C,384] f32, spans [S,384] f32, alpha [1] f32, k [1] i64
/// outputs: scores [K] f32, skills [K] i64, best_span [K] i64
/// </code>
/// </summary>
public static class ScorerModel
{
    public const int Opset = 17;

    /// <param name="projection">row-major [384, outDim] query projection (x · W); null = identity.</param>
    /// <param name="labels">row-major [labelCount, outDim] label vectors, already L2-normalised.</param>
    /// <param name="spanProjection">row-major [384, outDim] projection for phrase vectors; null = use <paramref name="projection"/>.</param>
    public static byte[] Build(float[]? projection, int outDim, float[] labels, int labelCount, IReadOnlyDictionary<string, string>? metadata = null, float[]? spanProjection = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        const int d = MiniLmEncoder.Dimension;
        if (labels.Length != labelCount * outDim) throw new ArgumentException("labels must be [labelCount, outDim]", nameof(labels));
        if (projection is null && outDim != d) throw new ArgumentException("identity projection needs outDim 384", nameof(outDim));

        var g = new GraphProto { Name = "skill_scorer" };
        g.Input.Add(Value("chunks", TensorProto.Types.DataType.Float, "C", d));
        g.Input.Add(Value("spans", TensorProto.Types.DataType.Float, "S", d));
        g.Input.Add(Value("alpha", TensorProto.Types.DataType.Float, 1));
        g.Input.Add(Value("k", TensorProto.Types.DataType.Int64, 1));
        g.Output.Add(Value("scores", TensorProto.Types.DataType.Float, "K"));
        g.Output.Add(Value("skills", TensorProto.Types.DataType.Int64, "K"));
        g.Output.Add(Value("best_span", TensorProto.Types.DataType.Int64, "K"));

        // label matrix transposed: [outDim, labelCount]
        var lt = new float[labels.Length];
        for (var i = 0; i < labelCount; i++)
            for (var j = 0; j < outDim; j++) lt[j * labelCount + i] = labels[i * outDim + j];
        g.Initializer.Add(FloatTensor("labels_t", lt, outDim, labelCount));
        g.Initializer.Add(FloatTensor("one", [1f], 1));
        g.Initializer.Add(new TensorProto { Name = "axis0", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { 0 } });

        string Project(string input, string prefix, string? weights)
        {
            var x = input;
            if (weights is not null)
            {
                g.Node.Add(Node("MatMul", [input, weights], [prefix + "_proj"]));
                x = prefix + "_proj";
            }
            g.Node.Add(Node("LpNormalization", [x], [prefix + "_unit"], Int("axis", 1), Int("p", 2)));
            g.Node.Add(Node("MatMul", [prefix + "_unit", "labels_t"], [prefix + "_cos"]));
            return prefix + "_cos";
        }
        if (projection is not null) g.Initializer.Add(FloatTensor("proj_w", projection, d, outDim));
        if (spanProjection is not null) g.Initializer.Add(FloatTensor("span_proj_w", spanProjection, d, outDim));

        var chunkCos = Project("chunks", "chunk", projection is null ? null : "proj_w");
        var spanCos = Project("spans", "span", spanProjection is not null ? "span_proj_w" : projection is null ? null : "proj_w");
        g.Node.Add(Node("ReduceMax", [chunkCos], ["chunk_max"], Ints("axes", 0), Int("keepdims", 0)));
        // The best phrase of each skill, then its score gathered from the same matrix: one pass over spans × catalog (the
        // largest tensor of a long text) instead of a max and an arg-max each reading all of it; the same values.
        g.Node.Add(Node("ArgMax", [spanCos], ["span_arg_row"], Int("axis", 0), Int("keepdims", 1)));
        g.Node.Add(Node("GatherElements", [spanCos, "span_arg_row"], ["span_max_row"], Int("axis", 0)));
        g.Node.Add(Node("Squeeze", ["span_max_row", "axis0"], ["span_max"]));
        g.Node.Add(Node("Squeeze", ["span_arg_row", "axis0"], ["span_arg"]));
        g.Node.Add(Node("Mul", ["chunk_max", "alpha"], ["chunk_w"]));
        g.Node.Add(Node("Sub", ["one", "alpha"], ["beta"]));
        g.Node.Add(Node("Mul", ["span_max", "beta"], ["span_w"]));
        g.Node.Add(Node("Add", ["chunk_w", "span_w"], ["fused"]));
        g.Node.Add(Node("TopK", ["fused", "k"], ["scores", "skills"], Int("axis", -1), Int("largest", 1), Int("sorted", 1)));
        g.Node.Add(Node("Gather", ["span_arg", "skills"], ["best_span"], Int("axis", 0)));

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "SkillGraph.Student",
            ProducerVersion = typeof(ScorerModel).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = g,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (metadata is not null)
            foreach (var (k, v) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
        return model.ToByteArray();
    }

    /// <summary>
    /// Writes a trained scorer for <paramref name="catalog"/> to <paramref name="path"/> (.onnx, written atomically) and its
    /// model card beside it (<c>.card.json</c>). The fusion weight, span context and catalog fingerprint go into the ONNX metadata.
    /// </summary>
    public static void Save(string path, float[] sentenceProjection, float[]? spanProjection, float[] labels, SkillCatalog catalog,
        float alpha, SpanContext spanContext, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(card);
        var meta = Metadata(catalog, alpha, spanContext, card.Version);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllBytes(full, Build(sentenceProjection, MiniLmEncoder.Dimension, labels, catalog.Count, meta, spanProjection));
        card.Save(Path.ChangeExtension(full, ".card.json"));
    }

    /// <summary>What a scorer graph says about itself: fusion weight, catalog fingerprint and size, span context, version.</summary>
    internal static Dictionary<string, string> Metadata(SkillCatalog catalog, float alpha, SpanContext spanContext, string version) => new()
    {
        ["alpha"] = alpha.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["catalog_fingerprint"] = catalog.Fingerprint().ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        ["label_count"] = catalog.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["span_context"] = spanContext.ToString(),
        ["version"] = version,
    };

    internal static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attrs)
    {
        var n = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attrs);
        return n;
    }

    internal static AttributeProto Int(string name, long v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = v };

    internal static AttributeProto Ints(string name, params long[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(v);
        return a;
    }

    internal static TensorProto FloatTensor(string name, float[] data, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan()));
        return t;
    }

    internal static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is string p ? new TensorShapeProto.Types.Dimension { DimParam = p } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
