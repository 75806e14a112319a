using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Student;
using SkillGraph.Student.Serving;

namespace SkillGraph.Server.Tests.Walks;

/// <summary>
/// Hostile texts for the students through real HTTP on the full ESCO store (issue 15, item 3; <see cref="HostileTexts"/>): each
/// gets a normal answer or a <c>BAD_INPUT</c> naming the field, never a 500; every span lies inside the text on character
/// boundaries; the request's time limit stops the ONNX work. The bound on the work is checked in HostileTextBoundsTests and
/// timed by bench/hostile.sh.
/// </summary>
[Collection(EscoCollection.Name)]
public sealed class HostileTextTests(EscoServerFixture esco)
{
    private const string Extract = "query($text: String!) { extractSkills(text: $text, first: 10) { model skills { uri score spans { start end text } } } }";

    private const string Match = """
        query($job: String!, $resume: String!) {
          matchResume(jobDescription: $job, resume: $resume) { score matched coveredSkills { uri } missingSkills { uri } explanation suggestedEdits }
        }
        """;

    private const string Job = "We need a backend developer with Java, SQL and 5 years of experience.";

    public static TheoryData<string> Names { get; } = [.. HostileTexts.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EachHostileTextGetsSkillsWithSpansInsideItOnCharacterBoundaries(string name)
    {
        await esco.Factory.Services.GetRequiredService<StudentSkillExtractor>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
        var text = HostileTexts.All.Single(t => t.Name == name).Text;
        var answer = await PostAsync(Extract, ("text", text));
        if (!IsWellFormed(text))
        {
            // JSON cannot carry a lone surrogate as a string: the body is refused, naming why; a GraphQL literal can carry it.
            answer = await PostAsync(InlineExtract(text));
        }

        var skills = answer.Data()["extractSkills"]!["skills"]!.AsArray();
        Assert.InRange(skills.Count, 0, 10);
        foreach (var span in skills.SelectMany(s => s!["spans"]!.AsArray()))
        {
            var (start, end) = (span!["start"]!.GetValue<int>(), span["end"]!.GetValue<int>());
            Assert.InRange(start, 0, text.Length - 1);
            Assert.InRange(end, start + 1, text.Length);
            Assert.False(Splits(text, start) || Splits(text, end), $"{name}: the span [{start}, {end}) splits a surrogate pair");
            // JSON (UTF-8) cannot carry a lone surrogate: the span's text shows it as U+FFFD, one code unit for one.
            Assert.Equal(WellFormed(text[start..end]), span["text"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EachHostileTextAsJobAndResumeGetsAMatchWithAnExplanation(string name)
    {
        await esco.Factory.Services.GetRequiredService<StudentResumeMatcher>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
        var text = HostileTexts.All.Single(t => t.Name == name).Text;
        foreach (var (job, resume) in new[] { (text, text), (Job, text) })
        {
            var answer = IsWellFormed(text)
                ? await PostAsync(Match, ("job", job), ("resume", resume))
                : await PostAsync($"{{ matchResume(jobDescription: {Escape(job)}, resume: {Escape(resume)}) {{ score explanation }} }}");
            var match = answer.Data()["matchResume"]!;
            Assert.InRange(match["score"]!.GetValue<double>(), 0, 1);
            Assert.StartsWith("Score ", match["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
            // a line quoted from a well-formed text is cut on character boundaries (a split pair would come back as U+FFFD)
            Assert.False(IsWellFormed(text) && match["explanation"]!.GetValue<string>().Contains('\uFFFD', StringComparison.Ordinal), $"{name}: the explanation splits a surrogate pair");
        }
    }

    [Fact]
    public async Task ALoneSurrogateInAJsonStringIsRefusedWithBadInputNamingItAndAGraphQLLiteralGetsAnAnswer()
    {
        await esco.Factory.Services.GetRequiredService<StudentResumeMatcher>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
        foreach (var text in new[] { "Java \uD800 SQL", "\uDC00Java", "Java \uD800\uD800 SQL \uDFFF", "\uD83D" })
        {
            foreach (var (query, name) in new[] { (Extract, "text"), ("query($text: String!) { matchResume(jobDescription: \"Java developer\", resume: $text) { score } }", "text") })
            {
                var (status, refused) = await SendAsync("{\"query\":" + Escape(query) + ",\"variables\":{\"" + name + "\":" + Escape(text) + "}}");
                Assert.Equal(HttpStatusCode.BadRequest, status);
                Assert.Equal("BAD_INPUT", refused.FirstErrorCode());
                Assert.Contains("surrogate", refused.FirstError(), StringComparison.OrdinalIgnoreCase);
            }

            var extracted = (await PostAsync(InlineExtract(text))).Data()["extractSkills"]!["skills"]!.AsArray();
            Assert.All(extracted.SelectMany(s => s!["spans"]!.AsArray()), span => Assert.InRange(span!["end"]!.GetValue<int>(), 1, text.Length));
            var match = (await PostAsync($"{{ matchResume(jobDescription: \"Java developer\", resume: {Escape(text)}) {{ score }} }}")).Data()["matchResume"]!;
            Assert.InRange(match["score"]!.GetValue<double>(), 0, 1);
        }
    }

    [Fact]
    public async Task TheRequestTimeLimitStopsTheStudentsOnnxWork()
    {
        // The most work a text at the limit asks for: the full token and span budget. A warm machine may finish it within a
        // limit (it did within 0.3 s while the other tests had warmed the student up), so shorter limits are tried in turn;
        // the test fails when none of them stops an ONNX run.
        var text = HostileTexts.All.Single(t => t.Name == "one letter words").Text;
        var outcomes = new List<string>();
        foreach (var limit in new[] { 0.3, 0.1, 0.03 })
        {
            await using var factory = new ServerFactory(esco.DatabasePath, new Dictionary<string, string> { ["GraphQL:Limits:RequestTimeout"] = TimeSpan.FromSeconds(limit).ToString("c", CultureInfo.InvariantCulture) });
            await factory.Services.GetRequiredService<StudentSkillExtractor>().WhenReady.WaitAsync(TimeSpan.FromMinutes(4));
            using var client = factory.CreateClient();
            long cancelled = 0;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StudentTelemetry.MeterName && instrument.Name == "skillgraph.student.cancelled_runs")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref cancelled, value));
            listener.Start();

            var answer = await client.QueryAsync(Extract, new { text });
            Assert.Equal("ok", await client.GetStringAsync("/healthz"));
            if (answer["errors"] is null)
            {
                outcomes.Add(FormattableString.Invariant($"{limit} s: answered within the limit"));
                continue;
            }

            Assert.Contains(FormattableString.Invariant($"limit requestTimeout = {limit} s"), answer.FirstError(), StringComparison.Ordinal);
            if (Interlocked.Read(ref cancelled) >= 1)
            {
                return;
            }

            outcomes.Add(FormattableString.Invariant($"{limit} s: stopped, but no student ONNX run was cancelled"));
        }

        Assert.Fail("no request time limit stopped a student ONNX run: " + string.Join("; ", outcomes));
    }

    /// <summary>
    /// POSTs a query whose variables are written with every non-ASCII character as a \u escape (lone surrogates included, as
    /// JavaScript's JSON.stringify writes them); the answer must be 200, or 400 for a body JSON cannot read — never a 500.
    /// </summary>
    private async Task<JsonObject> PostAsync(string query, params (string Name, string Value)[] variables)
    {
        var (status, answer) = await SendAsync(
            "{\"query\":" + Escape(query) + ",\"variables\":{" + string.Join(",", variables.Select(v => Escape(v.Name) + ":" + Escape(v.Value))) + "}}");
        Assert.True(status == HttpStatusCode.OK || (status == HttpStatusCode.BadRequest && answer.FirstErrorCode() == "BAD_INPUT"), $"{(int)status}: {answer}");
        return answer;
    }

    private async Task<(HttpStatusCode Status, JsonObject Answer)> SendAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await esco.Client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary><c>extractSkills</c> with the text as a GraphQL string literal (its escapes carry any UTF-16 code unit).</summary>
    private static string InlineExtract(string text) => $"{{ extractSkills(text: {Escape(text)}, first: 10) {{ model skills {{ uri score spans {{ start end text }} }} }} }}";

    /// <summary>A JSON (and GraphQL) string literal: printable ASCII as is, every other code unit as a \u escape.</summary>
    private static string Escape(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            json.Append(c is >= ' ' and < (char)0x7F and not '"' and not '\\' ? c.ToString() : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return json.Append('"').ToString();
    }

    private static bool Splits(string text, int at) => at > 0 && at < text.Length && char.IsHighSurrogate(text[at - 1]) && char.IsLowSurrogate(text[at]);

    private static bool IsWellFormed(string text) => WellFormed(text) == text;

    /// <summary>The text with each lone surrogate replaced by U+FFFD, as a UTF-8 JSON writer writes it.</summary>
    private static string WellFormed(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
