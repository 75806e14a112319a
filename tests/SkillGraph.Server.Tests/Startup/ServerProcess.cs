using System.Diagnostics;

namespace SkillGraph.Server.Tests.Startup;

/// <summary>The real server process, started as a user starts it (<c>dotnet SkillGraph.Server.dll</c>), for start-up failures.</summary>
internal static class ServerProcess
{
    public static async Task<(int ExitCode, string Stderr, TimeSpan Elapsed)> RunAsync(params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SkillGraph.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var folder = Path.Combine(Path.GetTempPath(), $"skillgraph-start-{Guid.NewGuid():N}");
        info.Environment["SKILLGRAPH_DB"] = Path.Combine(folder, "store.db");
        foreach (var variable in new[] { "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "SKILLGRAPH_TEACHER_API_KEY" })
        {
            info.Environment.Remove(variable);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var started = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("the server did not stop: it should have refused to start");
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return (process.ExitCode, await stderr, started.Elapsed);
    }
}
