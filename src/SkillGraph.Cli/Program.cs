using System.CommandLine;
using SkillGraph.Cli;
using SkillGraph.Cli.Commands;

var root = new RootCommand("skillgraph — a knowledge service over the ESCO skill–occupation graph.");
root.Options.Add(CliOptions.Database);
root.Options.Add(CliOptions.Verbose);
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(TeachCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(TrainSpansCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(MatchCommand.Create());
root.Subcommands.Add(SuggestCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(ChangesCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(CurateCommand.Create());
foreach (var command in GraphWalkCommands.Create())
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line per problem, not the whole help text: `--help` shows that.
    foreach (var error in parse.Errors)
    {
        var path = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command != root; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, result.Command.Name);
        }

        await Console.Error.WriteLineAsync($"skillgraph: error: {error.Message.TrimEnd('.')} (see `{string.Join(' ', ["skillgraph", .. path, "--help"])}`)").ConfigureAwait(false);
    }

    return SkillGraph.Domain.ErrorCodes.ExitCode(SkillGraph.Domain.ErrorCode.BadInput);
}

return await parse.InvokeAsync().ConfigureAwait(false);
