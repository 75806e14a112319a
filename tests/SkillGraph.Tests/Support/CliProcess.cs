using System.Diagnostics;

namespace SkillGraph.Tests.Support;

/// <summary>
/// Runs the real <c>skillgraph</c> program (the CLI build copied next to the tests) as a child process, from the repository
/// root, with the temp folder added to the output roots (<c>SKILLGRAPH_OUTPUT_ROOTS</c>, decision 0024): the tests write their
/// outputs under it.
/// </summary>
public static class CliProcess
{
    public const string OutputRootsVariable = "SKILLGRAPH_OUTPUT_ROOTS";

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "skillgraph.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("SKILLGRAPH_DB");
        info.Environment[OutputRootsVariable] = Path.GetTempPath();
        return info;
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunToEndAsync(StartInfo(args));

    /// <summary>
    /// Runs the CLI from <paramref name="workingDirectory"/> with <c>SKILLGRAPH_OUTPUT_ROOTS</c> set to <paramref name="outputRoots"/>
    /// (<c>null</c>: unset, so only the working directory is an output root).
    /// </summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string workingDirectory, string? outputRoots, params string[] args)
    {
        var info = StartInfo(args);
        info.WorkingDirectory = workingDirectory;
        if (outputRoots is null)
        {
            info.Environment.Remove(OutputRootsVariable);
        }
        else
        {
            info.Environment[OutputRootsVariable] = outputRoots;
        }

        return RunToEndAsync(info);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
