using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Domain;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// The graph walks as verbs: <c>context</c>, <c>related</c>, <c>related-skills</c>, <c>gap</c>, <c>moves</c>. Each sends the same
/// Mediator request the GraphQL API sends and prints readable text, or JSON with <c>--json</c>.
/// </summary>
internal static class GraphWalkCommands
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEnumerable<Command> Create()
    {
        yield return Context();
        yield return Related();
        yield return RelatedSkillsCommand();
        yield return Gap();
        yield return Moves();
    }

    private static Argument<ConceptUri> UriArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (ConceptUri.TryParse(text, out var uri))
            {
                return uri;
            }

            result.AddError($"'{text}' is not a concept URI (expected an absolute http:// or https:// URI)");
            return null!;
        },
    };

    private static Command Context()
    {
        var occupation = UriArgument("occupation", "The occupation's URI.");
        var maxNodes = new Option<int>("--max-nodes") { Description = "Node budget (1–1000).", DefaultValueFactory = _ => GetOccupationContext.DefaultMaxNodes };
        var hops = new Option<int>("--hops") { Description = "Also take skills linked to the skills this many hops away (0–2).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Varies which lower-ranked skills make the cut; the same seed gives the same context.", DefaultValueFactory = _ => 0 };
        var command = new Command("context", "An occupation's graph context (skills, groups, hierarchy) as prompt text, or JSON.") { occupation, maxNodes, hops, seed, CliOptions.Json };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var context = await services.Mediator.Send(new GetOccupationContext(parse.GetValue(occupation)!, parse.GetValue(maxNodes), parse.GetValue(hops), parse.GetValue(seed)), ct).ConfigureAwait(false);
            Console.WriteLine(parse.GetValue(CliOptions.Json) ? JsonSerializer.Serialize(context, JsonOptions) : context.ToPrompt());
            return CliRunner.Ok;
        }));
        return command;
    }

    private static Command Related()
    {
        var occupation = UriArgument("occupation", "The occupation's URI.");
        var first = new Option<int>("--first") { Description = "How many (1–100).", DefaultValueFactory = _ => 10 };
        var weight = new Option<double>("--optional-weight") { Description = "Weight of shared skills that are optional for either occupation (0–1).", DefaultValueFactory = _ => 0.5 };
        var command = new Command("related", "Occupations related by shared skills, with the reason.") { occupation, first, weight, CliOptions.Json };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var related = await services.Mediator.Send(new GetRelatedOccupations(parse.GetValue(occupation)!, parse.GetValue(first), parse.GetValue(weight)), ct).ConfigureAwait(false);
            Print(parse, related, r => $"{r.Score,7:0.0}  {r.Occupation.Label}  — {r.Reason}");
            return CliRunner.Ok;
        }));
        return command;
    }

    private static Command RelatedSkillsCommand()
    {
        var skill = UriArgument("skill", "The skill's URI.");
        var first = new Option<int>("--first") { Description = "How many (1–200).", DefaultValueFactory = _ => 20 };
        var command = new Command("related-skills", "Skills co-required with a skill and the skills ESCO links to it.") { skill, first, CliOptions.Json };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var related = await services.Mediator.Send(new GetRelatedSkills(parse.GetValue(skill)!, parse.GetValue(first)), ct).ConfigureAwait(false);
            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(related, JsonOptions));
                return CliRunner.Ok;
            }

            Console.WriteLine($"{related.Skill.Label}: required by {related.OccupationsRequiring} occupations");
            foreach (var c in related.CoRequired)
            {
                Console.WriteLine($"  {c.Occupations,4}  {c.Skill.Label}");
            }

            foreach (var l in related.Linked)
            {
                Console.WriteLine($"  linked  {l.Reason}");
            }

            return CliRunner.Ok;
        }));
        return command;
    }

    private static Command Gap()
    {
        var occupation = UriArgument("occupation", "The target occupation's URI.");
        var held = new Option<string[]>("--held") { Description = "URIs of the skills held.", AllowMultipleArgumentsPerToken = true };
        var text = new Option<string?>("--held-text") { Description = "Skills held, as names separated by commas, semicolons or lines (resolved by label search)." };
        var command = new Command("gap", "What is missing for an occupation, given the skills held.") { occupation, held, text, CliOptions.Json };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var heldUris = (parse.GetValue(held) ?? []).Select(ConceptUri.Parse).ToList();
            var gap = await services.Mediator.Send(new GetSkillGap(parse.GetValue(occupation)!, heldUris, parse.GetValue(text)), ct).ConfigureAwait(false);
            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(gap, JsonOptions));
                return CliRunner.Ok;
            }

            Console.WriteLine(gap.Summary);
            foreach (var m in gap.MissingEssential.Concat(gap.MissingOptional))
            {
                Console.WriteLine($"  {m.Priority:0.00}  {m.Reason}");
            }

            if (gap.Unresolved.Count > 0)
            {
                Console.WriteLine($"Not recognised as skills: {string.Join(", ", gap.Unresolved)}");
            }

            return CliRunner.Ok;
        }));
        return command;
    }

    private static Command Moves()
    {
        var from = new Option<string?>("--from") { Description = "The occupation to move from (its skills count as held)." };
        var held = new Option<string[]>("--held") { Description = "URIs of further skills held.", AllowMultipleArgumentsPerToken = true };
        var first = new Option<int>("--first") { Description = "How many (1–100).", DefaultValueFactory = _ => 10 };
        var command = new Command("moves", "Career moves: the occupations reachable with the fewest missing essential skills.") { from, held, first, CliOptions.Json };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var fromUri = parse.GetValue(from) is { } f ? ConceptUri.Parse(f) : null;
            var moves = await services.Mediator.Send(new GetCareerMoves(fromUri, [.. (parse.GetValue(held) ?? []).Select(ConceptUri.Parse)], parse.GetValue(first)), ct).ConfigureAwait(false);
            Print(parse, moves, m => $"{m.MissingEssentialCount,4} missing  {m.Occupation.Label}  — {m.Reason}");
            return CliRunner.Ok;
        }));
        return command;
    }

    private static void Print<T>(ParseResult parse, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (parse.GetValue(CliOptions.Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(items, JsonOptions));
            return;
        }

        foreach (var item in items)
        {
            Console.WriteLine(line(item));
        }
    }
}
