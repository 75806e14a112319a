using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace SkillGraph.Student;

/// <summary>Top skills of one text as the scorer ranked them: parallel arrays, best first.</summary>
public sealed record ScoredSkills(float[] Scores, long[] Skills, long[] BestSpan);

/// <summary>Runs a scorer graph written by <see cref="ScorerModel"/> (thread-safe).</summary>
public sealed class SkillScorer : IDisposable
{
    static readonly string[] InputNames = ["chunks", "spans", "alpha", "k"];
    static readonly string[] OutputNames = ["scores", "skills", "best_span"];
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

    /// <param name="narrowWhenBusy">see <see cref="MiniLmOptions.NarrowWhenBusy"/>: a second, one-thread session for calls made while another runs.</param>
    /// <param name="quantize">
    /// Run the graph's matrix products in int8 (<see cref="Int8Quantizer"/>: the label matrix per label, the text's vectors per
    /// call): about 3× less work in the largest product (spans × catalog) and a quarter of its memory; the top skills move
    /// within the encoder's own int8 noise (decision 0035). False: the float graph as written.
    /// </param>
    public SkillScorer(byte[] model, int intraOpThreads = 1, bool narrowWhenBusy = false, bool quantize = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (quantize)
        {
            model = Int8Quantizer.Quantize(model).Model;
        }

        _session = OnnxSessions.Create(model, null, intraOpThreads);
        _narrow = narrowWhenBusy && intraOpThreads != 1 ? OnnxSessions.Create(model, null, 1) : null;
        Metadata = _session.ModelMetadata.CustomMetadataMap;
        Alpha = Metadata.TryGetValue("alpha", out var a) ? float.Parse(a, CultureInfo.InvariantCulture) : 0.5f;
    }

    public static SkillScorer Load(string path, int intraOpThreads = 1) => new(File.ReadAllBytes(path), intraOpThreads);

    /// <summary>Key/value metadata written into the model (alpha, catalog fingerprint, training facts).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }
    public float Alpha { get; }

    /// <summary>A run over more spans than this (a score matrix of spans × catalog) gives its arena memory back when it ends.</summary>
    private const int LargeRunSpans = 1_024;

    /// <summary>Scores every skill for one encoded text and returns the top <paramref name="k"/>.</summary>
    public ScoredSkills Score(EncodedText text, int k, float? alpha = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int d = MiniLmEncoder.Dimension;
        var chunks = text.ChunkVectors;
        var spans = text.SpanCount > 0 ? text.SpanVectors : text.ChunkVectors;
        using var c = OrtValue.CreateTensorValueFromMemory(chunks, [chunks.Length / d, d]);
        using var s = OrtValue.CreateTensorValueFromMemory(spans, [spans.Length / d, d]);
        using var a = OrtValue.CreateTensorValueFromMemory(new[] { alpha ?? Alpha }, [1]);
        using var kk = OrtValue.CreateTensorValueFromMemory(new long[] { k }, [1]);
        var busy = _narrow is not null && Interlocked.Increment(ref _inFlight) > 1;
        try
        {
            using var outputs = OnnxSessions.Run(cancellationToken, ro => (busy ? _narrow! : _session).Run(ro, InputNames, [c, s, a, kk], OutputNames), large: spans.Length / d > LargeRunSpans);
            StudentTelemetry.Spans.Add(spans.Length / d);
            return new ScoredSkills(
                outputs[0].GetTensorDataAsSpan<float>().ToArray(),
                outputs[1].GetTensorDataAsSpan<long>().ToArray(),
                outputs[2].GetTensorDataAsSpan<long>().ToArray());
        }
        finally
        {
            if (_narrow is not null)
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _narrow?.Dispose();
    }
}
