using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph suggest --text "..." [--first N] [--json] [--model PATH]</c>: the student extracts the skills of a
/// text (a job ad, a resume), then the graph ranks the occupations they fit, with reasons: one <see cref="SuggestOccupationsForText"/> request.
/// </summary>
internal static class SuggestCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var text = new Option<string>("--text") { Description = $"The text: a job description or a resume (at most {Check.MaxTextLength} characters).", Required = true };
        var first = new Option<int>("--first") { Description = $"How many occupations (1–{SuggestOccupations.MaxFirst}).", DefaultValueFactory = _ => 10 };
        var model = StudentCli.ModelOption();
        var command = new Command("suggest", "Suggest occupations for a text: the student extracts its skills, the graph ranks the occupations they fit.") { text, first, model, CliOptions.Json };
        text.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>() ?? string.Empty;
            if (string.IsNullOrWhiteSpace(value))
            {
                r.AddError("--text is empty");
            }
            else if (value.Length > Check.MaxTextLength)
            {
                r.AddError($"--text: at most {Check.MaxTextLength} characters (got {value.Length})");
            }
        });
        first.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > SuggestOccupations.MaxFirst)
            {
                r.AddError($"--first must be between 1 and {SuggestOccupations.MaxFirst}");
            }
        });
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            using var services = await StudentCli.OpenAsync(parse, parse.GetValue(model), ct).ConfigureAwait(false);
            var answer = await services.Mediator.Send(new SuggestOccupationsForText(parse.GetValue(text)!, parse.GetValue(first)), ct).ConfigureAwait(false);
            if (answer.Skills.Count == 0)
            {
                throw new ArgumentException("--text: the student found no ESCO skill in it; describe the work or the skills.");
            }

            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = answer.Model,
                    skills = answer.Skills.Select(s => new { uri = s.Uri, label = s.Label, score = Math.Round(s.Score, 4) }),
                    occupations = answer.Occupations.Select(s => new
                    {
                        occupation = new { uri = s.Occupation.Uri.Value, label = s.Occupation.Label },
                        score = s.Score,
                        essentialSkills = s.EssentialSkills,
                        optionalSkills = s.OptionalSkills,
                        matchedEssential = s.MatchedEssential.Select(m => new { uri = m.Uri.Value, label = m.Label }),
                        matchedOptional = s.MatchedOptional.Select(m => new { uri = m.Uri.Value, label = m.Label }),
                        reasons = s.Reasons,
                    }),
                }, JsonOptions));
                return CliRunner.Ok;
            }

            Console.WriteLine($"Skills found ({answer.Model}): {string.Join(", ", answer.Skills.Select(s => s.Label))}");
            foreach (var s in answer.Occupations)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Score,8:0.0000}  {s.Occupation.Label}  — {string.Join("; ", s.Reasons)}"));
            }

            return CliRunner.Ok;
        }));
        return command;
    }
}
