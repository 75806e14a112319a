using Microsoft.ML.OnnxRuntime;

namespace SkillGraph.Student;

/// <summary>How the student opens its ONNX Runtime sessions: fully optimised, sequential, no spinning threads.</summary>
internal static class OnnxSessions
{
    /// <summary>A session over <paramref name="model"/> bytes, or the file at <paramref name="path"/> when the bytes are null.</summary>
    public static InferenceSession Create(byte[]? model, string? path, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };

        // several sessions share few cores: spinning worker threads would steal them from each other
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return model is not null ? new InferenceSession(model, options) : new InferenceSession(path!, options);
    }
}
