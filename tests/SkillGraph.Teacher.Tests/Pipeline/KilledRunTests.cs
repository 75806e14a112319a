using System.Diagnostics;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;
using Xunit.Abstractions;

namespace SkillGraph.Teacher.Tests.Pipeline;

/// <summary>A teaching run in a child process, killed (SIGKILL) half-way, then rerun here.</summary>
[Collection(TeacherCollection.Name)]
public sealed class KilledRunTests(TeacherFixture fixture, ITestOutputHelper output)
{
    private const int Occupations = 400;

    [Fact]
    public async Task ARunKilledHalfWayAndRerunEndsWithTheSameFilesAsAnUnbrokenRun()
    {
        var directory = fixture.NewDirectory();
        var killed = ChildProcessHost.ChildOptions(Path.Combine(directory, "killed.jsonl"), Occupations);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "SkillGraph.Teacher.Tests.dll"), ChildProcessHost.Verb, fixture.DatabasePath, killed.OutputPath, Occupations.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(info)!)
        {
            var clock = Stopwatch.StartNew();
            while (Lines(killed.OutputPath + ".partial") < 20 && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(2);
            }

            if (child.HasExited)
            {
                Assert.Fail($"the child ended before it could be killed: {await child.StandardError.ReadToEndAsync()}");
            }

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        // the run works in PATH.partial; nothing reaches the final name before the run ends
        var atKill = Lines(killed.OutputPath + ".partial");
        output.WriteLine($"killed with {atKill} of {Occupations} records written");
        Assert.InRange(atKill, 20, Occupations - 1);
        Assert.False(File.Exists(killed.OutputPath));

        var resumed = await fixture.NewRun().RunAsync(killed);
        var unbroken = killed with { OutputPath = Path.Combine(directory, "unbroken.jsonl") };
        await fixture.NewRun().RunAsync(unbroken);

        Assert.InRange(resumed.Skipped, atKill, atKill + 1);
        Assert.False(File.Exists(killed.OutputPath + ".partial"));
        Assert.Equal(File.ReadAllBytes(unbroken.OutputPath), File.ReadAllBytes(killed.OutputPath));
        Assert.Equal(File.ReadAllBytes(unbroken.SentencesPathOrDefault), File.ReadAllBytes(killed.SentencesPathOrDefault));
        var ids = Jsonl.Read<TeacherRecord>(killed.OutputPath).Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Occupations, resumed.Skipped + resumed.Written + resumed.Rejected);
    }

    private static int Lines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var count = 0;
        var buffer = new byte[1 << 16];
        for (var read = stream.Read(buffer); read > 0; read = stream.Read(buffer))
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }
}
