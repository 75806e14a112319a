using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillGraph.Application.Features.Concepts.CountGraph;
using SkillGraph.Graph;
using Spectre.Console;

namespace SkillGraph.Cli.Commands;

/// <summary><c>skillgraph stats [--json]</c>: the size of the graph and what the last import skipped.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var details = new Option<bool>("--skipped") { Description = "List the skipped rows of the last import (up to 200)." };
        var stats = new Command("stats", "Counts of concepts and relations, and the rows the last import skipped.");
        stats.Options.Add(CliOptions.Json);
        stats.Options.Add(details);
        stats.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var counts = await services.Mediator.Send(new CountGraph(), ct).ConfigureAwait(false);
            var json = ToJson(counts, parse.GetValue(details));
            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return CliRunner.Ok;
            }

            var table = new Table().AddColumn("what").AddColumn(new TableColumn("count").RightAligned());
            foreach (var (key, value) in json.AsObject())
            {
                if (value is JsonValue)
                {
                    table.AddRow(Markup.Escape(key), Markup.Escape(value.ToJsonString()));
                }
            }

            AnsiConsole.Write(table);
            if (counts.LastImport is { } last)
            {
                AnsiConsole.MarkupLine($"last import: {Markup.Escape(last.Source)} at {last.FinishedAt:u}, {last.Skipped} rows skipped");
                foreach (var (reason, n) in last.SkippedByReason)
                {
                    AnsiConsole.MarkupLine($"  {n} × {Markup.Escape(reason)}");
                }
            }

            return CliRunner.Ok;
        }));
        return stats;
    }

    internal static JsonObject ToJson(GraphCounts counts, bool withRows)
    {
        var collections = new JsonObject();
        foreach (var (name, n) in counts.Collections)
        {
            collections[name] = n;
        }

        var json = new JsonObject
        {
            ["occupations"] = counts.Occupations,
            ["skills"] = counts.Skills,
            ["skillGroups"] = counts.SkillGroups,
            ["iscoGroups"] = counts.IscoGroups,
            ["essential"] = counts.Essential,
            ["optional"] = counts.Optional,
            ["skillBroader"] = counts.SkillBroader,
            ["occupationBroader"] = counts.OccupationBroader,
            ["skillSkill"] = counts.SkillSkill,
            ["labels"] = counts.Labels,
            ["collections"] = collections,
        };
        if (counts.LastImport is { } last)
        {
            var skipped = new JsonObject { ["total"] = last.Skipped };
            foreach (var (category, n) in last.SkippedByCategory)
            {
                skipped[category] = n;
            }

            var reasons = new JsonObject();
            foreach (var (reason, n) in last.SkippedByReason)
            {
                reasons[reason] = n;
            }

            skipped["byReason"] = reasons;
            if (withRows)
            {
                skipped["rows"] = new JsonArray([.. last.Examples.Select(r => (JsonNode)new JsonObject
                {
                    ["file"] = r.File,
                    ["line"] = r.Line,
                    ["category"] = r.Category,
                    ["reason"] = r.Reason,
                    ["detail"] = r.Detail,
                })]);
            }

            json["skipped"] = skipped;
            json["lastImport"] = new JsonObject { ["source"] = last.Source, ["finishedAt"] = last.FinishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        }
        else
        {
            json["skipped"] = new JsonObject { ["total"] = 0 };
        }

        return json;
    }
}
