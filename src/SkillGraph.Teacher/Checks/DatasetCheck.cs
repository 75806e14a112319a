using System.Globalization;
using System.Text.Json;
using SkillGraph.Formats;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Checks;

/// <summary>One line of a dataset check: what was checked, the finding, and whether it is a problem.</summary>
public sealed record DatasetFinding(string Check, string Value, bool Ok);

/// <summary>Length of a text field over the records, in characters.</summary>
public sealed record LengthStats(string Field, int Count, int Min, double Mean, int Median, int Max);

/// <summary>What <see cref="DatasetCheck.Run"/> found; <see cref="Findings"/> is the table the CLI prints.</summary>
public sealed record DatasetReport(
    string File,
    int Records,
    int Sentences,
    int UnreadableLines,
    int DuplicateIds,
    int DuplicateJobDescriptions,
    int DuplicateResumes,
    int DuplicateSentences,
    int LabelLeaks,
    IReadOnlyList<string> LeakExamples,
    int SkillsOutsideContext,
    int RemovedNotRequired,
    int RemovedExperiencesLeft,
    int IdenticalResumePairs,
    int UnchangedYears,
    int Occupations,
    IReadOnlyDictionary<string, int> IscoMajorGroups,
    int DistinctSkills,
    int DistinctRemovedSkills,
    IReadOnlyList<LengthStats> Lengths,
    IReadOnlyList<DatasetFinding> Findings)
{
    /// <summary>No duplicates, no leaks, nothing outside the context, every line readable.</summary>
    public bool Passed => Findings.All(f => f.Ok);
}

/// <summary>
/// <c>skillgraph teach --check FILE</c>: checks a teacher file (and its sentences file beside it, or a sentences
/// file alone) for duplicates, label leakage (the unmatched resume naming a removed skill under any of its labels
/// in the record's context), removed experience lines left in (or never in) the resumes, unmatched resumes equal to
/// their matched one, skills outside the context, coverage of occupations, ISCO groups and skills, the share of
/// pairs with unchanged years, and length statistics. Needs no graph: the records carry their context.
/// </summary>
public static class DatasetCheck
{
    public static DatasetReport Run(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"no dataset at {file}", file);
        }

        var records = new List<TeacherRecord>();
        var sentences = new List<SentenceRecord>();
        var unreadable = 0;
        string? firstUnreadable = null;
        Read(file);
        var sentencesFile = TeachOptions.SiblingPath(file, ".sentences.jsonl");
        if (records.Count > 0 && !string.Equals(Path.GetFullPath(file), sentencesFile, StringComparison.Ordinal) && File.Exists(sentencesFile))
        {
            Read(sentencesFile);
        }

        var ids = records.Select(r => r.Id).Concat(sentences.Select(s => s.Id)).ToList();
        var duplicateIds = ids.Count - ids.Distinct(StringComparer.Ordinal).Count();
        var duplicateJobs = Duplicates(records.Select(r => r.JobDescription));
        var duplicateResumes = Duplicates(records.SelectMany(r => new[] { r.ResumeMatched, r.ResumeUnmatched }));
        var duplicateSentences = Duplicates(sentences.Select(s => s.Text));

        var leaks = 0;
        var leakExamples = new List<string>();
        var outside = 0;
        var removedNotRequired = 0;
        var experiencesLeft = 0;
        var identical = 0;
        var unchangedYears = 0;
        foreach (var record in records)
        {
            // removedExperiences and the years are null in records written before resumes.v2.
            var removedLines = record.RemovedExperiences ?? [];
            experiencesLeft += removedLines.Count(l => !record.ResumeMatched.Contains(l, StringComparison.Ordinal) || record.ResumeUnmatched.Contains(l, StringComparison.Ordinal));
            identical += LabelLeak.Fold(record.ResumeMatched) == LabelLeak.Fold(record.ResumeUnmatched) ? 1 : 0;
            unchangedYears += record.RemovedExperiences is not null && record.MatchedYears == record.UnmatchedYears ? 1 : 0;

            var context = record.Context.Skills.ToDictionary(s => s.Uri, StringComparer.Ordinal);
            outside += record.Skills.Concat(record.RemovedSkills).Count(u => !context.ContainsKey(u));
            removedNotRequired += record.RemovedSkills.Count(u => !record.Skills.Contains(u));
            foreach (var removed in record.RemovedSkills)
            {
                if (context.TryGetValue(removed, out var skill) && LabelLeak.Find(record.ResumeUnmatched, skill.AltLabels.Prepend(skill.Label)) is { Count: > 0 } found)
                {
                    leaks++;
                    if (leakExamples.Count < 5)
                    {
                        leakExamples.Add($"{record.Id}: '{found[0]}'");
                    }
                }
            }
        }

        var occupations = records.Select(r => r.OccupationUri).Distinct(StringComparer.Ordinal).Count();
        var groups = records.GroupBy(r => r.Context.Occupation.Code is { Length: > 0 } code ? code[..1] : "?")
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var skills = records.SelectMany(r => r.Skills).Concat(sentences.SelectMany(s => s.Skills)).Distinct(StringComparer.Ordinal).Count();
        var removedSkills = records.SelectMany(r => r.RemovedSkills).Distinct(StringComparer.Ordinal).Count();
        var lengths = new List<LengthStats>();
        AddLength("jobDescription", records.Select(r => r.JobDescription));
        AddLength("resumeMatched", records.Select(r => r.ResumeMatched));
        AddLength("resumeUnmatched", records.Select(r => r.ResumeUnmatched));
        AddLength("sentence", sentences.Select(s => s.Text));

        var findings = new List<DatasetFinding>
        {
            new("teacher records", N(records.Count), true),
            new("sentence records", N(sentences.Count), true),
            new("unreadable lines", unreadable == 0 ? N(unreadable) : $"{N(unreadable)} (the first: {firstUnreadable})", unreadable == 0),
            new("duplicate ids", N(duplicateIds), duplicateIds == 0),
            new("duplicate job descriptions", N(duplicateJobs), duplicateJobs == 0),
            new("duplicate resumes", N(duplicateResumes), duplicateResumes == 0),
            new("duplicate sentences", N(duplicateSentences), true),
            new("label leaks (removed skill named in unmatched resume)", N(leaks) + (leakExamples.Count > 0 ? " e.g. " + string.Join(", ", leakExamples) : string.Empty), leaks == 0),
            new("skills outside the record's context", N(outside), outside == 0),
            new("removed skills not among the job's skills", N(removedNotRequired), removedNotRequired == 0),
            new("removed experience lines left in the unmatched resume (or not in the matched one)", N(experiencesLeft), experiencesLeft == 0),
            new("unmatched resumes identical to their matched one", N(identical), identical == 0),
            new("pairs with unchanged years (none stated, or the same)", $"{N(unchangedYears)} of {N(records.Count(r => r.RemovedExperiences is not null))}", true),
            new("occupations covered", N(occupations), true),
            new("ISCO major groups covered", string.Join(" ", groups.Select(g => $"{g.Key}:{g.Value}")), true),
            new("distinct skills", N(skills), true),
            new("distinct removed skills", N(removedSkills), true),
        };
        findings.AddRange(lengths.Select(l => new DatasetFinding(
            $"length of {l.Field} (chars)",
            string.Create(CultureInfo.InvariantCulture, $"min {l.Min}, mean {l.Mean:F0}, median {l.Median}, max {l.Max}"),
            true)));

        return new DatasetReport(file, records.Count, sentences.Count, unreadable, duplicateIds, duplicateJobs, duplicateResumes, duplicateSentences,
            leaks, leakExamples, outside, removedNotRequired, experiencesLeft, identical, unchangedYears, occupations, groups, skills, removedSkills, lengths, findings);

        void Unreadable(string path, int number)
        {
            unreadable++;
            firstUnreadable ??= $"{Path.GetFileName(path)} line {number}";
        }

        void Read(string path)
        {
            foreach (var (number, line) in TextLines.Read(path))
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(line);
                    if (document.RootElement.TryGetProperty("jobDescription", out _))
                    {
                        records.Add(document.Deserialize<TeacherRecord>(TeacherJson.Options)!);
                    }
                    else if (document.RootElement.TryGetProperty("text", out _))
                    {
                        sentences.Add(document.Deserialize<SentenceRecord>(TeacherJson.Options)!);
                    }
                    else
                    {
                        Unreadable(path, number);
                    }
                }
                catch (JsonException)
                {
                    Unreadable(path, number);
                }
            }
        }

        void AddLength(string field, IEnumerable<string> texts)
        {
            var values = texts.Select(t => t.Length).Order().ToList();
            if (values.Count > 0)
            {
                lengths.Add(new LengthStats(field, values.Count, values[0], values.Average(), values[values.Count / 2], values[^1]));
            }
        }
    }

    private static int Duplicates(IEnumerable<string> texts)
    {
        var folded = texts.Select(LabelLeak.Fold).ToList();
        return folded.Count - folded.Distinct(StringComparer.Ordinal).Count();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
