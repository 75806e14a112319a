using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillGraph.Server.Tests.Startup;

/// <summary>
/// The real server process on Kestrel (<c>dotnet SkillGraph.Server.dll --urls http://127.0.0.1:0</c>), for what only a real
/// socket shows: every line it writes to stdout and stderr is kept (<see cref="Log"/>), its address read from its own
/// "Now listening on" line. Disposing stops it.
/// </summary>
internal sealed partial class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RunningServer(Process process) => _process = process;

    public Uri Url { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, stdout and stderr together.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RunningServer> StartAsync(string databasePath, string environment, params (string Name, string Value)[] variables)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SkillGraph.Server.dll"));
        foreach (var argument in new[] { "--db", databasePath, "--urls", "http://127.0.0.1:0" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information"; // the "Now listening on" line
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var variable in new[] { "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "SKILLGRAPH_TEACHER_API_KEY" })
        {
            info.Environment.Remove(variable);
        }

        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        var server = new RunningServer(Process.Start(info)!);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (ListeningOn().Match(server.Log) is { Success: true } match)
            {
                server.Url = new Uri(match.Groups[1].Value);
                return server;
            }

            if (server._process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"the server exited ({server._process.ExitCode}):\n{server.Log}");
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new Xunit.Sdk.XunitException($"the server did not say where it listens within 90 s:\n{server.Log}");
    }

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Kills the process (SIGKILL: no shutdown, no finally block, no flush) and waits until it is gone; true when it still ran.</summary>
    public async Task<bool> KillAsync()
    {
        var running = !_process.HasExited;
        if (running)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        return running;
    }

    /// <summary>Stops the process (<see cref="KillAsync"/>) and waits until its output is read to the end.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
