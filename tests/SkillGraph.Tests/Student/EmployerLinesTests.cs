using System.Text.Json.Nodes;
using SkillGraph.Student.Matching;

namespace SkillGraph.Tests.Student;

/// <summary>
/// <see cref="EmployerLines"/> on lines of job ads written by another hand than its rules' (tests/Shared/HandWritten/job-ad-lines.json:
/// written once, before the rules were measured on it, and never tuned on; decision 0032).
/// </summary>
public sealed class EmployerLinesTests
{
    private const string Duty = "Design and build REST APIs in Java.";

    private static readonly JsonNode Lines = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "Shared", "HandWritten", "job-ad-lines.json")))!;

    private static List<string> Set(string key) => [.. Lines[key]!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>Whether a line, in an ad that also asks for <see cref="Duty"/>, is read as asking something.</summary>
    private static bool Asks(string line) => EmployerLines.AskOfCandidate([line, Duty])[0];

    [Fact]
    public void Some_employer_lines_are_left_out_and_no_line_that_asks_is()
    {
        var employer = Set("employer_side");
        var candidate = Set("candidate_side");
        var kept = employer.Where(Asks).ToList();
        var lost = candidate.Where(l => !Asks(l)).ToList();
        Console.WriteLine($"employer lines left out: {employer.Count - kept.Count} of {employer.Count}; lines that ask, left out: {lost.Count} of {candidate.Count}");
        Console.WriteLine("kept: " + string.Join("\n  ", kept));
        Console.WriteLine("lost: " + string.Join("\n  ", lost));
        // Measured once (decision 0032): 18 of the 80 employer lines, each read on its own, without a heading above it (most of an
        // ad's employer lines stand under one: the next test); none of the 60 that ask. Leaving out a line that asks costs a
        // requirement, keeping an employer line costs less, so the rules hold back.
        Assert.Empty(lost);
        Assert.True((employer.Count - kept.Count) * 6 >= employer.Count, $"only {employer.Count - kept.Count} of {employer.Count} employer lines left out; kept:\n{string.Join("\n", kept)}");
    }

    [Fact]
    public void A_heading_opens_a_section_of_the_employer_or_of_the_candidate()
    {
        var employer = Set("headings_employer_side");
        var candidate = Set("headings_candidate_side");
        // the line under the heading: the employer's under an employer heading, asked under a candidate heading
        var wrongEmployer = employer.Where(h => EmployerLines.AskOfCandidate(["Write unit tests.", h, Duty])[2]).ToList();
        var wrongCandidate = candidate.Where(h => !EmployerLines.AskOfCandidate(["Write unit tests.", h, Duty])[2]).ToList();
        Console.WriteLine($"employer headings missed: {wrongEmployer.Count} of {employer.Count}: {string.Join(" | ", wrongEmployer)}");
        Console.WriteLine($"candidate headings read as the employer's: {wrongCandidate.Count} of {candidate.Count}: {string.Join(" | ", wrongCandidate)}");
        // measured once: 12 of the 15 employer headings (missed: three of six words), none of the candidate's misread
        Assert.Empty(wrongCandidate);
        Assert.True(wrongEmployer.Count * 3 <= employer.Count, string.Join("\n", wrongEmployer));
    }

    [Fact]
    public void An_ad_is_read_as_what_it_asks()
    {
        string[] ad =
        [
            "About us",
            "We are a family-owned logistics company with 300 people.",
            "What you will do:",
            "Plan delivery routes and manage the warehouse team.",
            "We are looking for someone who can negotiate with carriers.",
            "What we offer:",
            "A competitive salary and 30 days of holiday.",
            "A pension plan.",
            "Requirements:",
            "Five years of experience in logistics.",
            "We are an equal opportunity employer.",
            "To apply, send your CV to jobs@example.com.",
        ];
        Assert.Equal(
            [false, false, false, true, true, false, false, false, false, true, false, false],
            EmployerLines.AskOfCandidate(ad));

        // an ad that asks for nothing it can be read as is read whole
        Assert.Equal([true, true], EmployerLines.AskOfCandidate(["We offer a pension.", "Send us your CV."]));
    }
}
