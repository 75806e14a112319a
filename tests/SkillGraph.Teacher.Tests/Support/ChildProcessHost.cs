using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Teacher.Tests.Support;

/// <summary>
/// The entry point of the test assembly. Run as <c>dotnet SkillGraph.Teacher.Tests.dll teach DB OUT N</c> it is a
/// teaching run in a process of its own (offline teacher, seed 7, no cache), for the test that kills it half-way;
/// as <c>check FILE</c> it prints the dataset check (for measuring by hand).
/// </summary>
public static class ChildProcessHost
{
    public const string Verb = "teach";

    public static async Task<int> Main(string[] args)
    {
        if (args is ["check", var file])
        {
            var report = SkillGraph.Teacher.Checks.DatasetCheck.Run(file);
            foreach (var finding in report.Findings)
            {
                Console.WriteLine($"{(finding.Ok ? "ok     " : "PROBLEM")} {finding.Check}: {finding.Value}");
            }

            return report.Passed ? 0 : 1;
        }

        if (args.Length != 4 || args[0] != Verb)
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} DB OUT OCCUPATIONS");
            return 2;
        }

        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = args[1], SeedSampleWhenEmpty = false, WarmSearchIndex = false });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGraphStore>(store);
        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        await using var provider = services.BuildServiceProvider();
        var run = new TeachingRun(provider.GetRequiredService<IMediator>(), store);
        await run.RunAsync(ChildOptions(args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    }

    public static TeachOptions ChildOptions(string output, int occupations) =>
        new() { OutputPath = output, Occupations = occupations, Seed = 7, UseCache = false };
}
