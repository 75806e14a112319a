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

    /// <summary>
    /// One session run that <paramref name="cancellationToken"/> stops: its cancellation sets the run's terminate flag, which ONNX
    /// Runtime checks between the graph's nodes; the run then ends with <see cref="OperationCanceledException"/>. A
    /// <paramref name="large"/> run gives the memory it took beyond the arena's first chunk back when it ends: ONNX Runtime's
    /// CPU arena otherwise keeps its peak for the process's life, and one hostile text (8,192 spans against the catalog, a
    /// 450 MB score matrix) grew the server by gigabytes (bench/fuzz.sh: RSS 1.0 → 2.9 GB with the managed heap under 0.8 GB).
    /// Ordinary runs keep their memory for the next one.
    /// </summary>
    public static T Run<T>(CancellationToken cancellationToken, Func<RunOptions, T> run, bool large = false)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            StudentTelemetry.CancelledRuns.Add(1);
            cancellationToken.ThrowIfCancellationRequested();
        }

        using var options = new RunOptions();
        if (large)
        {
            options.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        }

        using (cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, options))
        {
            try
            {
                return run(options);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                StudentTelemetry.CancelledRuns.Add(1);
                throw new OperationCanceledException("the request was cancelled while the student's model ran.", cancellationToken);
            }
        }
    }

    /// <inheritdoc cref="Run{T}(CancellationToken, Func{RunOptions, T})"/>
    public static void Run(CancellationToken cancellationToken, Action<RunOptions> run, bool large = false) =>
        Run(cancellationToken, options =>
        {
            run(options);
            return true;
        }, large);
}
