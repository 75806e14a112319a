using System.Globalization;
using System.Text.RegularExpressions;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;
using SkillGraph.Teacher.Tests.Support;
using Xunit.Abstractions;

namespace SkillGraph.Teacher.Tests.Pipeline;

/// <summary>
/// The RJDB recipe through the whole offline pipeline: the unmatched resume is the matched one with a random subset
/// of its information filtered out — the removed skills, sometimes one experience entry, sometimes the years — and
/// nothing else, so that no single cue (years, a name, a company) tells the pair apart.
/// </summary>
[Collection(TeacherCollection.Name)]
public sealed partial class ResumeFilterTests(TeacherFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryLineOfTheUnmatchedResumeIsALineOfTheMatchedOneWithOnlyRemovedSkillsOrYearsLeftOut()
    {
        var records = await TeachAsync(40, seed: 7);

        foreach (var record in records)
        {
            var matched = Lines(record.ResumeMatched);
            var unmatched = Lines(record.ResumeUnmatched);
            var removedLabels = RemovedLabels(record);
            var at = 0;
            foreach (var line in unmatched)
            {
                // The next line of the matched resume that this one is: the same but for the years, or the same with
                // some words left out, where that matched line names a removed skill.
                var found = -1;
                for (var j = at; j < matched.Count && found < 0; j++)
                {
                    var same = NoYears(matched[j]) == NoYears(line);
                    var filtered = IsSubsequence(Words(NoYears(line)), Words(NoYears(matched[j]))) && LabelLeak.Find(matched[j], removedLabels).Count > 0;
                    found = same || filtered ? j : -1;
                }

                Assert.True(found >= 0, $"{record.Id}: the unmatched line '{line}' is no line of the matched resume, filtered\n---\n{record.ResumeMatched}\n---\n{record.ResumeUnmatched}");
                foreach (var skipped in matched.Skip(at).Take(found - at))
                {
                    Assert.True(
                        (record.RemovedExperiences ?? []).Contains(skipped) || LabelLeak.Find(skipped, removedLabels).Count > 0,
                        $"{record.Id}: the matched line '{skipped}' was left out, but it is no removed experience and names no removed skill");
                }

                Assert.False(line.StartsWith("- ", StringComparison.Ordinal) && !line.Contains(": ", StringComparison.Ordinal), $"{record.Id}: an experience entry left empty: '{line}'");
                at = found + 1;
            }

            Assert.Equal(matched[0], unmatched[0]); // the same name and headline
            Assert.Empty(CompaniesOf(record.ResumeUnmatched).Except(CompaniesOf(record.ResumeMatched)));
        }
    }

    [Fact]
    public async Task AboutHalfOfTheRecordsKeepTheYearsSoThatYearsAloneCannotTellThePairApart()
    {
        var records = await TeachAsync(40, seed: 7);

        var unchanged = records.Count(r => r.MatchedYears == r.UnmatchedYears);
        var share = (double)unchanged / records.Count;
        output.WriteLine($"{unchanged} of {records.Count} records with unchanged years ({share:P0}); {records.Count(r => r.MatchedYears is null)} state none; {records.Count(r => r.RemovedExperiences is { Count: > 0 })} leave out an experience entry");
        Assert.InRange(share, 0.3, 0.7);
        Assert.Contains(records, r => r.MatchedYears is null);
        Assert.Contains(records, r => r.UnmatchedYears < r.MatchedYears);

        foreach (var record in records)
        {
            var matchedYears = YearsIn(record.ResumeMatched);
            var unmatchedYears = YearsIn(record.ResumeUnmatched);
            if (record.MatchedYears is null)
            {
                Assert.Null(record.UnmatchedYears);
                Assert.Empty(matchedYears);
                Assert.Empty(unmatchedYears);
                continue;
            }

            // The summary line states the record's years: kept, or shortened to the record's unmatched years.
            Assert.Equal(Show(record.MatchedYears.Value), Assert.Single(YearsIn(Lines(record.ResumeMatched)[1])));
            Assert.Equal(Show(record.UnmatchedYears!.Value), Assert.Single(YearsIn(Lines(record.ResumeUnmatched)[1])));
            if (record.UnmatchedYears == record.MatchedYears && record.RemovedExperiences is [])
            {
                Assert.Equal(matchedYears, unmatchedYears);
            }
        }
    }

    [Fact]
    public async Task MostJobAdsAskForYearsTheMatchedResumeHasAndAShortenedUnmatchedOneFallsShortOf()
    {
        var records = await TeachAsync(40, seed: 7);

        var asking = records.Select(r => (Record: r, Years: AskedYears(r.JobDescription))).Where(x => x.Years.Count > 0).ToList();
        output.WriteLine($"{asking.Count} of {records.Count} job ads ask for years; e.g. \"{asking.Select(x => x.Record.JobDescription.Split('\n').First(l => AskedYears(l).Count > 0)).FirstOrDefault()}\"");
        Assert.InRange(asking.Count, records.Count * 2 / 5, records.Count * 4 / 5);
        foreach (var (record, years) in asking)
        {
            var required = Assert.Single(years);
            Assert.True(OccupationTeacher.StatesYears(record.JobDescription, required));

            // the sentence never names the occupation (a job ad without its title line must not give it away here)
            var sentence = record.JobDescription.Split('\n').Single(l => AskedYears(l).Count > 0);
            Assert.DoesNotContain(record.Context.Occupation.Label, sentence, StringComparison.OrdinalIgnoreCase);
            if (record.MatchedYears is { } matched)
            {
                Assert.True(matched >= required, $"{record.Id}: the matched resume states {matched} years, the job asks for {required}");
                Assert.True(record.UnmatchedYears == matched || record.UnmatchedYears < required, $"{record.Id}: shortened to {record.UnmatchedYears}, the job asks for {required}");
            }
        }

        Assert.Contains(asking, x => x.Record.UnmatchedYears < x.Years[0]);
        var job = new JobDescriptionAnswer("Baker", "Baker wanted for our neighbourhood bakery: knead dough every morning and keep food safety principles.", ["http://example.org/s/knead", "http://example.org/s/hygiene"]);
        var context = new[]
        {
            new ContextSkillEntry("http://example.org/s/knead", "knead food products", "essential", "skill", [], null, []),
            new ContextSkillEntry("http://example.org/s/hygiene", "food safety principles", "essential", "knowledge", [], null, []),
        }.ToDictionary(s => s.Uri);
        Assert.Empty(OccupationTeacher.ValidateJob(job, context));
        Assert.Contains(OccupationTeacher.ValidateJob(job, context, requiredYears: 4), e => e.Contains("at least 4 years", StringComparison.Ordinal));
        Assert.Empty(OccupationTeacher.ValidateJob(job with { JobDescription = job.JobDescription + " You bring 4+ years of experience." }, context, requiredYears: 4));
        Assert.NotEmpty(OccupationTeacher.ValidateJob(job with { JobDescription = job.JobDescription + " You bring 14 years of experience." }, context, requiredYears: 4));
    }

    [Fact]
    public async Task RemovedExperienceLinesAreWholeLinesOfTheMatchedResumeAndAbsentFromTheUnmatchedOne()
    {
        var records = await TeachAsync(40, seed: 7);

        var withRemoved = records.Where(r => r.RemovedExperiences is { Count: > 0 }).ToList();
        Assert.InRange(withRemoved.Count, records.Count / 5, records.Count * 3 / 5);
        Assert.All(records, r => Assert.NotNull(r.RemovedExperiences));
        foreach (var record in withRemoved)
        {
            var line = Assert.Single(record.RemovedExperiences!);
            Assert.Contains(line, Lines(record.ResumeMatched));
            Assert.DoesNotContain(line, record.ResumeUnmatched, StringComparison.Ordinal);
            Assert.StartsWith("- ", line, StringComparison.Ordinal);
            Assert.True(Lines(record.ResumeUnmatched).Count(l => l.StartsWith("- ", StringComparison.Ordinal)) >= 1, record.ResumeUnmatched);
        }
    }

    [Fact]
    public void EqualYearsAreValidButAnUnchangedResumeOrAYearsChangeTheInputDidNotAskForIsNot()
    {
        var skill = new ContextSkillEntry("http://example.org/s/knead", "knead food products", "essential", "skill", ["knead dough"], null, []);
        var other = new ContextSkillEntry("http://example.org/s/hygiene", "food safety principles", "essential", "knowledge", [], null, []);
        var context = new[] { skill, other }.ToDictionary(s => s.Uri);
        const string Matched = "Anna Weber - Baker\nBaker with 6 years of experience.\n\nExperience:\n- Stadtbäckerei, Baker (6 years): knead dough; applied food safety principles.";
        const string Unmatched = "Anna Weber - Baker\nBaker with 6 years of experience.\n\nExperience:\n- Stadtbäckerei, Baker (6 years): applied food safety principles.";
        var answer = new ResumesAnswer(Matched, [skill.Uri, other.Uri], 6, Unmatched, [other.Uri], 6, []);
        var keep = new ResumeFilter(6, 6, RemoveExperience: false);

        Assert.Empty(OccupationTeacher.ValidateResumes(answer, context, [skill.Uri], keep));
        Assert.Contains(OccupationTeacher.ValidateResumes(answer with { ResumeUnmatched = Matched, UnmatchedSkills = [other.Uri] }, context, [skill.Uri], keep), e => e.Contains("must differ", StringComparison.Ordinal));
        Assert.Contains(OccupationTeacher.ValidateResumes(answer with { UnmatchedYears = 3 }, context, [skill.Uri], keep), e => e.Contains("unmatchedYears", StringComparison.Ordinal));
        Assert.Contains(OccupationTeacher.ValidateResumes(answer, context, [skill.Uri], new ResumeFilter(6, 6, RemoveExperience: true)), e => e.Contains("removedExperiences", StringComparison.Ordinal));
        Assert.Contains(OccupationTeacher.ValidateResumes(answer with { RemovedExperiences = ["- Corner Café, Baker (2 years): served customers."] }, context, [skill.Uri], new ResumeFilter(6, 6, RemoveExperience: true)), e => e.Contains("copied exactly", StringComparison.Ordinal));
        Assert.Contains(OccupationTeacher.ValidateResumes(answer with { ResumeUnmatched = Unmatched + " Can knead dough." }, context, [skill.Uri], keep), e => e.Contains("knead dough", StringComparison.Ordinal));
    }

    private async Task<List<TeacherRecord>> TeachAsync(int occupations, int seed)
    {
        var directory = fixture.NewDirectory();
        var options = new TeachOptions { OutputPath = Path.Combine(directory, "teacher.jsonl"), Occupations = occupations, Seed = seed, SentencesPerOccupation = 0, UseCache = false };
        var summary = await fixture.NewRun().RunAsync(options);
        Assert.True(summary.Written >= occupations * 9 / 10, $"{summary.Written} of {occupations} written; rejected: {string.Join(", ", summary.RejectedByReason)}");
        return Jsonl.Read<TeacherRecord>(options.OutputPath);
    }

    private static List<string> RemovedLabels(TeacherRecord record) =>
        [.. record.RemovedSkills.Select(u => record.Context.Skills.First(s => s.Uri == u)).SelectMany(s => s.AltLabels.Prepend(s.Label))];

    private static List<string> Lines(string resume) => [.. resume.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static string NoYears(string line) => YearsPattern().Replace(line, "#");

    private static List<int> AskedYears(string text) => [.. AskedYearsPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\b(\d+)\+? years")]
    private static partial Regex AskedYearsPattern();

    private static List<string> YearsIn(string text) => [.. YearsPattern().Matches(text).Select(m => m.Value)];

    private static List<string> Words(string line) => [.. Regex.Matches(line.ToLowerInvariant(), @"[\w#]+").Select(m => m.Value)];

    private static IEnumerable<string> CompaniesOf(string resume) =>
        Lines(resume).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..l.IndexOf(',', StringComparison.Ordinal)]);

    private static bool IsSubsequence(List<string> small, List<string> big)
    {
        var i = 0;
        foreach (var word in big)
        {
            if (i < small.Count && small[i] == word)
            {
                i++;
            }
        }

        return i == small.Count;
    }

    private static string Show(int years) => years switch
    {
        0 => "less than a year",
        1 => "1 year",
        _ => years.ToString(CultureInfo.InvariantCulture) + " years",
    };

    [GeneratedRegex(@"\b(\d+ years?|less than a year)\b")]
    private static partial Regex YearsPattern();
}
