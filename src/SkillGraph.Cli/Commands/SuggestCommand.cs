using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Student;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph suggest --text "..." [--first N] [--json] [--model PATH]</c>: the student extracts the skills of a
/// text (a job ad, a resume), then the <see cref="SuggestOccupations"/> request ranks the occupations they fit, with reasons.
/// </summary>
internal static class SuggestCommand
{
    public const int MaxTextLength = 20_000;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var text = new Option<string>("--text") { Description = $"The text: a job description or a resume (at most {MaxTextLength} characters).", Required = true };
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
            else if (value.Length > MaxTextLength)
            {
                r.AddError($"--text: at most {MaxTextLength} characters (got {value.Length})");
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
            using var services = await CliRunner.OpenServicesAsync(parse, ct).ConfigureAwait(false);
            var (_, extractor, info) = await StudentCli.OpenExtractorAsync(services.Store, parse.GetValue(model), ct).ConfigureAwait(false);
            using (extractor)
            {
                var extracted = extractor.Extract(parse.GetValue(text)!, SuggestOccupations.SkillsFromText);
                var request = SuggestOccupations.FromExtraction(extracted.Select(s => (s.Uri, (double)s.Score)), parse.GetValue(first));
                var skills = extracted.Where(s => s.Score > 0).Take(request.Skills.Count).ToList(); // the ones the request weighs
                if (request.Skills.Count == 0)
                {
                    throw new ArgumentException("--text: the student found no ESCO skill in it; describe the work or the skills.");
                }

                var suggestions = await services.Mediator.Send(request, ct).ConfigureAwait(false);
                if (parse.GetValue(CliOptions.Json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        model = info.Version,
                        skills = skills.Select(s => new { uri = s.Uri, label = s.Label, score = Math.Round(s.Score, 4) }),
                        occupations = suggestions.Select(s => new
                        {
                            occupation = new { uri = s.Occupation.Uri.Value, label = s.Occupation.Label },
                            score = s.Score,
                            essentialSkills = s.EssentialSkills,
                            optionalSkills = s.OptionalSkills,
                            matchedEssential = s.MatchedEssential.Select(m => new { uri = m.Uri.Value, label = m.Label }),
                            matchedOptional = s.MatchedOptional.Select(m => new { uri = m.Uri.Value, label = m.Label }),
                            reason = s.Reason,
                        }),
                    }, JsonOptions));
                    return CliRunner.Ok;
                }

                Console.WriteLine($"Skills found ({info.Version}): {string.Join(", ", skills.Select(s => s.Label))}");
                foreach (var s in suggestions)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Score,8:0.0000}  {s.Occupation.Label}  — {s.Reason}"));
                }
            }

            return CliRunner.Ok;
        }));
        return command;
    }
}
