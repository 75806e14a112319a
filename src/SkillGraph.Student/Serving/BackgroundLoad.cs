using System.Diagnostics;

using SkillGraph.Application.Common;

namespace SkillGraph.Student.Serving;

/// <summary>
/// Something slow to load (a student model), loaded once in the background when first asked for: until then every
/// request gets a <see cref="StudentLoadingException"/> saying how long it has been loading; a failed load is an error
/// that says why. Disposes what it loaded.
/// </summary>
internal sealed class BackgroundLoad<T>(Func<Task<T>> load, string what) : IDisposable
    where T : class
{
    private readonly Lazy<Task<T>> _loading = new(() => Task.Run(load));
    private readonly Stopwatch _since = new();

    /// <summary>Starts loading if nothing has asked before; completes when loaded.</summary>
    public Task WhenReady => Start();

    /// <summary>Whether anything has asked for it (a load that starts later reads its sources then).</summary>
    public bool Started => _loading.IsValueCreated;

    /// <summary>What was loaded, or null while it is not (yet) loaded; never starts loading.</summary>
    public T? Loaded => _loading.IsValueCreated && _loading.Value.IsCompletedSuccessfully ? _loading.Value.Result : null;

    /// <summary>What was loaded, or an error saying it is loading (it starts now if nobody asked before) or why it failed.</summary>
    public T Get()
    {
        var task = Start();
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }

        if (task.IsFaulted)
        {
            throw new ModelUnavailableException($"the {what} could not be loaded: {task.Exception!.InnerException!.Message}", task.Exception.InnerException);
        }

        throw new StudentLoadingException($"the {what} is loading ({_since.Elapsed.TotalSeconds:0} s so far; a new skill catalog takes about 30 s once); try again shortly.");
    }

    public void Dispose()
    {
        if (_loading.IsValueCreated && _loading.Value.IsCompletedSuccessfully)
        {
            (_loading.Value.Result as IDisposable)?.Dispose();
        }
    }

    private Task<T> Start()
    {
        lock (_since)
        {
            if (!_loading.IsValueCreated && !_since.IsRunning)
            {
                _since.Start();
            }
        }

        return _loading.Value;
    }
}
