using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace SkillGraph.Student.Matching;

/// <summary>Runs a match head (an ONNX graph written by MatcherModel in SkillGraph.Student.Training) (thread-safe: one ONNX session, shared).</summary>
public sealed class MatcherHead : IDisposable
{
    private static readonly string[] InputNames = ["features"];
    private static readonly string[] OutputNames = ["score"];
    private readonly InferenceSession _session;

    public MatcherHead(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var so = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            _session = new InferenceSession(model, so);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"not a matcher model ({ex.Message.Split('\n')[0]})", ex);
        }

        Metadata = _session.ModelMetadata.CustomMetadataMap;
        if (!Metadata.TryGetValue("features", out var names) || names != string.Join(',', MatchAnalyzer.FeatureNames))
        {
            _session.Dispose();
            throw new InvalidDataException($"the matcher model expects features [{names}], this build computes [{string.Join(',', MatchAnalyzer.FeatureNames)}]; retrain it");
        }

        if (ReadingOptions.FirstOrDefault(key => !Metadata.ContainsKey(key)) is { } absent)
        {
            _session.Dispose();
            throw new InvalidDataException($"the matcher model does not say how this build reads texts ({absent} is missing: it was trained by an older build); retrain it");
        }

        Threshold = float.Parse(Metadata["threshold"], CultureInfo.InvariantCulture);
        Version = Metadata.TryGetValue("version", out var v) ? v : "unversioned";
        FeatureOptions = MatchFeatureOptions.FromMetadata(Metadata);
    }

    /// <summary>The metadata keys a head must carry: its threshold and how its features were read (<see cref="FeatureOptions"/>).</summary>
    private static readonly string[] ReadingOptions = ["threshold", .. MatchFeatureOptions.RequiredKeys];

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>A score at or above this is a match (chosen on the calibration part of the training occupations; the score is a calibrated probability).</summary>
    public float Threshold { get; }

    public string Version { get; }

    /// <summary>How the features this head was trained on were computed.</summary>
    public MatchFeatureOptions FeatureOptions { get; }

    /// <summary>Scores <paramref name="rows"/> feature rows (row-major, <see cref="MatchAnalyzer.FeatureNames"/> wide).</summary>
    public float[] Score(float[] features, int rows)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (rows == 0)
        {
            return [];
        }

        using var x = OrtValue.CreateTensorValueFromMemory(features, [rows, features.Length / rows]);
        using var ro = new RunOptions();
        using var outputs = _session.Run(ro, InputNames, [x], OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
