using System.CommandLine;
using SkillGraph.Application.Features.Concepts.SearchConcepts;
using SkillGraph.Domain;
using SkillGraph.Graph;
using Spectre.Console;

namespace SkillGraph.Cli.Commands;

/// <summary><c>skillgraph search TEXT [--kind skill|occupation|…] [--first N]</c>: label search, best first.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "Words or word prefixes to find in preferred and alternative labels." };
        var kind = new Option<ConceptKind?>("--kind") { Description = "Only concepts of this kind (Occupation, Skill, SkillGroup, IscoGroup)." };
        var first = new Option<int>("--first") { Description = "How many results (1–200).", DefaultValueFactory = _ => 10 };
        var search = new Command("search", "Search concepts by label.");
        search.Arguments.Add(text);
        search.Options.Add(kind);
        search.Options.Add(first);
        first.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > SearchQuery.MaxResults)
            {
                result.AddError($"--first must be between 1 and {SearchQuery.MaxResults}.");
            }
        });
        search.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var hits = await services.Mediator.Send(new SearchConcepts(new SearchQuery(parse.GetValue(text)!, parse.GetValue(kind), parse.GetValue(first))), ct).ConfigureAwait(false);
            var table = new Table().AddColumn("score").AddColumn("kind").AddColumn("label").AddColumn("matched").AddColumn("uri");
            foreach (var hit in hits)
            {
                table.AddRow($"{hit.Score:0.000}", hit.Kind.ToString(), Markup.Escape(hit.PreferredLabel), Markup.Escape(hit.MatchedLabel), Markup.Escape(hit.Uri.Value));
            }

            AnsiConsole.Write(table);
            return CliRunner.Ok;
        }));
        return search;
    }
}
