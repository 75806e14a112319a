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

    /// <summary>
    /// "Field: value" lines of a posting (tests/Shared/HandWritten/ad-field-lines.json, written by another hand before the rule was
    /// measured on it, never tuned on; decision 0040): the posting's own fields are left out (the role's field is read as its value),
    /// requirements in the same shape stay. Measured once: 62 of 80 handled, none of the 50 requirements lost.
    /// </summary>
    [Fact]
    public void A_field_of_the_posting_asks_nothing_and_a_requirement_in_the_same_shape_does()
    {
        var fields = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "Shared", "HandWritten", "ad-field-lines.json")))!;
        List<string> Field(string key) => [.. fields[key]!.AsArray().Select(n => n!.GetValue<string>())];
        var posting = Field("posting_fields");
        var requirements = Field("requirement_fields");
        // handled: left out, or (the role's own field, "Job Title: …") read as its value, as a title line is
        var kept = posting.Where(l => Asks(Bare(l)) && EmployerLines.RoleValueStart(Bare(l)) < 0).ToList();
        var lost = requirements.Where(l => !Asks(Bare(l))).ToList();
        Console.WriteLine($"posting fields handled: {posting.Count - kept.Count} of {posting.Count}; requirements left out: {lost.Count} of {requirements.Count}");
        Console.WriteLine("kept: " + string.Join("\n  ", kept));
        Console.WriteLine("lost: " + string.Join("\n  ", lost));
        Assert.Empty(lost);
        Assert.True((posting.Count - kept.Count) * 4 >= posting.Count * 3, $"only {posting.Count - kept.Count} of {posting.Count} posting fields handled; kept:\n{string.Join("\n", kept)}");
    }

    /// <summary>A line as the matcher hands it over: <see cref="TextEvidence.Lines"/> cuts bullets off.</summary>
    private static string Bare(string line) => TextEvidence.Lines(line, 1)[0].Text;

    [Fact]
    public void A_field_that_names_the_role_is_read_as_its_value_and_is_no_heading()
    {
        Assert.Equal(11, EmployerLines.RoleValueStart("Job Title: Data Analyst"));
        Assert.Equal("Senior Backend Engineer", "**Position:** Senior Backend Engineer"[EmployerLines.RoleValueStart("**Position:** Senior Backend Engineer")..]);
        Assert.Equal(-1, EmployerLines.RoleValueStart("Role: you will own the design of our payment services and mentor two engineers"));
        Assert.Equal(-1, EmployerLines.RoleValueStart("Location: Leeds"));
        Assert.Equal(-1, EmployerLines.RoleValueStart("Job Title:"));

        // a field and its value is no heading: what follows it is read as it would be without it
        Assert.Equal([false, true], EmployerLines.AskOfCandidate(["Salary: Competitive", Duty]));
        Assert.Equal([true, true], EmployerLines.AskOfCandidate(["Teaching qualification: QTS or PGCE", Duty]));
        Assert.Equal([true, true], EmployerLines.AskOfCandidate(["Shift: must be willing to work nights", Duty]));
    }

    [Fact]
    public void A_phrase_left_of_a_years_ask_pay_hours_or_the_ads_own_voice_asks_nothing_but_a_skill_or_a_condition_does()
    {
        // The least supported phrases of strong resumes in LLM-written ads (corpus/llm-written/selection.jsonl, decision 0044).
        string[] nothing = ["least 2", "Minimum 2", "at least 7", "5+", "$44–$50/hour", "pay $30.50 to $35.00", "8am to 4:30pm", "you'll need", "looking for someone", "kind of person", "love to hear"];
        string[] asks = ["Patience", "nights and weekends", "2 years of Python", "High school diploma or GED", "CSTD or RAD registration", "reactive ion etching", "confident working independently", "a team player"];

        Assert.All(nothing, p => Assert.True(EmployerLines.PhraseAsksNothing(p), p));
        Assert.All(asks, p => Assert.False(EmployerLines.PhraseAsksNothing(p), p));
    }
}
