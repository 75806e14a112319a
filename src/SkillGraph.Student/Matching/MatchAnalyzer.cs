using System.Globalization;
using System.Numerics.Tensors;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student.Matching;

/// <summary>How the matcher reads texts: how many skills it takes from a job and a resume, and what counts as covered.</summary>
public sealed record MatchFeatureOptions
{
    /// <summary>The job's skills: the extractor's top this many …</summary>
    public int JobTop { get; init; } = 15;

    /// <summary>
    /// … scoring at least this much. The thresholds depend on the extractor's score scale: 0.45 / 0.45 were chosen for the
    /// shipped heads (student-2-bd5c16b6) by ROC-AUC on the training occupations (the skill features alone: 0.840 there,
    /// flat within ±0.01 over 0.35–0.55; the zero-shot extractor's raw cosines wanted 0.68 / 0.65).
    /// </summary>
    public float JobMinScore { get; init; } = 0.45f;

    /// <summary>How deep the resume's skill ranking is read (a job skill below it gets the ranking's last score).</summary>
    public int ResumeTop { get; init; } = 1000;

    /// <summary>
    /// A job skill is covered (exactly, or partly through a broader/narrower skill) when the resume scores it at least this share
    /// of the job's score for it … (decision 0028: a share, not a fixed score, because the resume is read line by line and its
    /// scores run lower than the job's for the same words; 0.95 and 0.8 chosen on the training occupations' recorded and
    /// removed skills).
    /// </summary>
    public float CoverRatio { get; init; } = 0.95f;

    /// <summary>… or at least this share when a resume line supports the job line that asks for it (cosine ≥ <see cref="SupportThreshold"/>).</summary>
    public float LineCoverRatio { get; init; } = 0.8f;

    /// <summary>A job line is supported when a resume line or phrase reaches this cosine (MiniLM, unit vectors); the head also sees the shares at ± 0.1.</summary>
    public float SupportThreshold { get; init; } = 0.6f;

    /// <summary>At most this many lines of a text are read (a bound on the work one request can ask for).</summary>
    public int MaxLines { get; init; } = 80;

    /// <summary>
    /// Whether a job is read without the lines that ask nothing of the candidate: headings, who the employer is, what it offers,
    /// how to apply (<see cref="EmployerLines"/>, decision 0032). They are no requirement a resume could meet.
    /// </summary>
    public bool SkipEmployerLines { get; init; } = true;

    /// <summary>
    /// … and a job line the rules keep is still the employer's when its meaning is closer to <see cref="EmployerLines.EmployerMeanings"/>
    /// than to <see cref="EmployerLines.CandidateMeanings"/> by more than this (cosine). 0.1: the largest share of requirement
    /// sentences it may take for the employer's was set at 2 % beforehand, measured on replay-train job sentences (7 of 411 at 0.1,
    /// 22 at 0.05; decision 0032).
    /// </summary>
    public float EmployerMargin { get; init; } = 0.1f;

    /// <summary>
    /// Whether a text's lines and phrases go to the encoder in runs cut by length (<see cref="TextEncoder.PackRuns"/>, decision 0034).
    /// The int8 encoder quantises per run, so a head is read the way its features were computed.
    /// </summary>
    public bool PackRuns { get; init; } = true;

    /// <summary>
    /// Whether a resume's past-tense verbs are read in the form ESCO's labels and job ads use ("Monitored vital signs" as "Monitor
    /// vital signs"; <see cref="VerbForms"/>, decision 0041). The spans and lines shown stay the resume's words.
    /// </summary>
    public bool ResumeVerbForms { get; init; } = true;

    /// <summary>
    /// Whether a job's phrases that ask nothing a resume could answer (<see cref="EmployerLines.PhraseAsksNothing"/>: "at least 2",
    /// "$44–$50/hour", "you'll need") are left out of the phrase features and the explanation (decision 0044).
    /// </summary>
    public bool SkipNoisePhrases { get; init; } = true;

    /// <summary>
    /// How well a strong resume is expected to support each job phrase (fitted by the trainer, decision 0045); phrase_shortfall
    /// weighs the resume's support less this. Null: every phrase is expected to be met by nothing (phrase_shortfall is then
    /// weakest_phrases).
    /// </summary>
    public PhraseExpectation? PhraseExpectation { get; init; }

    /// <summary>These options as a match head's metadata (<see cref="MatcherHead"/> reads them back with <see cref="FromMetadata"/>).</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        ["job_top"] = JobTop.ToString(CultureInfo.InvariantCulture),
        ["job_min_score"] = JobMinScore.ToString(CultureInfo.InvariantCulture),
        ["resume_top"] = ResumeTop.ToString(CultureInfo.InvariantCulture),
        ["cover_ratio"] = CoverRatio.ToString(CultureInfo.InvariantCulture),
        ["line_cover_ratio"] = LineCoverRatio.ToString(CultureInfo.InvariantCulture),
        ["support_threshold"] = SupportThreshold.ToString(CultureInfo.InvariantCulture),
        ["max_lines"] = MaxLines.ToString(CultureInfo.InvariantCulture),
        ["skip_employer_lines"] = SkipEmployerLines ? "true" : "false",
        ["employer_margin"] = EmployerMargin.ToString(CultureInfo.InvariantCulture),
        ["pack_runs"] = PackRuns ? "true" : "false",
        ["resume_verb_forms"] = ResumeVerbForms ? "true" : "false",
        ["skip_noise_phrases"] = SkipNoisePhrases ? "true" : "false",
        ["phrase_expectation"] = PhraseExpectation?.ToMetadata() ?? "",
    };

    /// <summary>The metadata keys every head carries (<see cref="ToMetadata"/>'s first seven); the others came later.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = ["job_top", "job_min_score", "resume_top", "cover_ratio", "line_cover_ratio", "support_threshold", "max_lines"];

    /// <summary>
    /// The options a head's metadata names. Keys added later take the value the heads written without them were trained with:
    /// employer lines skipped at margin 0.1 (decision 0032's head, written before the keys), runs not cut by length (before decision 0034),
    /// a resume's verbs read as written (before decision 0041), every job phrase weighed (before decision 0044), no phrase
    /// expectation (before decision 0045; an empty value says the same).
    /// </summary>
    /// <exception cref="KeyNotFoundException">one of <see cref="RequiredKeys"/> is missing.</exception>
    public static MatchFeatureOptions FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new MatchFeatureOptions
        {
            JobTop = int.Parse(metadata["job_top"], CultureInfo.InvariantCulture),
            JobMinScore = float.Parse(metadata["job_min_score"], CultureInfo.InvariantCulture),
            ResumeTop = int.Parse(metadata["resume_top"], CultureInfo.InvariantCulture),
            CoverRatio = float.Parse(metadata["cover_ratio"], CultureInfo.InvariantCulture),
            LineCoverRatio = float.Parse(metadata["line_cover_ratio"], CultureInfo.InvariantCulture),
            SupportThreshold = float.Parse(metadata["support_threshold"], CultureInfo.InvariantCulture),
            MaxLines = int.Parse(metadata["max_lines"], CultureInfo.InvariantCulture),
            SkipEmployerLines = !metadata.TryGetValue("skip_employer_lines", out var skip) || bool.Parse(skip),
            EmployerMargin = metadata.TryGetValue("employer_margin", out var margin) ? float.Parse(margin, CultureInfo.InvariantCulture) : 0.1f,
            PackRuns = metadata.TryGetValue("pack_runs", out var pack) && bool.Parse(pack),
            ResumeVerbForms = metadata.TryGetValue("resume_verb_forms", out var forms) && bool.Parse(forms),
            SkipNoisePhrases = metadata.TryGetValue("skip_noise_phrases", out var noise) && bool.Parse(noise),
            PhraseExpectation = metadata.TryGetValue("phrase_expectation", out var expectation) && expectation.Length > 0 ? PhraseExpectation.FromMetadata(expectation) : null,
        };
    }
}

/// <summary>A text as the matcher sees it: the extractor's ranking of skills, its lines and phrases as unit vectors, its terms and stated years.</summary>
/// <remarks>
/// <see cref="Phrases"/> and <see cref="LineVectors"/>: unit vectors, row-major, 384 wide (a line is encoded on its own, so adding a
/// line never changes another's vector); <see cref="LineTerms"/>: each line's distinct content terms; <see cref="Years"/>: the most
/// years of experience the text states (-1 if it states none).
/// </remarks>
public sealed record TextSkills(
    IReadOnlyList<SkillMention> Ranked,
    IReadOnlyDictionary<string, float> ScoreOf,
    float Floor,
    float[] Phrases,
    IReadOnlyList<string> Lines,
    float[] LineVectors,
    IReadOnlyList<string[]> LineTerms,
    IReadOnlySet<string> Terms,
    int Years)
{
    public static TextSkills Empty { get; } = new([], new Dictionary<string, float>(), 0f, [], [], [], [], new HashSet<string>(), -1);

    public int PhraseCount => Phrases.Length / MiniLmEncoder.Dimension;

    /// <summary>Where each of <see cref="Lines"/> starts in the text (character offsets, the frame of <see cref="Ranked"/>'s spans).</summary>
    public IReadOnlyList<int> LineStarts { get; init; } = [];

    /// <summary>The extent of each phrase (a run of content words, <see cref="Phrase"/>) its candidate spans cover, in text order.</summary>
    public IReadOnlyList<TextSpan> PhraseExtents { get; init; } = [];

    /// <summary>For each row of <see cref="Phrases"/> (a candidate span's vector), the index of its phrase in <see cref="PhraseExtents"/>; -1 for none.</summary>
    public IReadOnlyList<int> PhraseOfRow { get; init; } = [];

    public float Score(string uri) => ScoreOf.TryGetValue(uri, out var s) ? s : Floor;
}

/// <summary>One of the job's skills and how the resume covers it.</summary>
public sealed record JobSkillCoverage(SkillMention Skill, float ResumeScore, Coverage How, string? ViaUri, float ViaScore)
{
    /// <summary>The other readings of the same phrase of the job (<see cref="SkillPlaces"/>), the job's best first.</summary>
    public IReadOnlyList<SkillMention> Alternatives { get; init; } = [];
}

/// <summary>One line of the job and the resume line that supports it best (by meaning, and by shared terms).</summary>
/// <param name="Weight">how much the line asks for: the weight of its terms (0 for a line of stop words).</param>
public sealed record RequirementSupport(string Line, float Weight, float Cosine, float TermRecall, bool Supported);

/// <summary>One phrase of the job (its words, as written) and how close the resume's best line or phrase comes to it (cosine).</summary>
public sealed record PhraseEvidence(string Words, float Cosine);

/// <summary>
/// A job/resume pair read by the extractor: the coverage of the job's skills (a phrase read as several skills is one entry for the
/// readings the resume covers and one for those it lacks), each job line's support, and the head's input features.
/// </summary>
public sealed record MatchAnalysis(IReadOnlyList<JobSkillCoverage> JobSkills, IReadOnlyList<RequirementSupport> Requirements, float[] Features)
{
    /// <summary>Each of the job's phrases, in text order, with its best support in the resume (what weakest_phrases weighs).</summary>
    public IReadOnlyList<PhraseEvidence> JobPhrases { get; init; } = [];
}

/// <summary>
/// Turns a (job, resume) pair into the matcher's features: evidence for each job requirement that survives a change of writing
/// style — the best-supporting resume line by meaning (MiniLM, ONNX) and by shared terms, the skills the extractor (ONNX) finds
/// and the hierarchy between them, and stated years only when both texts state them. Every feature is monotone: adding a line to
/// the resume can only raise it (the head's weights are non-negative, so the score is monotone too). Thread-safe when the
/// extractor is.
/// </summary>
public sealed partial class MatchAnalyzer(SkillExtractor extractor, SkillFacts facts, MatchFeatureOptions? options = null)
{
    /// <summary>The features, in the order of the head's input columns.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "requirement_support",    // mean over job lines (weighted by their terms) of the best cosine to a resume line or phrase
        "requirements_supported", // weighted share of job lines whose best cosine reaches the support threshold
        "requirements_supported_loosely",  // … reaches the support threshold − 0.1
        "requirements_supported_strictly", // … reaches the support threshold + 0.1
        "weakest_requirements",   // mean best cosine of the least-supported third of the job lines
        "phrase_support",         // mean over the job's phrases of the best cosine to a resume phrase or line
        "weakest_phrases",        // mean of the lowest tenth of those
        "term_coverage",          // IDF-weighted share of the job's terms that the resume uses
        "line_term_recall",       // mean over job lines of the best single resume line's IDF-weighted recall of the line's terms
        "skill_coverage",         // share of the job's skills covered (exactly 1, through a broader/narrower skill ½; MatchFeatureOptions.CoverRatio), weighted by the job's scores
        "skill_closeness",        // weighted mean of min(1, resume score / job score) over the job's skills
        "years_enough",           // min(1, resume years / job years) when both state years; 1 otherwise (not weighed: decision 0031)
        "phrase_shortfall",       // mean of the lowest tenth over the job's phrases of (best cosine − what a strong resume is expected to reach; MatchFeatureOptions.PhraseExpectation)
    ];

    private readonly TermWeights _terms = facts.TermWeights;

    // What the employer's side of an ad and a requirement are about, embedded once (EmployerLines).
    private readonly Lazy<(float[][] Employer, float[][] Candidate)> _meanings = new(() =>
        (extractor.Encoder.Encoder.Embed([.. EmployerLines.EmployerMeanings]), extractor.Encoder.Encoder.Embed([.. EmployerLines.CandidateMeanings])));

    // Lines are encoded with their candidate spans pooled from one pass over each phrase (what the extractor does for a long
    // text) rather than one sequence per span: a resume's lines together hold more spans than any one sentence.
    private readonly TextEncoder _lines = LineEncoder(extractor, options, SpanContext.Phrase,
        (options ?? new MatchFeatureOptions()).ResumeVerbForms ? VerbForms.Of(extractor.Catalog) : null);

    // A job's lines in the extractor's own span context when the whole job has few spans (as the extractor reads a short text):
    // the job's skills are what the resume is measured against, and the job need not be monotone.
    private readonly TextEncoder _jobLines = LineEncoder(extractor, options, extractor.Encoder.SpanContext == SpanContext.Standalone ? SpanContext.Standalone : SpanContext.Phrase);

    /// <summary>An encoder for the lines of one text (one reading budget), in <paramref name="context"/> (Standalone falls to Phrase past the extractor's span limit), reading <paramref name="forms"/>' words in their other form.</summary>
    private static TextEncoder LineEncoder(SkillExtractor extractor, MatchFeatureOptions? options, SpanContext context, System.Collections.Frozen.FrozenDictionary<string, string>? forms = null) =>
        new(extractor.Encoder.Encoder, extractor.Encoder.Segmenter.Options with { WordForms = forms }, context)
        {
            StandaloneSpanLimit = extractor.Encoder.StandaloneSpanLimit,
            OneDocument = true,
            PackRuns = (options ?? new MatchFeatureOptions()).PackRuns,
            LabelSpans = extractor.Encoder.LabelSpans,
        };

    /// <summary>
    /// Reads a job description like <see cref="Read"/>, but with the extractor's span context (one sequence per candidate span)
    /// when the whole job has no more candidate spans than the extractor's limit for that, as the extractor reads a short text.
    /// </summary>
    public TextSkills ReadJob(string text, CancellationToken cancellationToken = default) => Read(text, job: true, cancellationToken);

    public MatchFeatureOptions Options { get; } = options ?? new MatchFeatureOptions();

    public SkillExtractor Extractor { get; } = extractor;

    public SkillFacts Facts { get; } = facts;

    /// <summary>
    /// Reads one text line by line: every line is encoded on its own (one encoder pass over all lines' tokens, one over their
    /// phrases), so what a line says never depends on the others; one scorer pass then takes each skill's best chunk and best
    /// phrase over all lines. Adding a line can only add evidence. At most <see cref="MatchFeatureOptions.MaxLines"/> lines are read,
    /// and only as many of them as fit one reading budget (<see cref="SegmenterOptions.MaxTokens"/>, <see cref="SegmenterOptions.MaxSpans"/>).
    /// </summary>
    public TextSkills Read(string text, CancellationToken cancellationToken = default) => Read(text, job: false, cancellationToken);

    private TextSkills Read(string text, bool job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int d = MiniLmEncoder.Dimension;
        var lines = string.IsNullOrWhiteSpace(text) ? [] : TextEvidence.Lines(text, Options.MaxLines);
        if (job && Options.SkipEmployerLines && lines.Count > 0)
        {
            var asks = EmployerLines.AskOfCandidate([.. lines.Select(l => l.Text)]);
            lines = [.. lines.Where((_, i) => asks[i]).Select(l => EmployerLines.RoleValueStart(l.Text) is > 0 and var at ? new TextLine(l.Text[at..], l.Start + at) : l)];
        }

        if (lines.Count == 0)
        {
            return TextSkills.Empty with { Years = Years(text) };
        }

        var encoded = (job ? _jobLines : _lines).EncodeMany([.. lines.Select(l => l.Text)], cancellationToken);
        if (encoded.Any(e => e.ChunkCount == 0))
        {
            // The lines after the reading budget ran out were not read: they are no evidence, and no requirement either.
            var read = Enumerable.Range(0, lines.Count).Where(i => encoded[i].ChunkCount > 0).ToList();
            (lines, encoded) = ([.. read.Select(i => lines[i])], [.. read.Select(i => encoded[i])]);
        }

        var vectors = encoded.Select(e => e.TextVector()).ToList();
        if (job && Options.SkipEmployerLines && lines.Count > 1)
        {
            // Lines the rules kept but whose meaning is the employer's: dropped after reading, so they cost no more reading budget than before.
            var (employer, candidate) = _meanings.Value;
            var asked = Enumerable.Range(0, lines.Count).Where(i => !ByMeaningEmployers(vectors[i], employer, candidate)).ToList();
            if (asked.Count > 0 && asked.Count < lines.Count)
            {
                (lines, encoded, vectors) = ([.. asked.Select(i => lines[i])], [.. asked.Select(i => encoded[i])], [.. asked.Select(i => vectors[i])]);
            }
        }

        var lineVectors = new float[lines.Count * d];
        for (var i = 0; i < lines.Count; i++)
        {
            vectors[i].CopyTo(lineVectors, i * d);
        }

        // One scorer pass over every line's chunks and phrases: it takes the best chunk and the best phrase of each skill, so
        // a skill's score can only rise when a line is added.
        var whole = Concatenate(encoded, lines);
        var ranked = whole.ChunkCount == 0 ? [] : Extractor.Mentions(whole, Options.ResumeTop, cancellationToken);
        var phraseVectors = (whole.SpanCount > 0 ? whole.SpanVectors : whole.ChunkVectors).ToArray();
        for (var p = 0; p < phraseVectors.Length / d; p++)
        {
            MiniLmEncoder.Normalize(phraseVectors.AsSpan(p * d, d));
        }

        var lineTerms = lines.Select(l => TextEvidence.Terms(l.Text).Distinct(StringComparer.Ordinal).ToArray()).ToList();
        var (extents, phraseOfRow) = Extents(whole.Segments);
        var scoreOf = new Dictionary<string, float>(ranked.Count, StringComparer.Ordinal);
        foreach (var m in ranked)
        {
            scoreOf.TryAdd(m.Uri, m.Score);
        }

        return new TextSkills(
            ranked,
            scoreOf,
            ranked.Count > 0 ? ranked[^1].Score : 0f,
            phraseVectors,
            [.. lines.Select(l => l.Text)],
            lineVectors,
            lineTerms,
            lineTerms.SelectMany(t => t).ToHashSet(StringComparer.Ordinal),
            Years(text))
        {
            LineStarts = [.. lines.Select(l => l.Start)],
            PhraseExtents = extents,
            PhraseOfRow = phraseOfRow,
        };
    }

    private bool ByMeaningEmployers(float[] line, float[][] employer, float[][] candidate) =>
        employer.Max(p => TensorPrimitives.Dot(p, line)) - candidate.Max(p => TensorPrimitives.Dot(p, line)) > Options.EmployerMargin;

    /// <summary>
    /// Each phrase's extent (from its first candidate span's start to its last one's end), in text order, and for each candidate span
    /// the index of its phrase's extent (-1 for none).
    /// </summary>
    private static (TextSpan[] Extents, int[] OfSpan) Extents(SegmentedText segments)
    {
        var extents = new TextSpan?[segments.Phrases.Count];
        foreach (var span in segments.Spans)
        {
            if (span.Phrase >= 0 && span.Phrase < extents.Length)
            {
                extents[span.Phrase] = extents[span.Phrase] is { } e ? new TextSpan(Math.Min(e.Start, span.Chars.Start), Math.Max(e.End, span.Chars.End)) : span.Chars;
            }
        }

        var index = new int[extents.Length];
        var kept = 0;
        for (var p = 0; p < extents.Length; p++)
        {
            index[p] = extents[p] is null ? -1 : kept++;
        }

        var ofSpan = segments.Spans.Select(s => s.Phrase >= 0 && s.Phrase < index.Length ? index[s.Phrase] : -1).ToArray();
        return ([.. extents.OfType<TextSpan>()], ofSpan);
    }

    /// <summary>The lines' encodings as one text: their chunks, phrases and spans in line order, with offsets into the whole text.</summary>
    private static EncodedText Concatenate(IReadOnlyList<EncodedText> encoded, IReadOnlyList<TextLine> lines)
    {
        var chunks = new List<TextChunk>();
        var spans = new List<CandidateSpan>();
        var phrases = new List<Phrase>();
        var chunkVectors = new List<float>();
        var spanVectors = new List<float>();
        for (var i = 0; i < encoded.Count; i++)
        {
            var (segments, start) = (encoded[i].Segments, lines[i].Start);
            var (chunk0, phrase0) = (chunks.Count, phrases.Count);
            chunks.AddRange(segments.Chunks.Select(c => c with { Chars = new TextSpan(c.Chars.Start + start, c.Chars.End + start) }));
            phrases.AddRange(segments.Phrases.Select(p => p with { Chunk = p.Chunk + chunk0 }));
            spans.AddRange(segments.Spans.Select(s => s with { Chunk = s.Chunk + chunk0, Phrase = s.Phrase + phrase0, Chars = new TextSpan(s.Chars.Start + start, s.Chars.End + start) }));
            chunkVectors.AddRange(encoded[i].ChunkVectors);
            spanVectors.AddRange(encoded[i].SpanVectors);
        }

        return new EncodedText(new SegmentedText(chunks, spans, phrases), [.. chunkVectors], [.. spanVectors]);
    }

    /// <summary>The most years of experience a text states ("5 years of experience", "(4 years)", "five years"); -1 when it states none.</summary>
    internal static int Years(string text)
    {
        var most = -1;
        foreach (System.Text.RegularExpressions.Match m in YearsPattern().Matches(text))
        {
            var number = m.Groups[1].Value;
            var y = int.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var digits) ? digits : Array.IndexOf(NumberWords, number.ToLowerInvariant());
            if (y is >= 0 and < 60)
            {
                most = Math.Max(most, y);
            }
        }

        return most;
    }

    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\+?\s*(?:years?|yrs?)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex YearsPattern();

    /// <summary>The job's skills: its top <see cref="MatchFeatureOptions.JobTop"/> above <see cref="MatchFeatureOptions.JobMinScore"/>.</summary>
    public IReadOnlyList<SkillMention> JobSkills(TextSkills job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return [.. job.Ranked.Take(Options.JobTop).Where(m => m.Score >= Options.JobMinScore)];
    }

    /// <summary>The coverage by the resume of the job's skills (entries as <see cref="Shown"/> makes them), each job line's support, and the features.</summary>
    public MatchAnalysis Compare(TextSkills job, TextSkills resume)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(resume);
        var lineSupport = LineSupport(job, resume);
        var coverage = new List<JobSkillCoverage>();
        var jobSkills = JobSkills(job);
        foreach (var skill in jobSkills)
        {
            // The share of the job's score the resume must reach: lower when a resume line supports the job line asking for it.
            var line = MentionLines.IndexOf(job, skill);
            var ratio = line >= 0 && lineSupport[line] >= Options.SupportThreshold ? Options.LineCoverRatio : Options.CoverRatio;
            var needed = ratio * skill.Score;
            var r = resume.Score(skill.Uri);
            if (r >= needed)
            {
                coverage.Add(new JobSkillCoverage(skill, r, Coverage.Exact, null, 0f));
                continue;
            }

            var (how, via, viaScore) = (Coverage.Missing, (string?)null, 0f);
            foreach (var (relation, uris) in new[] { (Coverage.Broader, Facts.Broader(skill.Uri)), (Coverage.Narrower, Facts.Narrower(skill.Uri)) })
            {
                foreach (var uri in uris)
                {
                    if (resume.ScoreOf.TryGetValue(uri, out var s) && s >= needed && s > viaScore)
                    {
                        (how, via, viaScore) = (relation, uri, s);
                    }
                }
            }

            coverage.Add(new JobSkillCoverage(skill, r, how, via, viaScore));
        }

        var requirements = Requirements(job, resume, lineSupport);
        var phraseSupport = PhraseSupport(job, resume);

        return new MatchAnalysis(Shown(coverage), requirements, Features(coverage, requirements, phraseSupport, job, resume)) { JobPhrases = JobPhrases(job, jobSkills, phraseSupport) };
    }

    /// <summary>
    /// The job's skills as the Explainer lists them: readings whose spans overlap (<see cref="SkillPlaces"/>: "agile process" read as
    /// "Agile development" and as "Agile project management") are alternatives for one thing the job asks, and those the resume
    /// covers are one entry, those it lacks another. Each entry shows its best-covered reading (exactly, then through a
    /// broader/narrower skill), the job's best among equals, with the others as its <see cref="JobSkillCoverage.Alternatives"/>.
    /// A reading's own coverage is never changed by its alternatives', and the features weigh every reading (decision 0037).
    /// </summary>
    private static List<JobSkillCoverage> Shown(List<JobSkillCoverage> coverage)
    {
        var (placed, _) = SkillPlaces.Of([.. coverage.Select(c => c.Skill)]);
        return [.. Enumerable.Range(0, coverage.Count)
            .GroupBy(i => (placed[i].Place, Covered: coverage[i].How != Coverage.Missing))
            .Select(entry =>
            {
                var shown = entry.MaxBy(i => (Rank(coverage[i].How), -i));
                return coverage[shown] with { Alternatives = [.. entry.Where(i => i != shown).Select(i => coverage[i].Skill)] };
            })];

        static int Rank(Coverage how) => how == Coverage.Exact ? 2 : how == Coverage.Missing ? 0 : 1;
    }

    /// <summary>For every job line, the best cosine to a resume line or phrase (0 when the resume has none).</summary>
    private static float[] LineSupport(TextSkills job, TextSkills resume)
    {
        const int d = MiniLmEncoder.Dimension;
        var best = new float[job.Lines.Count];
        for (var i = 0; i < best.Length; i++)
        {
            var q = job.LineVectors.AsSpan(i * d, d);
            best[i] = Math.Max(0f, Math.Max(BestCosine(q, resume.LineVectors), BestCosine(q, resume.Phrases)));
        }

        return best;
    }

    /// <summary>For every job line with content terms: the best resume line or phrase by cosine, and the best resume line by term recall.</summary>
    private List<RequirementSupport> Requirements(TextSkills job, TextSkills resume, float[] lineSupport)
    {
        var result = new List<RequirementSupport>(job.Lines.Count);
        for (var i = 0; i < job.Lines.Count; i++)
        {
            var terms = job.LineTerms[i];
            var weight = MathF.Min(30f, terms.Sum(_terms.Weight));
            if (weight <= 0)
            {
                continue;
            }

            var cosine = lineSupport[i];
            var recall = 0f;
            foreach (var line in resume.LineTerms)
            {
                recall = Math.Max(recall, Recall(terms, line));
            }

            result.Add(new RequirementSupport(job.Lines[i], weight, cosine, recall, cosine >= Options.SupportThreshold));
        }

        return result;
    }

    /// <summary>The IDF-weighted share of <paramref name="wanted"/> that <paramref name="given"/> contains.</summary>
    private float Recall(string[] wanted, string[] given)
    {
        float hit = 0, all = 0;
        foreach (var term in wanted)
        {
            var w = _terms.Weight(term);
            all += w;
            if (Array.IndexOf(given, term) >= 0)
            {
                hit += w;
            }
        }

        return all > 0 ? hit / all : 0f;
    }

    /// <summary>The highest cosine of <paramref name="query"/> to any of <paramref name="vectors"/> (unit vectors, row-major); 0 when there are none.</summary>
    private static float BestCosine(ReadOnlySpan<float> query, float[] vectors)
    {
        const int d = MiniLmEncoder.Dimension;
        var best = float.NegativeInfinity;
        for (var j = 0; j < vectors.Length / d; j++)
        {
            best = Math.Max(best, TensorPrimitives.Dot(query, vectors.AsSpan(j * d, d)));
        }

        return vectors.Length < d ? 0f : best;
    }

    /// <summary>
    /// For every row of the job's <see cref="TextSkills.Phrases"/>, the best cosine to any resume phrase or line; -1 for a row whose
    /// phrase asks nothing (<see cref="MatchFeatureOptions.SkipNoisePhrases"/>). Empty when either side has none.
    /// </summary>
    public float[] PhraseSupport(TextSkills job, TextSkills resume)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(resume);
        var support = BestPhraseSupport(job, resume);
        if (Options.SkipNoisePhrases)
        {
            SkipNoise(job, support);
        }

        return support;
    }

    /// <summary>For every row of the job's <see cref="TextSkills.Phrases"/>, the best cosine to any resume phrase or line (empty when either side has none).</summary>
    private static float[] BestPhraseSupport(TextSkills job, TextSkills resume)
    {
        const int d = MiniLmEncoder.Dimension;
        if (job.PhraseCount == 0 || (resume.PhraseCount == 0 && resume.Lines.Count == 0))
        {
            return [];
        }

        var best = new float[job.PhraseCount];
        for (var i = 0; i < best.Length; i++)
        {
            var q = job.Phrases.AsSpan(i * d, d);
            best[i] = Math.Max(0f, Math.Max(BestCosine(q, resume.Phrases), BestCosine(q, resume.LineVectors)));
        }

        return best;
    }

    /// <summary>Marks the support of the job's rows whose phrase asks nothing (<see cref="EmployerLines.PhraseAsksNothing"/>) as -1: no evidence either way.</summary>
    private static void SkipNoise(TextSkills job, float[] support)
    {
        var noise = new bool?[job.PhraseExtents.Count];
        for (var row = 0; row < support.Length && row < job.PhraseOfRow.Count; row++)
        {
            if (job.PhraseOfRow[row] is >= 0 and var p && p < noise.Length)
            {
                noise[p] ??= MentionLines.Locate(job, job.PhraseExtents[p]) is ( >= 0 and var line, var from, var to) && EmployerLines.PhraseAsksNothing(job.Lines[line][from..to]);
                support[row] = noise[p] == true ? -1f : support[row];
            }
        }
    }

    /// <summary>The mean of <paramref name="support"/>, and the mean of its lowest tenth (rows marked -1 left out).</summary>
    private static (float Mean, float Weakest) MeanAndWeakest(float[] support)
    {
        var read = support.Where(s => s >= 0f).Order().ToArray();
        return read.Length == 0 ? (0f, 0f) : (read.Average(), LowestTenth(read));
    }

    /// <summary>The mean of the lowest tenth of <paramref name="values"/> (at least one; 0 when there are none).</summary>
    private static float LowestTenth(IReadOnlyCollection<float> values) =>
        values.Count == 0 ? 0f : values.Order().Take(Math.Max(1, values.Count / 10)).Average();

    /// <summary>
    /// The mean of the lowest tenth of the job's phrase rows' support less what a strong resume is expected to give each
    /// (<see cref="MatchFeatureOptions.PhraseExpectation"/>; rows marked -1 left out). The expectation depends on the job alone,
    /// so adding a resume line can only raise it.
    /// </summary>
    private float Shortfall(TextSkills job, float[] support)
    {
        const int d = MiniLmEncoder.Dimension;
        if (support.Length == 0 && job.PhraseCount > 0)
        {
            // A resume with nothing to read supports no phrase: each falls short by all that is expected of it.
            support = new float[job.PhraseCount];
            if (Options.SkipNoisePhrases)
            {
                SkipNoise(job, support);
            }
        }

        var expectation = Options.PhraseExpectation;
        var gaps = new List<float>(support.Length);
        for (var row = 0; row < support.Length; row++)
        {
            if (support[row] >= 0f)
            {
                gaps.Add(support[row] - (expectation?.Expected(job.Phrases.AsSpan(row * d, d)) ?? 0f));
            }
        }

        return LowestTenth(gaps);
    }

    /// <summary>
    /// Each job phrase that asks for something — two content words or more, or the place of one of the job's skills ("Excel";
    /// not "looking" or "needed") — with its words and its best support: the best of its rows (its candidate spans, or its one
    /// phrase vector).
    /// </summary>
    private static List<PhraseEvidence> JobPhrases(TextSkills job, IReadOnlyList<SkillMention> jobSkills, float[] support)
    {
        var skillSpans = jobSkills.SelectMany(m => m.Spans).ToList();
        var best = new float[job.PhraseExtents.Count];
        Array.Fill(best, -1f);
        for (var row = 0; row < support.Length && row < job.PhraseOfRow.Count; row++)
        {
            if (job.PhraseOfRow[row] is >= 0 and var p && p < best.Length)
            {
                best[p] = Math.Max(best[p], support[row]);
            }
        }

        var phrases = new List<PhraseEvidence>(best.Length);
        for (var p = 0; p < best.Length; p++)
        {
            var extent = job.PhraseExtents[p];
            var (line, from, to) = MentionLines.Locate(job, extent);
            if (best[p] < 0 || line < 0)
            {
                continue;
            }

            var words = job.Lines[line][from..to];
            if (TextEvidence.Terms(words).Skip(1).Any() || skillSpans.Any(s => extent.Start <= s.Start && s.End <= extent.End))
            {
                phrases.Add(new PhraseEvidence(words, best[p]));
            }
        }

        return phrases;
    }

    private float[] Features(List<JobSkillCoverage> coverage, List<RequirementSupport> requirements, float[] phraseSupport, TextSkills job, TextSkills resume)
    {
        var f = new float[FeatureNames.Count];
        if (requirements.Count > 0)
        {
            var weights = requirements.Sum(r => r.Weight);
            f[0] = requirements.Sum(r => r.Weight * r.Cosine) / weights;
            f[1] = requirements.Where(r => r.Supported).Sum(r => r.Weight) / weights;
            f[2] = requirements.Where(r => r.Cosine >= Options.SupportThreshold - 0.1f).Sum(r => r.Weight) / weights;
            f[3] = requirements.Where(r => r.Cosine >= Options.SupportThreshold + 0.1f).Sum(r => r.Weight) / weights;
            f[4] = requirements.Select(r => r.Cosine).Order().Take(Math.Max(1, requirements.Count / 3)).Average();
            f[8] = requirements.Sum(r => r.Weight * r.TermRecall) / weights;
        }

        (f[5], f[6]) = MeanAndWeakest(phraseSupport);
        f[12] = Shortfall(job, phraseSupport);
        float termsHit = 0, termsAll = 0;
        foreach (var term in job.Terms)
        {
            var w = _terms.Weight(term);
            termsAll += w;
            if (resume.Terms.Contains(term))
            {
                termsHit += w;
            }
        }

        f[7] = termsAll > 0 ? termsHit / termsAll : 0f;

        // Weighed only when both texts state years: a resume that states none is not taken to fall short (decision 0031).
        f[11] = job.Years > 0 && resume.Years >= 0 ? Math.Min(1f, resume.Years / (float)job.Years) : 1f;
        if (coverage.Count == 0)
        {
            return f;
        }

        float credit = 0, close = 0, scores = 0;
        foreach (var c in coverage)
        {
            var w = Math.Max(1e-3f, c.Skill.Score);
            scores += w;
            credit += w * (c.How == Coverage.Exact ? 1f : c.How == Coverage.Missing ? 0f : 0.5f);
            close += w * Math.Clamp(Math.Max(c.ResumeScore, c.ViaScore * 0.5f) / w, 0f, 1f);
        }

        f[9] = credit / scores;
        f[10] = close / scores;
        return f;
    }
}
