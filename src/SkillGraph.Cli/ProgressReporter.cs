using Spectre.Console;

namespace SkillGraph.Cli;

/// <summary>
/// Progress of long work on stderr: a live bar on a terminal, one plain line per step when stderr is
/// redirected (logs, CI, pipes), nothing at all with --quiet.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly bool _interactive = !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    public async Task<T> RunAsync<T>(string title, Func<Action<string, double, double>, Task<T>> work)
    {
        if (!_interactive)
        {
            var last = string.Empty;
            var lastTicks = 0L;
            return await work((step, done, total) =>
            {
                var now = Environment.TickCount64;
                if (step != last || done >= total || now - lastTicks > 1000)
                {
                    Console.Error.WriteLine($"{title}: {step} {done:0}/{total:0}");
                    last = step;
                    lastTicks = now;
                }
            }).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                return await work((step, done, total) =>
                {
                    if (!tasks.TryGetValue(step, out var task))
                    {
                        tasks[step] = task = context.AddTask(Markup.Escape(step), maxValue: Math.Max(1, total));
                    }

                    task.MaxValue = Math.Max(1, total);
                    task.Value = Math.Min(done, task.MaxValue);
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }
}
