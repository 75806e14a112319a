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
    public int ResumeTop { get; init; } = 300;

    /// <summary>A job skill the resume scores at least this high is covered (exactly, or partly through a broader/narrower skill).</summary>
    public float CoverThreshold { get; init; } = 0.45f;
}

/// <summary>A text as the matcher sees it: the extractor's ranking of skills, and the text's mean embedding.</summary>
/// <remarks><see cref="Phrases"/>: the unit vectors of the text's candidate phrases (row-major, 384 wide); <see cref="Years"/>: the most years of experience the text states (-1 if it states none).</remarks>
public sealed record TextSkills(IReadOnlyList<SkillMention> Ranked, IReadOnlyDictionary<string, float> ScoreOf, float Floor, float[] Embedding, float[] Phrases, int Years)
{
    public int PhraseCount => Phrases.Length / MiniLmEncoder.Dimension;

    public float Score(string uri) => ScoreOf.TryGetValue(uri, out var s) ? s : Floor;
}

/// <summary>One of the job's skills and how the resume covers it.</summary>
public sealed record JobSkillCoverage(SkillMention Skill, float ResumeScore, Coverage How, string? ViaUri, float ViaScore);

/// <summary>A job/resume pair read by the extractor: each job skill's coverage and the head's input features.</summary>
public sealed record MatchAnalysis(IReadOnlyList<JobSkillCoverage> JobSkills, float[] Features);

/// <summary>
/// Turns a (job, resume) pair into the matcher's features with the student extractor (ONNX) and the skill hierarchy.
/// Thread-safe when the extractor is.
/// </summary>
public sealed partial class MatchAnalyzer(SkillExtractor extractor, SkillFacts facts, MatchFeatureOptions? options = null)
{
    /// <summary>The features, in the order of the head's input columns.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "weighted_coverage",  // Σ w·resumeScore / Σ w over the job's skills (w = the job's score)
        "covered_fraction",   // share of job skills the resume covers exactly (score ≥ threshold)
        "weakest3",           // mean resume score of the three least-covered job skills
        "partial_fraction",   // share of job skills not covered exactly but through a broader/narrower skill
        "mean_gap",           // mean of max(0, jobScore − resumeScore)
        "text_cosine",        // cosine of the two texts' mean embeddings
        "resume_breadth",     // resume skills ≥ threshold / job skills
        "missing_count",      // job skills neither covered exactly nor partly
        "phrase_coverage",    // mean over the job's phrases of the best cosine to a resume phrase
        "weakest_phrases",    // mean of the lowest tenth of those (a requirement the resume never states)
        "resume_years",       // log(1 + years of experience the resume states)
    ];

    public MatchFeatureOptions Options { get; } = options ?? new MatchFeatureOptions();

    public SkillExtractor Extractor { get; } = extractor;

    public SkillFacts Facts { get; } = facts;

    /// <summary>Reads one text: one encoder pass, one scorer pass.</summary>
    public TextSkills Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int d = MiniLmEncoder.Dimension;
        var embedding = new float[d];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new TextSkills([], new Dictionary<string, float>(), 0f, embedding, [], 0);
        }

        var encoded = Extractor.Encoder.Encode(text);
        if (encoded.ChunkCount == 0)
        {
            return new TextSkills([], new Dictionary<string, float>(), 0f, embedding, [], Years(text));
        }

        var ranked = Extractor.Mentions(encoded, Math.Max(Options.ResumeTop, Options.JobTop));
        for (var c = 0; c < encoded.ChunkCount; c++)
        {
            TensorPrimitives.Add(embedding, encoded.ChunkVectors.AsSpan(c * d, d), embedding);
        }

        var norm = TensorPrimitives.Norm(embedding);
        if (norm > 0)
        {
            TensorPrimitives.Divide(embedding, norm, embedding);
        }

        var scoreOf = new Dictionary<string, float>(ranked.Count, StringComparer.Ordinal);
        foreach (var m in ranked)
        {
            scoreOf.TryAdd(m.Uri, m.Score);
        }

        var phrases = (encoded.SpanCount > 0 ? encoded.SpanVectors : encoded.ChunkVectors).ToArray();
        for (var p = 0; p < phrases.Length / d; p++)
        {
            var v = phrases.AsSpan(p * d, d);
            var n = TensorPrimitives.Norm(v);
            if (n > 0)
            {
                TensorPrimitives.Divide(v, n, v);
            }
        }

        return new TextSkills(ranked, scoreOf, ranked.Count > 0 ? ranked[^1].Score : 0f, embedding, phrases, Years(text));
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

    public MatchAnalysis Analyze(string job, string resume) => Compare(Read(job), Read(resume));

    /// <summary>Each job skill's coverage by the resume, and the features.</summary>
    public MatchAnalysis Compare(TextSkills job, TextSkills resume)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(resume);
        var t = Options.CoverThreshold;
        var coverage = new List<JobSkillCoverage>();
        foreach (var skill in JobSkills(job))
        {
            var r = resume.Score(skill.Uri);
            if (r >= t)
            {
                coverage.Add(new JobSkillCoverage(skill, r, Coverage.Exact, null, 0f));
                continue;
            }

            var (how, via, viaScore) = (Coverage.Missing, (string?)null, 0f);
            foreach (var (relation, uris) in new[] { (Coverage.Broader, Facts.Broader(skill.Uri)), (Coverage.Narrower, Facts.Narrower(skill.Uri)) })
            {
                foreach (var uri in uris)
                {
                    if (resume.ScoreOf.TryGetValue(uri, out var s) && s >= t && s > viaScore)
                    {
                        (how, via, viaScore) = (relation, uri, s);
                    }
                }
            }

            coverage.Add(new JobSkillCoverage(skill, r, how, via, viaScore));
        }

        return new MatchAnalysis(coverage, Features(coverage, job, resume, t));
    }

    /// <summary>For every job phrase, the best cosine to any resume phrase: the mean, and the mean of the lowest tenth.</summary>
    private static (float Mean, float Weakest) PhraseCoverage(TextSkills job, TextSkills resume)
    {
        const int d = MiniLmEncoder.Dimension;
        if (job.PhraseCount == 0 || resume.PhraseCount == 0)
        {
            return (0f, 0f);
        }

        var best = new float[job.PhraseCount];
        for (var i = 0; i < best.Length; i++)
        {
            var q = job.Phrases.AsSpan(i * d, d);
            var max = float.NegativeInfinity;
            for (var j = 0; j < resume.PhraseCount; j++)
            {
                max = Math.Max(max, TensorPrimitives.Dot(q, resume.Phrases.AsSpan(j * d, d)));
            }

            best[i] = max;
        }

        Array.Sort(best);
        var low = Math.Max(1, best.Length / 10);
        return (best.Average(), best.Take(low).Average());
    }

    private static float[] Features(List<JobSkillCoverage> coverage, TextSkills job, TextSkills resume, float threshold)
    {
        var f = new float[FeatureNames.Count];
        f[5] = TensorPrimitives.Dot(job.Embedding, resume.Embedding);
        f[6] = resume.Ranked.Count(m => m.Score >= threshold) / (float)Math.Max(1, coverage.Count);
        (f[8], f[9]) = PhraseCoverage(job, resume);
        // Unknown when the resume states no years: NaN, which the head replaces by the training mean (neutral).
        f[10] = resume.Years >= 0 ? MathF.Log(1 + resume.Years) : float.NaN;
        if (coverage.Count == 0)
        {
            return f;
        }

        float weighted = 0, weights = 0, gap = 0;
        foreach (var c in coverage)
        {
            weighted += c.Skill.Score * c.ResumeScore;
            weights += c.Skill.Score;
            gap += Math.Max(0f, c.Skill.Score - c.ResumeScore);
        }

        f[0] = weighted / weights;
        f[1] = coverage.Count(c => c.How == Coverage.Exact) / (float)coverage.Count;
        f[2] = coverage.Select(c => c.ResumeScore).Order().Take(3).Average();
        f[3] = coverage.Count(c => c.How is Coverage.Broader or Coverage.Narrower) / (float)coverage.Count;
        f[4] = gap / coverage.Count;
        f[7] = coverage.Count(c => c.How == Coverage.Missing);
        return f;
    }
}
