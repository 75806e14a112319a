using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Formats;
using SkillGraph.Student.Matching;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph match --input IN.jsonl --output OUT.jsonl [--model PATH]</c>: the student matcher over a JSONL file.
/// In: <c>{"id","job","resume"}</c> a line; out: <c>{"id","score","matched","coveredSkills","missingSkills","explanation","suggestedEdits","model"}</c>,
/// in input order. The output is written whole or not at all.
/// </summary>
internal static class MatchCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "JSONL, one {\"id\":..,\"job\":..,\"resume\":..} a line.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "JSONL, one {\"id\",\"score\",\"matched\",\"coveredSkills\",\"missingSkills\",..} a line, in input order.", Required = true };
        var model = new Option<string?>("--model") { Description = $"A trained match head (.onnx); default {ResumeMatcher.DefaultModelPath} when it exists, else the head shipped in the student library." };
        var command = new Command("match", "Match resumes to jobs: score, covered and missing ESCO skills, explanation, suggested resume lines (the student models, ONNX).") { input, output, model };
        command.SetAction((parse, token) => CliRunner.RunAsync(parse, token, async ct =>
        {
            var outputPath = OutputRoots.Check(parse.GetValue(output)!.FullName, "--output");
            var items = ReadInput(parse.GetValue(input)!.FullName);
            AtomicFile.EnsureWritable(outputPath);
            using var services = await StudentCli.OpenAsync(parse, null, ct, withMatcher: true, matcherPath: parse.GetValue(model)).ConfigureAwait(false);
            await AtomicFile.WriteAsync(outputPath, async (stream, _) =>
            {
                await using (var writer = new StreamWriter(stream, leaveOpen: true))
                {
                    var lines = await new ProgressReporter().RunAsync("match", async report =>
                    {
                        var n = 0;
                        foreach (var (id, job, resume) in items)
                        {
                            var match = await services.Mediator.Send(new MatchResume(job, resume), ct).ConfigureAwait(false);
                            await writer.WriteLineAsync(Line(id, match)).ConfigureAwait(false);
                            report("pairs", ++n, items.Count);
                        }

                        return n;
                    }).ConfigureAwait(false);
                    await Console.Error.WriteLineAsync($"skillgraph: {lines} pairs → {outputPath}").ConfigureAwait(false);
                }
            }, ct).ConfigureAwait(false);

            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>One output line: the DESIGN.md fields first, in their order, then the explanation, the edits and the model.</summary>
    internal static string Line(string id, ResumeMatch result) => JsonSerializer.Serialize(
        new
        {
            id,
            score = Math.Round(result.Score, 4),
            matched = result.Matched,
            coveredSkills = result.CoveredSkills.Select(s => new
            {
                uri = s.Uri,
                label = s.Label,
                how = s.How.ToString().ToLowerInvariant(),
                via = s.ViaUri is null ? null : new { uri = s.ViaUri, label = s.ViaLabel },
                resumeLine = s.ResumeLine,
                alternatives = Alternatives(s.Alternatives),
            }),
            missingSkills = result.MissingSkills.Select(s => new { uri = s.Uri, label = s.Label, jobLine = s.JobLine, suggestedEdit = s.SuggestedEdit, alternatives = Alternatives(s.Alternatives) }),
            explanation = result.Explanation,
            suggestedEdits = result.SuggestedEdits,
            model = result.Model,
        },
        Json);

    private static IEnumerable<object> Alternatives(IReadOnlyList<ConceptRef> skills) => skills.Select(s => new { uri = s.Uri.Value, label = s.Label });

    private static List<(string Id, string Job, string Resume)> ReadInput(string path) =>
        JsonLines.Read(path, line => (line.Id(), line.String("job"), line.String("resume")));
}
