using System.CommandLine;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Cli;

/// <summary>Options every verb understands.</summary>
internal static class CliOptions
{
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = $"The graph store file (default: $SKILLGRAPH_DB, else {EmbeddedStoreOptions.DefaultPath}).",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "On an error, print the full exception too.",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON instead of a table.",
    };
}
