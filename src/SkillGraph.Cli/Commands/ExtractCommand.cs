using System.CommandLine;
using System.Text.Json;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Formats;
using SkillGraph.Graph;
using SkillGraph.Student;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph extract --input IN.jsonl --output OUT.jsonl [--top K] [--model PATH]</c>: the student's skill
/// extraction over a JSONL file. In: <c>{"id","text"}</c> a line; out: <c>{"id","skills":[{"uri","label","score","spans":[{"start","end"}]}]}</c>,
/// best first. The output is written whole or not at all.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "JSONL, one {\"id\":..,\"text\":..} a line.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "JSONL, one {\"id\":..,\"skills\":[..]} a line, in input order.", Required = true };
        var top = new Option<int>("--top") { Description = "Skills per text (1–100).", DefaultValueFactory = _ => 10 };
        var model = StudentCli.ModelOption();
        var command = new Command("extract", "Extract ESCO skills with character spans from texts (the student model, ONNX).") { input, output, top, model };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--top must be between 1 and 100");
            }
        });
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            var outputPath = OutputRoots.Check(parse.GetValue(output)!.FullName, "--output");
            var inputPath = parse.GetValue(input)!.FullName;
            var items = ReadInput(inputPath);
            AtomicFile.EnsureWritable(outputPath);
            using var services = await StudentCli.OpenAsync(parse, parse.GetValue(model), ct).ConfigureAwait(false);
            {
                await AtomicFile.WriteAsync(outputPath, async (stream, _) =>
                {
                    await using (var writer = new StreamWriter(stream, leaveOpen: true))
                    {
                        var lines = await new ProgressReporter().RunAsync("extract", async report =>
                        {
                            var n = 0;
                            foreach (var (id, text) in items)
                            {
                                var extraction = await services.Mediator.Send(new ExtractSkills(text, parse.GetValue(top)), ct).ConfigureAwait(false);
                                await writer.WriteLineAsync(JsonSerializer.Serialize(new
                                {
                                    id,
                                    skills = extraction.Skills.Select(s => new
                                    {
                                        uri = s.Uri,
                                        label = s.Label,
                                        score = Math.Round(s.Score, 4),
                                        spans = s.Spans.Select(p => new { start = p.Start, end = p.End }),
                                    }),
                                    model = extraction.Model,
                                })).ConfigureAwait(false);
                                report("texts", ++n, items.Count);
                            }

                            return n;
                        }).ConfigureAwait(false);
                        await Console.Error.WriteLineAsync($"skillgraph: {lines} texts → {outputPath}").ConfigureAwait(false);
                    }
                }, ct).ConfigureAwait(false);
            }

            return CliRunner.Ok;
        }));
        return command;
    }

    private static List<(string Id, string Text)> ReadInput(string path) => JsonLines.Read(path, line => (line.Id(), line.String("text")));
}
