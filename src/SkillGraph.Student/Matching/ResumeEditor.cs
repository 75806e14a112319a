using System.Globalization;
using System.Text.RegularExpressions;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The Editor: for a skill the resume lacks, a line a person would paste into it — an action verb in the past tense, the skill in
/// the job's own words (when the job says it as a verb phrase) or ESCO's label, "[n]" before a plural object that states no number,
/// and square-bracket placeholders for what only the candidate knows. Templates over the job's words and the graph: no model, no
/// tool, number or employer that neither names. A line written from the label is suggested only when the job's line says every
/// content word of the label (<see cref="IsGrounded"/>): a skill the extractor found in a word it shares with the job ("clean
/// warehouse" in "extract data from the warehouse") keeps its place among the missing skills but gets no line.
/// </summary>
public static partial class ResumeEditor
{
    /// <summary>Where the candidate did it: every line ends with it.</summary>
    public const string Where = "[employer or project]";

    /// <summary>What came of it, after a verb phrase.</summary>
    public const string Result = "[result]";

    /// <summary>What the candidate did with a subject (a knowledge skill).</summary>
    public const string What = "[what you built or did]";

    /// <summary>Stands for a count the candidate fills in, before a plural object.</summary>
    public const string Count = "[n]";

    /// <summary>The template's words before a field of knowledge ("Applied knowledge of animal nutrition to …").</summary>
    public const string KnowledgeOf = "knowledge of";

    // Words that end the object noun phrase ("databases" in "maintain databases in AWS").
    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "with", "for", "to", "of", "at", "by", "from", "into", "onto", "using", "through", "across", "within", "under",
        "over", "via", "as", "about", "and", "or", "according", "based", "while", "during", "between", "among", "throughout",
    };

    // Words that state how many already.
    private static readonly HashSet<string> Quantities = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "all", "any", "each", "every", "several", "many", "multiple", "various", "some", "few", "one's", "own", "new",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
    };

    // Particles of phrasal verbs ("carry out", "set up").
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "out", "up", "off", "down", "back" };

    // The last word of a knowledge label that names a way of working, which one applies ("Applied cost management to …").
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        "principles", "methods", "methodologies", "methodology", "theory", "theories", "techniques", "practices", "practice", "standards",
        "procedures", "rules", "law", "legislation", "regulations", "policies", "policy", "strategies", "strategy", "management", "model",
        "philosophy", "approach", "approaches",
    };

    // The last word of a knowledge label that names a thing one uses ("Used welding equipment to …").
    private static readonly HashSet<string> Tools = new(StringComparer.OrdinalIgnoreCase)
    {
        "equipment", "software", "tools", "tool", "systems", "system", "technology", "technologies", "devices", "instruments", "machines",
        "machinery", "platforms", "frameworks", "languages", "applications", "infrastructure",
    };

    // Plurals that count nothing: no "[n]" before them ("Secured goods", not "Secured [n] goods"), nor before a way of working.
    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "goods", "resources", "needs", "supplies", "services", "relations", "insights", "affairs", "premises", "means", "findings",
        "finances", "requirements", "skills",
    };

    /// <summary>
    /// The line for one missing skill. <paramref name="jobWords"/>: the job's words for it (the phrase of its mention's span), used
    /// when they are a verb phrase — their first word the label's own verb, or a verb that never heads a knowledge label (so "test
    /// automation" and "driving licence" stay nouns); else the label, a verb phrase when it starts with a verb, else a subject.
    /// </summary>
    public static string Suggest(string label, bool knowledge, string? jobWords, SkillFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Suggest(label, knowledge, jobWords, facts.IsActionVerb, facts.IsOnlyActionVerb);
    }

    /// <summary>
    /// One line per skill, in order, or null where none is grounded in the job: where the job's phrase for a skill already gave an
    /// earlier skill's line (one phrase, several skills found in it), the later skill's line is written from its label instead; a
    /// line written from a label needs the job's line to say every content word of the label (<see cref="IsGrounded"/>); and no line
    /// is suggested twice.
    /// </summary>
    public static IReadOnlyList<string?> SuggestEach(IEnumerable<(string Label, bool Knowledge, string? JobWords, string? JobLine)> skills, SkillFacts facts)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(facts);
        var lines = new List<string?>();
        foreach (var (label, knowledge, jobWords, jobLine) in skills)
        {
            var (line, fromJob) = Compose(label, knowledge, jobWords, facts.IsActionVerb, facts.IsOnlyActionVerb);
            if (lines.Contains(line, StringComparer.Ordinal))
            {
                (line, fromJob) = Compose(label, knowledge, null, facts.IsActionVerb, facts.IsOnlyActionVerb);
            }

            lines.Add(lines.Contains(line, StringComparer.Ordinal) || !(fromJob || IsGrounded(label, jobLine)) ? null : line);
        }

        return lines;
    }

    /// <summary>
    /// Whether the job's line says the skill: every content word of its label (its parenthetical left out: "Java (computer
    /// programming)" needs "Java") is a word of <paramref name="jobLine"/>, stemmed, or of the same family — one the start of the other,
    /// five letters at least ("recruit" and "recruitment", "manage" and "management"); a label that is a name needs its capitalised
    /// words as they are written; false without a line.
    /// </summary>
    public static bool IsGrounded(string label, string? jobLine)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (string.IsNullOrWhiteSpace(jobLine))
        {
            return false;
        }

        var said = TextEvidence.Terms(jobLine).ToHashSet(StringComparer.Ordinal);
        var name = Words(label);
        var terms = TextEvidence.Terms(string.Join(' ', name)).ToList();
        // A name ("Java", "PostgreSQL") is said as it is written: "machinery assembly" does not name "Assembly (computer programming)".
        var written = jobLine.Split(jobLine.Where(c => !char.IsLetterOrDigit(c) && c is not '+' and not '#' and not '-').Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
        var named = !IsNamed(name) || name.Where(w => w.Any(char.IsUpper)).All(w => written.Contains(w, StringComparer.Ordinal));
        return named && terms.Count > 0 && terms.All(t => said.Contains(t) || said.Any(s => Related(s, t)));

        static bool Related(string a, string b) =>
            Math.Min(a.Length, b.Length) >= 5 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal));
    }

    /// <summary><see cref="Suggest(string, bool, string?, SkillFacts)"/> with the two verb tests given.</summary>
    public static string Suggest(string label, bool knowledge, string? jobWords, Func<string, bool> isVerb, Func<string, bool> isOnlyVerb) =>
        Compose(label, knowledge, jobWords, isVerb, isOnlyVerb).Line;

    /// <summary>The line for one skill, and whether it is written from the job's words (else from the label).</summary>
    private static (string Line, bool FromJob) Compose(string label, bool knowledge, string? jobWords, Func<string, bool> isVerb, Func<string, bool> isOnlyVerb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(isVerb);
        ArgumentNullException.ThrowIfNull(isOnlyVerb);
        var name = Words(label) is { Length: > 0 } words ? words : [label.Trim()];
        var job = jobWords is null ? [] : Words(jobWords);
        var labelVerb = !knowledge && name.Length > 0 && (isVerb(name[0].ToLowerInvariant()) || (name.Length > 1 && IsImperative(name[0])))
            ? name[0].ToLowerInvariant()
            : null;
        var jobVerb = job.Length > 1 ? job[0].ToLowerInvariant() : null;
        if (jobVerb is not null && (jobVerb == labelVerb || isOnlyVerb(jobVerb)))
        {
            return (Action(jobVerb, job[1..], isVerb, isOnlyVerb), true);
        }

        if (labelVerb is not null)
        {
            return (Action(labelVerb, name[1..], isVerb, isOnlyVerb), false);
        }

        // "safely operate forklifts": the verb after the adverb, the adverb after the object.
        if (!knowledge && name.Length > 2 && name[0].EndsWith("ly", StringComparison.Ordinal) && isVerb(name[1]))
        {
            return (Action(name[1], name[2..], isVerb, isOnlyVerb, name[0]), false);
        }

        return (Subject(name), false);
    }

    /// <summary>
    /// A subject (a knowledge skill, or a label that is no verb phrase): a way of working is applied ("Applied cost management to …"),
    /// a tool or a named product used ("Used welding equipment to …", "Used Java to …"), a field's knowledge applied ("Applied
    /// knowledge of animal nutrition to …").
    /// </summary>
    private static string Subject(string[] name)
    {
        var subject = string.Join(' ', name);
        var head = name[^1];
        var phrase = name.Length > 1 && Methods.Contains(head) ? $"Applied {subject}"
            : Tools.Contains(head) || IsNamed(name) ? $"Used {subject}"
            : $"Applied {KnowledgeOf} {subject}";
        return $"{phrase} to {What} at {Where}.";
    }

    /// <summary>
    /// A label that names a product, a language or a brand: one capitalised word ("Java", "Chef"), or a capital or a digit after a
    /// word's first letter ("PostgreSQL", "SQL Server", "DevOps"); not a field ESCO writes with a capital first letter ("Earth science").
    /// </summary>
    private static bool IsNamed(string[] name) =>
        (name.Length == 1 && char.IsUpper(name[0][0])) || name.Any(w => w.Skip(1).Any(c => char.IsUpper(c) || char.IsDigit(c)));

    /// <summary>"Mentored [n] junior developers at [employer or project], [result]."; a verb after "and"/"or" goes in the past too ("Designed and built …").</summary>
    internal static string Action(string verb, IReadOnlyList<string> rest, Func<string, bool> isVerb, Func<string, bool> isOnlyVerb, string? adverb = null)
    {
        var words = new List<string>(rest.Count + 2) { Capitalise(PastTense.Of(verb)) };
        var start = 0;
        // "carry out …", "set up …": the particle stays with its verb.
        if (rest.Count > 1 && Particles.Contains(rest[0]))
        {
            words.Add(rest[0]);
            start = 1;
        }

        // "design and build …": the second verb of the pair may be one that also heads a knowledge label ("test and inspect").
        if (rest.Count >= start + 2 && rest[start] is "and" or "or" && isVerb(rest[start + 1].ToLowerInvariant()))
        {
            words.Add(rest[start]);
            words.Add(PastTense.Of(rest[start + 1]));
            start += 2;
        }

        var end = start;
        while (end < rest.Count && !Prepositions.Contains(rest[end]))
        {
            end++;
        }

        if (end > start && IsPlural(rest[end - 1]) && !Uncounted.Contains(rest[end - 1]) && !Methods.Contains(rest[end - 1])
            && !rest.Skip(start).Take(end - start).Any(w => Quantities.Contains(w) || w.Any(char.IsDigit)))
        {
            words.Add(Count);
        }

        for (var i = start; i < rest.Count; i++)
        {
            // "… the external audit and produce budgets": a later verb of the job's phrase, in the past as well.
            words.Add(i > start && rest[i - 1] is "and" or "or" && isOnlyVerb(rest[i].ToLowerInvariant()) ? PastTense.Of(rest[i]) : rest[i]);
        }

        if (adverb is not null)
        {
            words.Add(adverb);
        }

        return $"{string.Join(' ', words)} at {Where}, {Result}.";
    }

    /// <summary>
    /// The first word of a skill's label of two words or more, read as ESCO's imperative ("correspond with licence applicants"):
    /// lower case, letters and hyphens, not an adverb ("accurately") and not a gerund ("handling chemical products").
    /// </summary>
    private static bool IsImperative(string word) =>
        word.Length > 1 && word.All(c => char.IsAsciiLetterLower(c) || c == '-') && !word.EndsWith("ing", StringComparison.Ordinal)
        && !(word.EndsWith("ly", StringComparison.Ordinal) && !word.EndsWith("ply", StringComparison.Ordinal));

    /// <summary>A lower-case noun in the plural ("developers", "databases"; not "analysis", "business", "physics", "Kubernetes").</summary>
    internal static bool IsPlural(string word) =>
        word.Length > 3 && char.IsLower(word[0]) && word.All(c => char.IsLetter(c) || c == '-') && word[^1] == 's'
        && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
        && !word.EndsWith("is", StringComparison.Ordinal) && !word.EndsWith("ics", StringComparison.Ordinal);

    /// <summary>The words of a label or span, without its parentheticals ("Java (computer programming)" → "Java").</summary>
    internal static string[] Words(string text) =>
        Parenthetical().Replace(text, " ").Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(',', ';', ':', '.'))
            .Where(w => w.Length > 0)
            .ToArray();

    internal static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    [GeneratedRegex(@"\s*\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Parenthetical();
}
