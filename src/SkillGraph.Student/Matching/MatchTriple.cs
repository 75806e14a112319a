using System.Text.Json;

namespace SkillGraph.Student.Matching;

/// <summary>
/// What the matcher learns from one teacher record: a job, a resume that matches it and one that does not (the
/// teacher removed <see cref="RemovedSkills"/> and shortened the experience).
/// </summary>
public sealed record MatchTriple(string Id, string OccupationUri, string JobDescription, string ResumeMatched, string ResumeUnmatched, IReadOnlyList<string> RemovedSkills)
{
    /// <summary>Reads teacher records (JSONL, DESIGN.md's record format); other fields are ignored.</summary>
    /// <exception cref="FormatException">a line is not a teacher record; the message names the file and line.</exception>
    public static IReadOnlyList<MatchTriple> ReadJsonl(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var triples = new List<MatchTriple>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string Text(string name) =>
                    root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String
                        ? e.GetString()!
                        : throw new FormatException($"{path} line {number}: needs a \"{name}\" string.");
                var removed = root.TryGetProperty("removedSkills", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
                    : [];
                triples.Add(new MatchTriple(Text("id"), Text("occupationUri"), Text("jobDescription"), Text("resumeMatched"), Text("resumeUnmatched"), removed));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path} line {number}: not JSON ({ex.Message.Split('.')[0]}).", ex);
            }
        }

        return triples;
    }
}
