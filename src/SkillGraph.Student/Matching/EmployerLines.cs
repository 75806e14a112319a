namespace SkillGraph.Student.Matching;

/// <summary>
/// The lines of a job ad that ask nothing of the candidate: who the employer is, what it offers, how to apply. A real ad has
/// several ("What we offer: a competitive salary, 30 days of holiday and a pension plan", "We are an equal opportunity
/// employer", "To apply, send your CV …"); no resume answers them, so read as requirements they pulled every resume's support
/// down and were listed as missing skills ("develop pension schemes"). A line is the employer's when it stands under an
/// employer heading ("About us", "Benefits", "Why join us?", "How to apply") until the next heading, or when it opens as the
/// employer speaking of itself or of its offer ("We offer", "We are a …", "Founded in", "You'll enjoy", "To apply") or names
/// what only an employer gives ("competitive salary", "equal opportunity", "cover letter"). "We are looking for someone who
/// can …" and "Join our team to design …" ask something, and stay. The posting's own fields ("Location: Leeds", "Salary: …")
/// ask nothing either, and a field naming the role ("Job Title: Data Analyst") is read by its value (decision 0040). Rules, not
/// a model: every rule names words a person can read (decision 0032).
/// </summary>
public static partial class EmployerLines
{
    /// <summary>
    /// What the employer's side of an ad is about, in general words: a line closer in meaning (MiniLM cosine) to one of these than to
    /// any of <see cref="CandidateMeanings"/> is the employer's, where the rules above found nothing (decision 0032).
    /// </summary>
    public static IReadOnlyList<string> EmployerMeanings { get; } =
    [
        "about our company: its history, size, locations, customers and mission",
        "the benefits and pay we offer: salary, bonus, holidays, pension, insurance and perks",
        "how to apply for this job: send your CV, the closing date and the interview process",
        "we are an equal opportunity employer and welcome applicants from every background",
        "the contract, working hours and where the job is based",
        "our friendly team, culture and workplace, and why people enjoy working here",
    ];

    /// <summary>What a line that asks something of the candidate is about, in general words (see <see cref="EmployerMeanings"/>).</summary>
    public static IReadOnlyList<string> CandidateMeanings { get; } =
    [
        "the duties and daily tasks of the job",
        "the skills and experience the candidate needs",
        "the qualifications, degree, certificate or licence required",
        "knowledge of tools, methods, materials and regulations",
        "you will plan, manage, build, operate, repair, care for and serve",
    ];

    /// <summary>Headings of employer sections; a heading with none of these (or with a candidate heading's words) ends such a section.</summary>
    private static readonly string[] EmployerHeadings =
    [
        "about us", "about the company", "about our company", "about the team", "who we are", "our company", "company overview", "our culture",
        "our story", "our mission", "our values", "why join", "why work", "why us", "what we offer", "we offer", "benefit", "perk",
        "compensation", "salary", "what is in it for you", "what s in it for you", "whats in it for you", "in return", "how to apply",
        "to apply", "application process", "apply", "contact", "next steps", "equal opportunit", "diversity", "inclusion", "life at",
    ];

    /// <summary>Words of a heading that opens what the candidate does or brings (these win over <see cref="EmployerHeadings"/>).</summary>
    private static readonly string[] CandidateHeadings =
    [
        "responsibilit", "requirement", "qualification", "what you will do", "what you ll do", "your role", "the role", "your profile",
        "who you are", "what you bring", "what we are looking for", "what we re looking for", "skills", "experience", "duties", "tasks",
        "must have", "nice to have", "about you", "essential", "desirable", "your mission", "your tasks",
    ];

    /// <summary>How a line opens when the employer speaks of itself, of its offer, or of applying.</summary>
    private static readonly string[] EmployerOpenings =
    [
        "we offer", "we provide", "we are offering", "we can offer", "we give you", "in return", "benefits include", "our benefits",
        "perks include", "you can expect", "you will enjoy", "you ll enjoy", "you will receive", "you ll receive", "enjoy ", "we are a ",
        "we re a ", "we are an ", "we re an ", "we are one of", "we re one of", "founded in", "our mission", "our company", "our story",
        "our culture", "our values", "about us", "we are committed", "we welcome", "we value", "we celebrate", "to apply", "apply now",
        "apply today", "apply via", "apply through", "apply online", "please apply", "please send", "send us", "send your", "submit your",
        "applications ", "interested candidates", "interested applicants", "if this sounds like you", "if you are interested",
        "if you re interested", "for more information", "for further information", "this is a full time", "this is a part time",
        "this is a permanent", "this is a temporary", "this is a fixed term", "this position is based", "this role is based",
        "the position is based", "the role is based", "salary ", "starting salary",
    ];

    /// <summary>Words that ask something: a line that holds one asks, however it opens ("We are a busy clinic looking for a nurse who can …").</summary>
    private static readonly string[] CandidateWords =
    [
        "looking for", "seeking", "searching for", "in search of", "you must", "you should", "you need to", "must have", "must be",
        "responsible for", "who can", "able to", "experience in", "experience with", "knowledge of", "proficien", "skilled in",
        "expertise in",
    ];

    /// <summary>Phrases only an employer's side of an ad holds.</summary>
    private static readonly string[] EmployerPhrases =
    [
        "equal opportunit", "competitive salary", "competitive pay", "competitive compensation", "competitive package",
        "paid time off", "paid holiday", "days of paid", "days of holiday", "days holiday", "days of annual leave", "cover letter",
        "careers page", "career page", "our website", "employee discount", "gym membership", "parental leave", "stock options",
        "training budget", "regardless of", "reasonable accommodation",
    ];

    /// <summary>
    /// For each of <paramref name="lines"/> (a job ad's lines in order, as <see cref="TextEvidence.Lines"/> cuts them), whether it asks
    /// something of the candidate. When no line does, every line counts (an ad is never read as asking for nothing).
    /// </summary>
    public static bool[] AskOfCandidate(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var asks = new bool[lines.Count];
        var employerSection = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var words = SkillGraph.Graph.LabelText.Normalize(lines[i]);
            if (IsHeading(lines[i], words))
            {
                employerSection = !ContainsAny(words, CandidateHeadings) && ContainsAny(words, EmployerHeadings);
                asks[i] = false; // a heading names a section; what follows it asks
                continue;
            }

            asks[i] = !employerSection && !IsEmployers(words) && !IsPostingField(lines[i]);
        }

        return asks.Any(a => a) ? asks : [.. lines.Select(_ => true)];
    }

    /// <summary>Whether a line that is no heading is the employer speaking (see the class summary).</summary>
    internal static bool IsEmployers(string words) =>
        !ContainsAny(words, CandidateWords)
        && (EmployerOpenings.Any(o => words.StartsWith(o, StringComparison.Ordinal))
            || ContainsAny(words, EmployerPhrases)
            || words.StartsWith("benefits ", StringComparison.Ordinal)
            || words.StartsWith("perks ", StringComparison.Ordinal));

    /// <summary>
    /// The fields of a posting as ads and job boards print them ("**Location:** Leeds", "Employment type: Full-time", "Salary: £32,000",
    /// "Reports to: Head of Data"): where, when, on what terms and for what pay, which a resume cannot answer. Matched on the words
    /// before the line's colon, normalised. Requirements written the same way ("Experience: …", "Languages: …", "Licence: …") name
    /// no field here, and neither does the role's own field (<see cref="RoleFields"/>), which a resume answers with its title
    /// (decision 0040).
    /// </summary>
    private static readonly HashSet<string> PostingFields = new(StringComparer.Ordinal)
    {
        "location", "locations", "job location", "work location", "office", "office location", "based", "based in", "workplace",
        "work mode", "work model", "work arrangement", "working model", "remote", "hybrid", "on site", "onsite", "country", "city",
        "region", "address", "area", "employment type", "employment", "job type", "type", "contract", "contract type", "contract length",
        "duration", "term", "hours", "working hours", "work hours", "hours per week", "weekly hours", "schedule", "work schedule",
        "shift", "shifts", "shift pattern", "salary", "salary range", "pay", "pay range", "rate", "pay rate", "hourly rate", "day rate",
        "compensation", "wage", "wages", "remuneration", "package", "bonus", "benefits", "perks", "start date", "start", "starting date",
        "closing date", "closing", "deadline", "application deadline", "apply by", "date posted", "posted", "posting date", "department",
        "team", "division", "business unit", "function", "reports to", "reporting to", "reporting line", "line manager", "hiring manager",
        "company", "employer", "organisation", "organization", "client", "industry", "sector", "reference", "ref", "job reference",
        "job ref", "reference number", "job id", "requisition id", "req id", "vacancy id", "job code", "travel", "level", "seniority",
        "grade", "band", "pay grade", "pay band", "career level", "openings", "number of openings", "positions available", "vacancies",
        "visa sponsorship", "sponsorship", "relocation", "category", "job category", "job family",
    };

    /// <summary>Fields whose value names the role ("Job Title: Data Analyst"): the matcher reads the value as the ad's title line.</summary>
    private static readonly HashSet<string> RoleFields = new(StringComparer.Ordinal)
    {
        "job title", "title", "position", "position title", "job position", "role", "job role", "role title", "vacancy", "job", "opening",
    };

    /// <summary>
    /// Whether a phrase of a requirement line asks nothing a resume could answer: what is left of a years ask once its years are
    /// read ("at least 2", "Minimum 2"; the years are weighed on their own), pay or hours ("$44–$50/hour", "8am to 4:30pm"), or
    /// the ad's own voice ("you'll need", "looking for someone", "the kind of person", "we'd love to hear"), or the terms of the
    /// post ("full time", "on a permanent basis"; decision 0045). Such phrases were the least supported of a strong resume's in
    /// LLM-written ads, by every resume alike, and their number differs from ad to ad (decision 0044).
    /// </summary>
    public static bool PhraseAsksNothing(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        if (phrase.AsSpan().IndexOfAny("$£€₹¥") >= 0 || ClockTime().IsMatch(phrase))
        {
            return true;
        }

        var words = SkillGraph.Graph.LabelText.Tokens(SkillGraph.Graph.LabelText.Normalize(phrase)); // "you'll" as "you", "ll"
        return words.Length > 0 && (words.All(w => char.IsDigit(w[0]) || YearsAskWords.Contains(w)) || words.All(AdVoiceWords.Contains) || words.All(TermsOfEmploymentWords.Contains));
    }

    // The terms of the post, which no resume answers: "full time", "on a permanent basis", "fixed-term contract", "hybrid", "this role".
    private static readonly HashSet<string> TermsOfEmploymentWords = new(StringComparer.Ordinal)
    {
        "full", "part", "time", "permanent", "temporary", "fixed", "term", "contract", "basis", "hybrid", "remote", "position", "role", "job",
        "post", "vacancy", "this", "on", "a", "an", "the", "per", "week", "hours",
    };

    // A years ask's other words: "at least", "a minimum of", "over", "plus", "more than", "up to".
    private static readonly HashSet<string> YearsAskWords = new(StringComparer.Ordinal)
    {
        "at", "least", "minimum", "min", "maximum", "max", "over", "plus", "more", "than", "up", "to", "of", "a", "an", "around", "about",
        "approximately", "year", "years", "yr", "yrs",
    };

    // The ad speaking of itself and the reader, with nothing asked: "you'll need", "we're looking for someone", "the kind of person"
    // (normalised: "you'll" is "you", "ll").
    private static readonly HashSet<string> AdVoiceWords = new(StringComparer.Ordinal)
    {
        "you", "your", "we", "us", "our", "i", "ll", "d", "re", "ve", "need", "needs", "will", "would", "love", "hear", "from", "looking",
        "look", "for", "someone", "somebody", "person", "people", "kind", "sort", "ideal", "the", "a", "an", "of", "to", "and", "be",
        "is", "are", "what", "who", "this", "that", "it",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ClockTime();

    /// <summary>
    /// Whether a line is a field of the posting (<see cref="PostingFields"/>): "field: value", the field at most four words, the value
    /// not empty (that is a heading) and holding no words that ask (<see cref="CandidateWords"/>: "Shift: must be willing to work
    /// nights" asks).
    /// </summary>
    internal static bool IsPostingField(string line) =>
        Field(line) is var (field, value, _) && PostingFields.Contains(field) && !ContainsAny(value, CandidateWords);

    /// <summary>
    /// Where the value of a line that names the role (<see cref="RoleFields"/>, a value of at most eight words: "Job Title: Data
    /// Analyst") starts in it; -1 for any other line. The field's own words ("Job Title") are nothing a resume says.
    /// </summary>
    public static int RoleValueStart(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (Field(line) is not var (field, value, start) || !RoleFields.Contains(field) || value.Count(c => c == ' ') >= 8)
        {
            return -1;
        }

        while (start < line.Length && !char.IsLetterOrDigit(line[start]))
        {
            start++; // the colon, spaces and a closing "**"
        }

        return start < line.Length ? start : -1;
    }

    /// <summary>A "field: value" line's field and value (normalised; the field at most four words, the value not empty) and where the colon is.</summary>
    private static (string Field, string Value, int Colon)? Field(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var field = SkillGraph.Graph.LabelText.Normalize(line.AsSpan(0, colon)).TrimStart('#', ' '); // a markdown heading's "###"
        var value = SkillGraph.Graph.LabelText.Normalize(line.AsSpan(colon + 1));
        return value.Length == 0 || field.Length == 0 || field.Count(c => c == ' ') > 3 ? null : (field, value, colon);
    }

    /// <summary>A heading: a line that ends with ':' (bold or not), or a short line of at most five words, without a colon, that does not end a sentence with '.'.</summary>
    private static bool IsHeading(string line, string words)
    {
        var trimmed = line.Trim().TrimEnd('*', '_', ' ', '#');
        if (trimmed.EndsWith(':'))
        {
            return true;
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return false; // "Salary: Competitive", "Teaching qualification: QTS": a field and its value, no heading (decision 0040)
        }

        var count = words.Length == 0 ? 0 : words.Count(c => c == ' ') + 1;
        return count is > 0 and <= 5 && !trimmed.EndsWith('.') && (ContainsAny(words, EmployerHeadings) || ContainsAny(words, CandidateHeadings));
    }

    private static bool ContainsAny(string words, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var at = words.IndexOf(phrase, StringComparison.Ordinal);
            if (at == 0 || (at > 0 && words[at - 1] == ' '))
            {
                return true;
            }
        }

        return false;
    }
}
