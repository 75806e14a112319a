using System.Globalization;
using System.Text;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The Matcher, Explainer and Editor students: the extractor (ONNX) reads the job's and the resume's skills, the
/// graph says which job skills the resume covers exactly or through a broader/narrower skill, and the match head
/// (ONNX) turns that into a score. The Explainer names the resume line behind each covered skill and the job line behind each
/// missing one (the lines holding the extractor's spans); the Editor writes a resume line for each missing skill the job's line
/// grounds, from the job's words and the graph (<see cref="ResumeEditor"/>). Templates, deterministic. Thread-safe; load once and share.
/// </summary>
public sealed class ResumeMatcher : IResumeMatcher, IDisposable
{
    public const string DefaultModelPath = "models/student/matcher.onnx";

    /// <summary>The head shipped inside this assembly (built by MatcherTrainer in SkillGraph.Student.Training; its card says how).</summary>
    public const string EmbeddedModelName = "SkillGraph.Student.Shipped.matcher.onnx";

    public ResumeMatcher(SkillExtractor extractor, SkillFacts facts, MatcherHead head)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(head);
        Head = head;
        Analyzer = new MatchAnalyzer(extractor, facts, head.FeatureOptions);
    }

    public MatcherHead Head { get; }

    public MatchAnalyzer Analyzer { get; }

    public string Version => Head.Version;

    /// <summary>
    /// The head at <paramref name="modelPath"/> (an error if it does not exist), else <see cref="DefaultModelPath"/>
    /// when present, else the head embedded in this assembly.
    /// </summary>
    public static ResumeMatcher Open(SkillExtractor extractor, SkillFacts facts, string? modelPath = null)
    {
        var bytes = LoadModel(modelPath, out _);
        return new ResumeMatcher(extractor, facts, new MatcherHead(bytes));
    }

    /// <summary>The bytes of the head <see cref="Open"/> would load, and where they came from.</summary>
    public static byte[] LoadModel(string? modelPath, out string source)
    {
        if (modelPath is not null)
        {
            if (!File.Exists(modelPath))
            {
                throw new FileNotFoundException($"no matcher model at {modelPath}.", modelPath);
            }

            source = modelPath;
            return File.ReadAllBytes(modelPath);
        }

        if (File.Exists(DefaultModelPath))
        {
            source = DefaultModelPath;
            return File.ReadAllBytes(DefaultModelPath);
        }

        using var stream = typeof(ResumeMatcher).Assembly.GetManifestResourceStream(EmbeddedModelName)
            ?? throw new FileNotFoundException($"no matcher model: none at {DefaultModelPath} and none embedded in SkillGraph.Student; train one (MatcherTrainer) or pass a model path.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        source = "embedded";
        return memory.ToArray();
    }

    /// <summary>How well <paramref name="resume"/> matches <paramref name="jobDescription"/>; <paramref name="cancellationToken"/> stops the ONNX runs.</summary>
    public ResumeMatch Match(string jobDescription, string resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobDescription);
        ArgumentNullException.ThrowIfNull(resume);
        // The two texts are read at once, each on one ONNX thread: two one-thread runs use two cores better than one two-thread
        // run after the other (bench/RESULTS.md).
        TextSkills? job = null, candidate = null;
        using (Analyzer.Extractor.SideBySide())
        {
            try
            {
                Parallel.Invoke(() => job = Analyzer.ReadJob(jobDescription, cancellationToken), () => candidate = Analyzer.Read(resume, cancellationToken));
            }
            catch (AggregateException e)
            {
                cancellationToken.ThrowIfCancellationRequested();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }

        return Match(job!, candidate!);
    }

    public ValueTask<ResumeMatch> MatchAsync(string jobDescription, string resume, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Match(jobDescription, resume, cancellationToken));

    /// <summary>Matches texts already read by <see cref="Analyzer"/> (the job by <see cref="MatchAnalyzer.ReadJob"/>, once for many resumes).</summary>
    public ResumeMatch Match(TextSkills job, TextSkills resume)
    {
        var analysis = Analyzer.Compare(job, resume);
        var score = Head.Score(analysis.Features, 1)[0];
        var facts = Analyzer.Facts;
        var covered = analysis.JobSkills.Where(c => c.How != Coverage.Missing)
            .Select(c => new CoveredSkill(
                c.Skill.Uri, c.Skill.Label, c.How, c.ViaUri, c.ViaUri is null ? null : facts.Label(c.ViaUri), MentionLines.Line(resume, MentionOf(resume, c.ViaUri ?? c.Skill.Uri)))
            { Alternatives = Refs(c.Alternatives) })
            .ToList();
        var missing = analysis.JobSkills.Where(c => c.How == Coverage.Missing)
            .OrderByDescending(c => c.Skill.Score)
            .ToList();
        var jobLines = missing.Select(c => MentionLines.Line(job, c.Skill)).ToList();
        var edits = ResumeEditor.SuggestEach(missing.Select((c, i) => (c.Skill.Label, facts.IsKnowledge(c.Skill.Uri), MentionLines.Words(job, c.Skill), jobLines[i])), facts);
        var missingSkills = missing.Select((c, i) => new ResumeMissingSkill(c.Skill.Uri, c.Skill.Label, jobLines[i], edits[i]) { Alternatives = Refs(c.Alternatives) }).ToList();
        var matched = score >= Head.Threshold;
        return new ResumeMatch(
            Version, score, matched, covered, missingSkills, Explain(score, matched, Head.Threshold, analysis.JobPhrases, Analyzer.Options.SupportThreshold, analysis.Requirements, covered, missingSkills, (job.Years, resume.Years)), [.. edits.OfType<string>()]);
    }

    /// <summary>Skills as the API names them.</summary>
    private static List<ConceptRef> Refs(IReadOnlyList<SkillMention> mentions) =>
        [.. mentions.Select(m => new ConceptRef(ConceptUri.Parse(m.Uri), m.Label, ConceptKind.Skill))];

    /// <summary>The resume's mention of a skill (the best of its spans): where the resume says it.</summary>
    private static SkillMention? MentionOf(TextSkills text, string uri)
    {
        foreach (var mention in text.Ranked)
        {
            if (mention.Uri == uri)
            {
                return mention;
            }
        }

        return null;
    }

    /// <summary>How many of the job's least supported phrases the explanation names.</summary>
    private const int WeakestShown = 3;

    /// <summary>
    /// The explanation: the score; how many of the job's phrases a resume line or phrase says (cosine ≥ <paramref name="supportThreshold"/>)
    /// and the least supported ones — the phrase-level evidence the head weighs most (weakest_phrases) — or, for a job without
    /// phrases, how many of its lines a resume line supports; then which of the job's skills the resume covers (and how) and which it
    /// lacks, and the job line that asks for the most important missing one; and the years of experience, when the job asks for a
    /// number of them (weighed only when the resume states years too).
    /// </summary>
    internal static string Explain(float score, bool matched, float threshold, IReadOnlyList<PhraseEvidence> phrases, float supportThreshold, IReadOnlyList<RequirementSupport> requirements, IReadOnlyList<CoveredSkill> covered, IReadOnlyList<ResumeMissingSkill> missing, (int Job, int Resume) years = default)
    {
        var c = CultureInfo.InvariantCulture;
        var total = covered.Count + missing.Count;
        var text = new StringBuilder();
        // Three decimals when two would print the score and the threshold alike ("Score 0.53 (not a match; the threshold is 0.53)").
        var format = Math.Round(score, 2) == Math.Round(threshold, 2) ? "0.000" : "0.00";
        text.Append(c, $"Score {score.ToString(format, c)} ({(matched ? "a match" : "not a match")}; the threshold is {threshold.ToString(format, c)}). ");
        if (phrases.Count > 0)
        {
            var said = phrases.Count(p => p.Cosine >= supportThreshold);
            text.Append(c, $"The resume says what {said} of the job's {phrases.Count} phrases ask");
            var weakest = phrases.Where(p => p.Cosine < supportThreshold).OrderBy(p => p.Cosine).Take(WeakestShown).Select(p => $"\"{Shorten(p.Words)}\"").ToList();
            text.Append(weakest.Count == 0 ? ". " : $"; the least supported: {string.Join(", ", weakest)}. ");
        }
        else if (requirements.Count > 0)
        {
            var supported = requirements.Count(r => r.Supported);
            text.Append(c, $"A resume line supports {supported} of the job's {requirements.Count} lines");
            var weakest = requirements.Where(r => !r.Supported).MinBy(r => r.Cosine);
            text.Append(weakest is null ? ". " : $"; the least supported: \"{Shorten(weakest.Line)}\". ");
        }

        if (years.Job > 0)
        {
            var stated = years.Resume < 0 ? "none (not weighed)" : string.Create(c, $"{years.Resume} ({(years.Resume >= years.Job ? "enough" : "fewer")})");
            text.Append(c, $"The job asks for {years.Job} years of experience; the resume states {stated}. ");
        }

        if (total == 0)
        {
            text.Append("No ESCO skill was recognised in the job description.");
            return text.ToString();
        }

        var exact = covered.Where(s => s.How == Coverage.Exact).ToList();
        var partial = covered.Where(s => s.How != Coverage.Exact).ToList();
        text.Append(c, $"The resume covers {covered.Count} of the job's {total} recognised skills");
        if (exact.Count > 0)
        {
            text.Append(c, $": {exact.Count} exactly ({Quote(exact.Select(s => s.Label))})");
        }

        if (partial.Count > 0)
        {
            text.Append(exact.Count > 0 ? " and " : ": ");
            text.Append(c, $"{partial.Count} partly — ");
            text.Append(string.Join("; ", partial.Select(s =>
                $"\"{s.Label}\" through the {(s.How == Coverage.Broader ? "broader" : "narrower")} skill \"{s.ViaLabel}\"")));
        }

        text.Append(". ");
        text.Append(missing.Count == 0 ? "No recognised job skill is missing." : $"Missing: {Quote(missing.Select(s => s.Label))}.");
        if (missing.Count > 0 && missing[0].JobLine is { } asks)
        {
            text.Append(c, $" The job asks for \"{missing[0].Label}\" in: \"{asks}\".");
        }

        return text.ToString();

        static string Quote(IEnumerable<string> labels) => string.Join(", ", labels.Select(l => $"\"{l}\""));

        static string Shorten(string line) => line.Length <= 80 ? line : line[..(line.LastIndexOf(' ', 77) is > 20 and var cut ? cut : TextEvidence.Boundary(line, 77))] + "…";
    }

    public void Dispose() => Head.Dispose();
}
