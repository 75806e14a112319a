using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Student.Matching;
using SkillGraph.Student.Serving;

namespace SkillGraph.Server.Tests.Walks;

/// <summary><c>matchResume</c> through real HTTP on the full ESCO store: the student extractor and match head (ONNX) answer, explained from the graph.</summary>
[Collection(EscoCollection.Name)]
public sealed class MatchResumeQueryTests(EscoServerFixture esco)
{
    private const string Query = """
        query($job: String!, $resume: String!) {
          matchResume(jobDescription: $job, resume: $resume) { model score matched coveredSkills { uri label how viaLabel resumeLine alternatives { label } } missingSkills { uri label jobLine suggestedEdit alternatives { label } } explanation suggestedEdits }
        }
        """;

    /// <summary>Waits until the student matcher has loaded (the first request to the fixture's server loads it).</summary>
    private Task StudentReadyAsync() => esco.Factory.Services.GetRequiredService<StudentResumeMatcher>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));

    /// <summary><c>matchResume</c> for the variables (<c>job</c>, <c>resume</c>): its answer.</summary>
    private async Task<JsonNode> MatchAsync(object variables) => (await esco.QueryAsync(Query, variables)).Data()["matchResume"]!;

    private const string Job = """
        We are hiring a software developer.
        What you will do:
        - Debug software and fix defects
        - Design database schemes
        - Perform software unit testing
        - Use object-oriented programming
        """;

    private const string Matched = """
        Software developer with 6 years of experience.
        Experience: debugged software and fixed defects every day; designed database schemes; performed software unit testing; used object-oriented programming.
        Skills: debug software, design database scheme, perform software unit testing, object-oriented programming
        """;

    // the same resume with two of the job's skills taken out and the experience shortened, as the teacher does
    private const string Unmatched = """
        Software developer with 1 year of experience.
        Experience: debugged software and fixed defects every day; used object-oriented programming.
        Skills: debug software, object-oriented programming
        """;

    [Fact]
    public async Task TheResumeWithoutTwoOfTheJobsSkillsMissesThemAndScoresLower()
    {
        await StudentReadyAsync();
        var good = await MatchAsync(new { job = Job, resume = Matched });
        var bad = await MatchAsync(new { job = Job, resume = Unmatched });
        var context = good.ToJsonString() + "\n" + bad.ToJsonString();

        Assert.StartsWith("matcher-", good["model"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(good["score"]!.GetValue<double>() > bad["score"]!.GetValue<double>(), context);
        Assert.True(good["matched"]!.GetValue<bool>(), context);
        Assert.False(bad["matched"]!.GetValue<bool>(), context);

        var goodMissing = good["missingSkills"].Strings("label");
        var badMissing = bad["missingSkills"].Strings("label");
        Assert.True(badMissing.Count > goodMissing.Count, context);
        // what the unmatched resume lacks is about the skills taken out of it
        Assert.Contains(badMissing.Except(goodMissing), l => l.Contains("database", StringComparison.OrdinalIgnoreCase) || l.Contains("test", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(good["coveredSkills"]!.AsArray(), s => s!["label"]!.GetValue<string>().Contains("debug", StringComparison.OrdinalIgnoreCase));
        Assert.All(good["coveredSkills"]!.AsArray(), s => Assert.Contains(s!["how"]!.GetValue<string>(), new[] { "exact", "broader", "narrower" }));

        var edits = bad["suggestedEdits"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        var withEdits = bad["missingSkills"]!.AsArray().Where(s => s!["suggestedEdit"] is not null).ToList();
        Assert.NotEmpty(edits);
        Assert.Equal(withEdits.Select(s => s!["suggestedEdit"]!.GetValue<string>()), edits);
        Assert.All(withEdits, s => AssertNamesTheSkill(s!["suggestedEdit"]!.GetValue<string>(), s["label"]!.GetValue<string>(), s["jobLine"]?.GetValue<string>()));
        Assert.Contains(badMissing[0], bad["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // The job above as a real ad is written: who the employer is, what it offers, how to apply (decision 0032).
    private const string JobAd = """
        We are hiring a software developer.
        Founded in 2004, Northwind Systems builds payroll software for 3,000 small businesses across Europe.
        What you will do:
        - Debug software and fix defects
        - Design database schemes
        - Perform software unit testing
        - Use object-oriented programming
        What we offer:
        - A competitive salary, 30 days of paid holiday and a generous pension plan
        - Private health insurance and a yearly training budget
        We are an equal opportunity employer. To apply, send your CV and a short cover letter through our careers page.
        """;

    [Fact]
    public async Task AnAdsEmployerLinesAreNoRequirementsTheResumeMustMeet()
    {
        await StudentReadyAsync();
        var plain = await MatchAsync(new { job = Job, resume = Matched });
        var ad = await MatchAsync(new { job = JobAd, resume = Matched });
        var context = plain.ToJsonString() + "\n" + ad.ToJsonString();

        // Before, the ad's six employer lines were requirements no resume meets: the same resume scored far lower and its
        // missing skills came from the offer ("develop pension schemes").
        Assert.True(ad["matched"]!.GetValue<bool>(), context);
        Assert.InRange(ad["score"]!.GetValue<double>(), plain["score"]!.GetValue<double>() - 0.05, 1.0);
        var lines = ad["missingSkills"]!.AsArray().Select(s => s!["jobLine"]?.GetValue<string>() ?? string.Empty).ToList();
        Assert.DoesNotContain(lines, l => l.Contains("pension", StringComparison.Ordinal) || l.Contains("Northwind", StringComparison.Ordinal) || l.Contains("apply", StringComparison.Ordinal));
        Assert.DoesNotContain("equal opportunity", ad["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // The job above as a model or a job board prints it: the role as a field, then the posting's own fields (decision 0040).
    private const string JobWithFields = """
        **Job Title:** Software developer
        **Location:** Leeds, UK (hybrid)
        - **Employment Type:** Full-time, permanent
        Salary: £45,000 – £52,000 per annum
        Reports to: Head of Engineering
        What you will do:
        - Debug software and fix defects
        - Design database schemes
        - Perform software unit testing
        - Use object-oriented programming
        """;

    private const string JobWithTitleLine = """
        Software developer
        What you will do:
        - Debug software and fix defects
        - Design database schemes
        - Perform software unit testing
        - Use object-oriented programming
        """;

    [Fact]
    public async Task APostingsFieldsAreNoRequirementsAndItsJobTitleFieldIsReadAsItsTitle()
    {
        await StudentReadyAsync();
        var titled = await MatchAsync(new { job = JobWithTitleLine, resume = Matched });
        var fields = await MatchAsync(new { job = JobWithFields, resume = Matched });
        var context = titled.ToJsonString() + "\n" + fields.ToJsonString();

        // The fields leave the same lines to read as the plain title line does, so the same score and the same lists.
        Assert.Equal(titled["score"]!.GetValue<double>(), fields["score"]!.GetValue<double>(), 6);
        Assert.Equal(titled["coveredSkills"].Strings("label"), fields["coveredSkills"].Strings("label"));
        Assert.Equal(titled["missingSkills"].Strings("label"), fields["missingSkills"].Strings("label"));
        foreach (var word in new[] { "Job Title", "Leeds", "Salary", "Full-time", "Head of Engineering" })
        {
            Assert.DoesNotContain(word, fields["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private const string IssueJob = "Senior Backend Engineer. We are looking for an engineer to design and build scalable microservices in Java and Spring Boot, deploy them on Kubernetes in AWS, and maintain PostgreSQL databases. You will mentor junior developers, take part in code reviews and agile ceremonies, and write automated tests.";

    private const string IssueResume = "Backend developer with 6 years of experience building REST APIs in Java with Spring Boot. Designed PostgreSQL schemas, wrote unit and integration tests with JUnit, and deployed services with Docker. Led code reviews for a team of four.";

    [Fact]
    public async Task EachSkillComesWithTheLineThatSaysItAndEachEditIsALineToPasteInTheJobsWords()
    {
        await StudentReadyAsync();
        var match = await MatchAsync(new { job = IssueJob, resume = IssueResume });
        var context = match.ToJsonString();
        var covered = match["coveredSkills"]!.AsArray();
        var missing = match["missingSkills"]!.AsArray();
        var edits = match["suggestedEdits"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.NotEmpty(covered);
        Assert.NotEmpty(missing);

        // The Explainer quotes the texts themselves: a covered skill's line is the resume's, a missing skill's line the job's.
        Assert.All(covered, s => Assert.Contains(Unbounded(s!["resumeLine"]!.GetValue<string>()), IssueResume, StringComparison.Ordinal));
        Assert.All(missing, s => Assert.Contains(Unbounded(s!["jobLine"]!.GetValue<string>()), IssueJob, StringComparison.Ordinal));

        // The job line is the one holding the job's mention: the span's words, here read back by the extractor on that line alone.
        foreach (var skill in missing)
        {
            var (uri, line) = (skill!["uri"]!.GetValue<string>(), skill["jobLine"]!.GetValue<string>());
            var spans = (await esco.QueryAsync(SpansQuery, new { text = IssueJob })).Data()["extractSkills"]!["skills"]!.AsArray()
                .Where(s => s!["uri"]!.GetValue<string>() == uri)
                .SelectMany(s => s!["spans"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()))
                .ToList();
            if (spans.Count > 0)
            {
                Assert.True(spans.Any(span => Words(span).Any(w => w.Length > 3 && Words(line).Contains(w))), $"{uri}: \"{line}\" holds none of {string.Join(", ", spans)}\n{context}");
            }
        }

        // The Editor: a line for each missing skill the job grounds (suggestedEdits lists them in order), a past-tense verb first,
        // placeholders for the facts, no ESCO definition.
        var withEdits = missing.Where(s => s!["suggestedEdit"] is not null).ToList();
        Assert.NotEmpty(withEdits);
        Assert.Equal(withEdits.Select(s => s!["suggestedEdit"]!.GetValue<string>()), edits);
        foreach (var skill in withEdits)
        {
            var (uri, label, line, edit) = (skill!["uri"]!.GetValue<string>(), skill["label"]!.GetValue<string>(), skill["jobLine"]?.GetValue<string>(), skill["suggestedEdit"]!.GetValue<string>());
            var first = edit.Split(' ')[0];
            Assert.True(char.IsUpper(first[0]) && (first is "Used" or "Applied" || first.EndsWith("ed", StringComparison.Ordinal) || PastForms(label, line).Contains(first)), $"{edit}\n{context}");
            Assert.Matches(@"\[[^\]]+\]", edit);
            var description = (await esco.QueryAsync("query($uri: String!) { skill(uri: $uri) { description } }", new { uri })).Data()["skill"]!["description"]?.GetValue<string>();
            if (!string.IsNullOrWhiteSpace(description))
            {
                Assert.DoesNotContain(description.Trim()[..Math.Min(40, description.Trim().Length)], edit, StringComparison.OrdinalIgnoreCase);
            }

            AssertNamesTheSkill(edit, label, line);
            AssertGroundedInTheJobLine(edit, label, line);
        }

        // The issue's own example: the job asks to "mentor junior developers".
        Assert.Contains(edits, e => e.StartsWith("Mentored [n] junior developers at [", StringComparison.Ordinal));
    }

    private const string SpansQuery = "query($text: String!) { extractSkills(text: $text, first: 30) { skills { uri spans { text } } } }";

    /// <summary>An edit names its skill: every word after its verb (placeholders and the template's "knowledge of" aside) is the job line's or the label's, or the past of one.</summary>
    private static void AssertNamesTheSkill(string edit, string label, string? jobLine)
    {
        var skillWords = SkillWords(edit);
        var source = Words(label).Concat(jobLine is null ? [] : Words(jobLine)).ToHashSet();
        Assert.NotEmpty(skillWords);
        Assert.All(skillWords, w => Assert.True(
            source.Contains(w.ToLowerInvariant()) || source.Any(s => PastTense.Of(s) == w.ToLowerInvariant()),
            $"\"{w}\" of \"{edit}\" is neither in \"{label}\" nor in \"{jobLine}\""));
    }

    /// <summary>
    /// An edit is grounded in the job: its words are all the job line's (the job's own verb phrase), or the job line says every word of
    /// the skill's label (a word of the family: the first five letters alike), so a skill found in one shared word gets no line.
    /// </summary>
    private static void AssertGroundedInTheJobLine(string edit, string label, string? jobLine)
    {
        Assert.NotNull(jobLine);
        var said = Words(jobLine).ToList();
        bool Says(string w) => said.Any(s => s == w || PastTense.Of(s) == w || (Math.Min(s.Length, w.Length) >= 5 && s[..5] == w[..5]));
        var fromJob = SkillWords(edit).Prepend(edit.Split(' ')[0]).All(w => Says(w.ToLowerInvariant()));
        var labelWords = Words(label.Split(" (", 2)[0]).Where(w => w.Length > 3 && w is not "with" and not "from" and not "into").ToList();
        Assert.True(fromJob || labelWords.All(Says), $"\"{edit}\" for \"{label}\": neither the job's words nor the label's, in \"{jobLine}\"");
    }

    private static List<string> SkillWords(string edit) =>
        edit.Split(" at [", 2)[0].Split(" to [", 2)[0].Replace($"{ResumeEditor.KnowledgeOf} ", "", StringComparison.Ordinal).Split(' ').Skip(1).Where(w => !w.StartsWith('[')).ToList();

    private static HashSet<string> PastForms(string label, string? line) =>
        [.. Words(label).Concat(line is null ? [] : Words(line)).Select(w => char.ToUpperInvariant(PastTense.Of(w)[0]) + PastTense.Of(w)[1..])];

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '(', ')', '…'], StringSplitOptions.RemoveEmptyEntries);

    private static string Unbounded(string line) => line.Trim('…');

    /// <summary>Twelve hand-written jobs, each with a strong resume and one from a neighbouring occupation (tests/Shared/HandWritten).</summary>
    public static IReadOnlyList<(string Id, string Job, string Strong, string Neighbour)> HandWritten { get; } =
        [.. File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "tests", "Shared", "HandWritten", "match-pairs.jsonl"))
            .Select(l => JsonNode.Parse(l)!)
            .Select(n => (n["id"]!.GetValue<string>(), n["jobDescription"]!.GetValue<string>(), n["resumeMatched"]!.GetValue<string>(), n["resumeUnmatched"]!.GetValue<string>()))];

    [Fact]
    public async Task JobAdsAndResumesALargeModelWroteAreMatchedAboveTheirFilteredResumesAndBetterThanByTfIdf()
    {
        // corpus/llm-written/held-out.jsonl: 96 ads a large model wrote, each with a strong resume and that resume with some of
        // what the ad asks filtered out (the RJDB recipe); never trained or selected on (decision 0043). Issue 13's targets are
        // pairwise ≥ 0.97 and ROC-AUC ≥ 0.90 on such a set; the shipped head reaches 1.000 and 0.901 here (0.851 before decision
        // 0045's), TF-IDF 0.979 and 0.695.
        await StudentReadyAsync();
        var triples = MatchTriple.ReadJsonl(Path.Combine(TestPaths.RepositoryRoot, "corpus", "llm-written", "held-out.jsonl"));
        Assert.Equal(96, triples.Count);
        var matched = new float[triples.Count];
        var unmatched = new float[triples.Count];
        for (var i = 0; i < triples.Count; i++)
        {
            matched[i] = await Score(triples[i].JobDescription, triples[i].ResumeMatched);
            unmatched[i] = await Score(triples[i].JobDescription, triples[i].ResumeUnmatched);
        }

        var student = MatcherEvaluation.Measure(matched, unmatched, float.NaN);
        var tfIdf = MatchBaselines.TfIdf(triples);
        var report = $"student {student}; TF-IDF {tfIdf}";
        Assert.True(student.PairwiseAccuracy >= 0.97, report);
        Assert.True(student.RocAuc >= 0.87 && student.RocAuc >= tfIdf.RocAuc + 0.15, report);

        async Task<float> Score(string job, string resume) =>
            (await MatchAsync(new { job, resume }))["score"]!.GetValue<float>();
    }

    // The studio's example pair (src/SkillGraph.Studio/src/views/students.ts).
    private const string StudioJob = """
        We are hiring a backend software developer to build our payment services.
        You will design and write Java and SQL code, review pull requests, write unit tests, and work with the product team in an agile process.
        Experience with cloud computing, Linux and continuous integration is a plus.
        """;

    private const string StudioResume = """
        Backend developer with five years of Java and PostgreSQL.
        Wrote unit tests for every change and took part in code reviews. Worked in Scrum teams.
        """;

    [Fact]
    public async Task AJobPhraseReadAsSeveralSkillsIsOneSkillTheJobAsks()
    {
        await StudentReadyAsync();
        var match = await MatchAsync(new { job = StudioJob, resume = StudioResume });
        var context = match.ToJsonString();
        var covered = match["coveredSkills"].Strings("label");
        var missing = match["missingSkills"].Strings("label");

        // "SQL code" is read as "SQL" and as "SQL Server", "an agile process" as "Agile development" and "Agile project management",
        // "cloud computing" as "cloud technologies" and "develop with cloud services": each is one thing the job asks, listed once
        // with its other readings beside it (decision 0037).
        Assert.True(missing.Contains("SQL") && !covered.Concat(missing).Contains("SQL Server"), context);
        var sql = match["missingSkills"]!.AsArray().Single(s => s!["label"]!.GetValue<string>() == "SQL")!;
        Assert.Equal(["SQL Server"], sql["alternatives"].Strings("label"));
        Assert.Single(missing, l => l.StartsWith("Agile", StringComparison.Ordinal));
        Assert.Single(missing, l => l.Contains("cloud", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Java (computer programming)", covered);
        Assert.Contains(FormattableString.Invariant($"covers {covered.Count} of the job's {covered.Count + missing.Count} recognised skills"), match["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandWrittenStrongResumesAreMatchesAndScoreAboveNeighbouringOccupations()
    {
        await StudentReadyAsync();
        var called = 0;
        var report = new List<string>();
        int strongCovers = 0, neighbourCovers = 0, recognised = 0;
        foreach (var (id, job, strong, neighbour) in HandWritten)
        {
            var good = await MatchAsync(new { job, resume = strong });
            var bad = await MatchAsync(new { job, resume = neighbour });
            var (g, b) = (good["score"]!.GetValue<double>(), bad["score"]!.GetValue<double>());
            report.Add(FormattableString.Invariant($"{id}: strong {g:0.000} ({good["matched"]}), neighbour {b:0.000} ({bad["matched"]})"));
            Assert.True(g > b, string.Join("\n", report));
            Assert.False(bad["matched"]!.GetValue<bool>(), string.Join("\n", report));
            called += good["matched"]!.GetValue<bool>() ? 1 : 0;

            // the explanation counts what the lists hold
            var covered = good["coveredSkills"]!.AsArray().Count;
            strongCovers += covered;
            neighbourCovers += bad["coveredSkills"]!.AsArray().Count;
            var total = covered + good["missingSkills"]!.AsArray().Count;
            recognised += total;
            report[^1] += FormattableString.Invariant($"; covers {covered} of {total} skills, the neighbour {bad["coveredSkills"]!.AsArray().Count}");
            if (total > 0)
            {
                Assert.Contains(FormattableString.Invariant($"covers {covered} of the job's {total} recognised skills"), good["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            // the explanation's phrase evidence (what the head weighs most) tells the strong resume from the neighbour's
            var (goodSays, phrases) = PhrasesSaid(good["explanation"]!.GetValue<string>());
            var (badSays, badPhrases) = PhrasesSaid(bad["explanation"]!.GetValue<string>());
            report[^1] += FormattableString.Invariant($"; says {goodSays} of {phrases} phrases, the neighbour {badSays}");
            Assert.Equal(phrases, badPhrases);
            Assert.True(goodSays > badSays, string.Join("\n", report));

            // "chef" in a kitchen's job names the cook, not the configuration tool whose alternative label it also is
            var labels = good["coveredSkills"]!.AsArray().Concat(good["missingSkills"]!.AsArray()).Select(s => s!["label"]!.GetValue<string>()).ToList();
            Assert.DoesNotContain(labels, l => l.Contains("software configuration management", StringComparison.Ordinal));
        }

        // 10 of 12 since the head learns from ads and resumes a large model wrote (decision 0045): the nurse's strong resume says
        // the job in other words ("giving medication and intravenous fluids", "after operations") and lacks two of its asks
        // (emergencies, physiotherapists), which is how a filtered resume looks in that data: 0.43 against a threshold of 0.47
        // (0.60 against 0.55 before; 11 with decision 0041, 10 with decision 0034, 11 with decisions 0031 and 0032, 10 with decision
        // 0030, 9 before). The backend engineer's (0.16) lacks half of its job (Kubernetes, AWS, mentoring, agile). Every strong
        // resume still scores above every neighbour's, across jobs (ROC-AUC 1.000 over the 24).
        Assert.True(called >= 10, $"{called} of {HandWritten.Count} strong resumes called a match:\n{string.Join("\n", report)}");

        // A strong resume covers its job's skills in its own words (39 of 73 listed here, 69 of 134 before decision 0037 listed the
        // readings of one phrase together; 31 when a skill needed the resume to score it 0.45 whatever the job's score and a label
        // in a long text was pooled with its neighbours), a neighbouring occupation's resume almost none (1 here).
        Assert.True(strongCovers * 3 >= recognised, $"strong resumes cover {strongCovers} of {recognised} skills:\n{string.Join("\n", report)}");
        Assert.True(neighbourCovers * 20 <= recognised, $"neighbouring resumes cover {neighbourCovers} of {recognised} skills:\n{string.Join("\n", report)}");
    }

    [Fact]
    public async Task AResumeWithFewerYearsThanTheJobAsksForScoresLowerAndTheExplanationSaysWhy()
    {
        await StudentReadyAsync();
        var job = Job + "- At least 5 years of experience as a software developer\n";
        var enough = await MatchAsync(new { job, resume = Matched });
        var fewer = await MatchAsync(new { job, resume = Matched.Replace("6 years", "2 years", StringComparison.Ordinal) });
        var none = await MatchAsync(new { job, resume = Matched.Replace("6 years", "many years", StringComparison.Ordinal) });

        // the same skills and lines: only the years differ, and they weigh only when both texts state them — a resume that states
        // none is not taken to fall short (decision 0031), so it scores as the one with enough, not as the one with fewer. Measured
        // on the resume that lacks two of the job's skills: the one that has them all scores 1.00 whatever its years since decision
        // 0045's head (0.27, 0.05 and 0.24 here then).
        var partial = Unmatched.Replace("1 year", "6 years", StringComparison.Ordinal);
        var (partialEnough, partialFewer, partialNone) = (
            (await MatchAsync(new { job, resume = partial }))["score"]!.GetValue<double>(),
            (await MatchAsync(new { job, resume = partial.Replace("6 years", "2 years", StringComparison.Ordinal) }))["score"]!.GetValue<double>(),
            (await MatchAsync(new { job, resume = partial.Replace("6 years", "many years", StringComparison.Ordinal) }))["score"]!.GetValue<double>());
        Assert.True(partialEnough > partialFewer + 0.05, $"{partialEnough} vs {partialFewer}");
        Assert.True(partialNone > partialFewer + 0.05, $"{partialNone} vs {partialFewer}");
        Assert.True(enough["score"]!.GetValue<double>() >= fewer["score"]!.GetValue<double>(), $"{enough["score"]} vs {fewer["score"]}");

        // "many years" still supports the job's line "At least 5 years of experience …" less by meaning than "6 years" does
        Assert.True(Math.Abs(partialNone - partialEnough) < 0.12, $"{partialNone} vs {partialEnough}");
        Assert.Contains("The job asks for 5 years of experience; the resume states 6 (enough).", enough["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("The job asks for 5 years of experience; the resume states 2 (fewer).", fewer["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("the resume states none (not weighed)", none["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("years of experience", (await MatchAsync(new { job = Job, resume = Matched }))["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddingALineThatSupportsTheJobNeverLowersTheScore()
    {
        await StudentReadyAsync();
        foreach (var (id, job, strong, neighbour) in HandWritten.Take(3))
        {
            // Start from the neighbouring occupation's resume and add the job's requirements one line at a time.
            var resume = neighbour;
            var before = (await MatchAsync(new { job, resume }))["score"]!.GetValue<double>();
            foreach (var line in job.Split(". ", StringSplitOptions.RemoveEmptyEntries).Take(4))
            {
                resume += "\n" + line.Trim();
                var after = (await MatchAsync(new { job, resume }))["score"]!.GetValue<double>();

                // The int8 encoder quantises activations per run, so a line's vector moves slightly with what it is batched with.
                Assert.True(after >= before - 1e-3, FormattableString.Invariant($"{id}: {before:0.0000} → {after:0.0000} after adding \"{line}\""));
                before = after;
            }
        }
    }

    [Fact]
    public async Task ATooLongResumeIsRefusedWithBadInput()
    {
        var answer = await esco.QueryAsync(Query, new { job = "Java", resume = new string('a', 20_001) });
        Assert.Contains("resume: at most 20000 characters", answer.FirstError(), StringComparison.Ordinal);
        Assert.Equal("BAD_INPUT", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    /// <summary>"The resume says what N of the job's M phrases ask": (N, M).</summary>
    private static (int Said, int Phrases) PhrasesSaid(string explanation)
    {
        var m = System.Text.RegularExpressions.Regex.Match(explanation, @"The resume says what (\d+) of the job's (\d+) phrases ask");
        Assert.True(m.Success, explanation);
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
