using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using SkillGraph.Domain;
using SkillGraph.Teacher.Pipeline;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// The offline teacher: an SK chat service that needs no model and no network. It reads the machine-readable
/// <c>### INPUT</c> block of the last user message (the occupation's graph context and the task) and writes the
/// answer from the graph alone — skill labels, alternative labels and descriptions in varied phrasings, chosen by
/// a generator seeded from the input's seed, the occupation and the task, so the same prompt always gets the same
/// answer. The unmatched resume is the matched one with information filtered out (<see cref="OfflineWriter.ComposeResumes"/>).
/// </summary>
public sealed class OfflineTeacherChatService(string modelId = TeacherProviderOptions.OfflineModel) : IChatCompletionService
{
    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { [AIServiceExtensions.ModelIdKey] = modelId };

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var answer = Answer(chatHistory);
        IReadOnlyList<ChatMessageContent> result = [new ChatMessageContent(AuthorRole.Assistant, answer, modelId)];
        return Task.FromResult(result);
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messages = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, messages[0].Content, modelId: modelId);
    }

    internal static string Answer(ChatHistory chatHistory)
    {
        var user = chatHistory.LastOrDefault(m => m.Role == AuthorRole.User)?.Content
            ?? throw new InvalidOperationException("offline teacher: the chat has no user message.");
        var input = TeachingPromptText.ReadInput(user)
            ?? throw new InvalidOperationException($"offline teacher: the last user message has no '{TeachingPromptText.InputHeading}' JSON block.");
        var writer = new OfflineWriter(input);
        return input.Task switch
        {
            TeachingTasks.JobDescription => TeacherJson.Line(writer.JobDescription()),
            TeachingTasks.Resumes => TeacherJson.Line(writer.Resumes()),
            TeachingTasks.Sentences => TeacherJson.Line(writer.Sentences()),
            _ => throw new InvalidOperationException($"offline teacher: unknown task '{input.Task}'."),
        };
    }
}

/// <summary>The offline teacher's writing, for one input.</summary>
internal sealed class OfflineWriter
{
    private static readonly string[] Companies = ["Northwind Group", "Bluefield Partners", "Alder & Finch", "Meridian Works", "Hollis Services", "Keystone Labs", "Riverside Holdings", "Atlas Crew", "Greenway Co-op", "Summit Public Services", "Lumen Studio", "Harbor Industries"];
    private static readonly string[] FirstNames = ["Anna", "Tom", "Lea", "Marco", "Sofia", "Jonas", "Amira", "Lukas", "Elena", "Noah", "Mira", "Karim", "Ines", "Pavel", "Julia", "Omar", "Clara", "Felix", "Nadia", "Ruben"];
    private static readonly string[] LastNames = ["Weber", "Rossi", "Novak", "Jansen", "Garcia", "Schmidt", "Dubois", "Kowalski", "Larsen", "Moreau", "Silva", "Horvat", "Costa", "Berg", "Nieminen", "Popescu"];
    private static readonly string[] Degrees = ["a vocational qualification", "a bachelor's degree", "a master's degree", "an apprenticeship", "a professional certificate"];
    private static readonly string[] Openers = ["{company} is looking for a {title} to join its team.", "Join {company} as a {title}.", "We are hiring: {title} at {company}.", "{company} has an opening for an experienced {title}.", "Are you a {title}? {company} wants to meet you."];
    private static readonly string[] Closings = ["Apply with your CV and a short letter.", "We offer a permanent contract, training and flexible hours.", "Send us your application today.", "Competitive pay, a friendly team and room to grow."];
    private static readonly string[] SkillBullets = ["{L}", "{L} as part of daily work", "Be ready to {l}", "You will {l}"];
    private static readonly string[] KnowledgeBullets = ["Knowledge of {l}", "A solid grasp of {l}", "Familiarity with {l}", "Training or experience in {l}"];
    private static readonly string[] VerbOpeners = ["The ideal candidate will be able to", "You will", "As a key member of our team, you will", "The role requires the ability to", "Candidates should be able to", "Day to day, you will"];
    private static readonly string[] NounIntros = ["a solid understanding of", "knowledge of", "hands-on experience with", "a background in"];
    private static readonly string[] NounOpeners = ["Strong knowledge of", "A sound understanding of", "Experience with", "Familiarity with"];
    private static readonly string[] NounClosers = ["is required.", "is essential for this role.", "is a strong plus.", "will help you succeed in this role."];
    private static readonly string[] ResumeSkillLines = ["{l}", "{l} (daily)", "{l}, also training new staff", "asked to {l} for key clients"];
    private static readonly string[] ResumeKnowledgeLines = ["applied {l} in daily work", "built up practical knowledge of {l}", "trained colleagues in {l}", "used {l}"];
    private static readonly string[] YearsLines = ["{Title} with {years} of experience.", "{Title}, {years} in the trade.", "{years} of experience as {a} {title}.", "Experienced {title} ({years})."];
    private static readonly string[] RequiredYearsLines = ["You bring at least {n} years of experience in a similar role.", "{n}+ years of professional experience.", "A minimum of {n} years of relevant work experience is required.", "You have {n} years or more of hands-on experience."];
    private static readonly string[] Duties = ["handled day-to-day work in a small team", "kept records and reports up to date", "worked closely with colleagues across shifts", "took part in weekly planning meetings", "followed company procedures and quality standards", "welcomed and trained new starters", "covered for the team lead during holidays", "supported the team in peak seasons", "answered questions from clients and colleagues", "looked after equipment and the workplace", "met deadlines under pressure", "suggested small improvements to daily routines"];
    private static readonly string[] Summaries = ["Reliable and thorough, with a record of work done on time.", "Team player who likes to solve practical problems.", "Calm under pressure and quick to learn.", "Organised, precise and used to working with clients."];

    private readonly TeachingInput _input;
    private readonly Random _random;
    private readonly Dictionary<string, ContextSkillEntry> _skills;

    public OfflineWriter(TeachingInput input)
    {
        _input = input;
        _random = new Random(StableSeed(input.Seed, input.Occupation.Uri, input.Task));
        _skills = input.Skills.GroupBy(s => s.Uri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public JobDescriptionAnswer JobDescription()
    {
        var title = Title(allowAlt: true);
        var company = Pick(Companies);
        var essential = _input.Skills.Where(s => s.Relation == "essential").Take(10).ToList();
        var optional = _input.Skills.Where(s => s.Relation == "optional").Take(3).ToList();
        if (essential.Count == 0)
        {
            essential = [.. optional];
            optional = [];
        }

        var text = new StringBuilder();
        text.Append(Fill(Pick(Openers), title, company)).Append('\n');
        if (FirstSentence(_input.Occupation.Description) is { } about)
        {
            text.Append("About the role: ").Append(about).Append('\n');
        }

        var doing = essential.Where(IsSkill).ToList();
        var knowing = essential.Where(s => !IsSkill(s)).ToList();
        var used = new List<string>();
        Bullets("What you will do:", doing, SkillBullets);
        Bullets("What you bring:", knowing, KnowledgeBullets);
        Bullets("Nice to have:", optional, null);
        if (_input.RequiredYears is { } years)
        {
            text.Append('\n').Append(RequiredYearsLine(years, _random));
        }

        text.Append('\n').Append(Pick(Closings));
        return new JobDescriptionAnswer(title, text.ToString(), used);

        void Bullets(string heading, List<ContextSkillEntry> skills, string[]? phrasings)
        {
            if (skills.Count == 0)
            {
                return;
            }

            text.Append('\n').Append(heading).Append('\n');
            foreach (var skill in skills)
            {
                var surface = Surface(skill, []) ?? skill.Label;
                var pattern = phrasings is null ? (IsSkill(skill) ? "{L}" : "Some knowledge of {l}") : Pick(phrasings);
                text.Append("- ").Append(Phrase(pattern, surface)).Append('\n');
                used.Add(skill.Uri);
            }
        }
    }

    /// <summary>The matched resume from phrases naming every required skill, the unmatched one filtered from it.</summary>
    public ResumesAnswer Resumes()
    {
        var required = (_input.RequiredSkills ?? []).Where(_skills.ContainsKey).Select(u => _skills[u]).ToList();
        var removed = (_input.RemovedSkills ?? []).ToHashSet(StringComparer.Ordinal);
        var forbidden = ForbiddenLabels();
        var pieces = new List<ResumePiece>();
        var listed = new List<ResumePiece>();
        foreach (var skill in required)
        {
            // A kept skill is named by a label that names no removed skill, so the same words stay in the unmatched resume.
            var surface = (removed.Contains(skill.Uri) ? null : Surface(skill, forbidden)) ?? Surface(skill, []) ?? skill.Label;
            pieces.Add(new ResumePiece(Phrase(Pick(IsSkill(skill) ? ResumeSkillLines : ResumeKnowledgeLines), surface), [skill.Uri]));
            listed.Add(new ResumePiece(surface, [skill.Uri]));
        }

        Shuffle(pieces);
        return ComposeResumes(pieces, listed, duties: true, sentences: false);
    }

    /// <summary>
    /// The two resumes of the RJDB recipe from <paramref name="pieces"/> (each naming context skills): the matched one
    /// as structured parts, the unmatched one as those parts with a random subset filtered out — every piece naming a
    /// removed skill (under any label), one whole experience entry when the input asks, and the years only when the
    /// input shortens them.
    /// </summary>
    internal ResumesAnswer ComposeResumes(List<ResumePiece> pieces, List<ResumePiece> skillList, bool duties, bool sentences)
    {
        var removed = (_input.RemovedSkills ?? []).ToHashSet(StringComparer.Ordinal);
        var forbidden = ForbiddenLabels();
        bool Clean(string text) => LabelLeak.Find(text, forbidden).Count == 0;
        var matchedYears = _input.MatchedYears;
        var unmatchedYears = matchedYears is null ? null : _input.UnmatchedYears ?? matchedYears;
        var removeExperience = _input.RemoveExperience == true;

        var title = Title(allowAlt: false);
        // Kept pieces are dealt out first, so that every entry keeps something when it can: an entry emptied by the
        // filter would be a cue only unmatched resumes have. Without duties there are no more entries than kept pieces
        // (two when one entry is to go), and an entry with nothing kept gets one duty.
        bool Keep(ResumePiece piece) => !piece.Skills.Any(removed.Contains) && Clean(piece.Text);
        var kept = pieces.Where(Keep).ToList();
        var filtered = pieces.Where(p => !Keep(p)).ToList();
        var entryCount = removeExperience ? 2 + _random.Next(2) : 1 + _random.Next(3);
        if (!duties)
        {
            entryCount = Math.Min(entryCount, Math.Max(kept.Count, removeExperience ? 2 : 1));
        }

        var entries = Enumerable.Range(0, entryCount).Select(_ => new List<ResumePiece>()).ToList();
        var dealt = 0;
        foreach (var piece in kept.Concat(filtered))
        {
            entries[dealt++ % entryCount].Add(piece);
        }

        var freeDuties = Duties.Where(Clean).ToList();
        Shuffle(freeDuties);
        foreach (var entry in entries)
        {
            var wanted = duties ? 1 + _random.Next(2) : entry.Any(Keep) ? 0 : 1;
            for (var d = 0; d < wanted && freeDuties.Count > 0; d++)
            {
                var duty = freeDuties[^1];
                freeDuties.RemoveAt(freeDuties.Count - 1);
                entry.Add(new ResumePiece(sentences ? Capitalise(duty) + "." : duty, []));
            }

            Shuffle(entry);
        }

        var companies = Companies.Where(Clean).ToList();
        Shuffle(companies);
        var summaries = Summaries.Where(Clean).ToList();
        var summary = summaries.Count > 0 && (matchedYears is null || _random.NextDouble() < 0.75) ? " " + Pick(summaries) : string.Empty;
        var pattern = matchedYears is null
            ? (summary.Length > 0 && _random.NextDouble() < 0.5 ? summary.Trim() : Capitalise(title) + "." + summary)
            : Pick(YearsLines).Replace("{Title}", Capitalise(title), StringComparison.Ordinal).Replace("{title}", title, StringComparison.Ordinal).Replace("{a}", Article(title), StringComparison.Ordinal) + summary;
        var draft = new ResumeDraft
        {
            Header = $"{Pick(FirstNames)} {Pick(LastNames)} - {Capitalise(title)}",
            SummaryPattern = pattern,
            Experience = [.. entries.Select((e, i) => new ResumeEntry(companies[i % companies.Count], Capitalise(title), e))],
            SkillList = skillList.Count > 0 && _random.NextDouble() < 0.7 ? skillList : null,
            Education = _random.NextDouble() < 0.8 ? Pick(Degrees) : null,
            PiecesAreSentences = sentences,
        };

        int? dropped = removeExperience && entryCount > 1 ? _random.Next(entryCount) : null;
        var matched = draft.Render(matchedYears, matchedYears, _ => true, null);
        var unmatched = draft.Render(matchedYears, unmatchedYears, Keep, dropped);
        return new ResumesAnswer(matched.Text, matched.Skills, matchedYears, unmatched.Text, unmatched.Skills, unmatchedYears, unmatched.RemovedExperiences);
    }

    /// <summary>Every label of every removed skill: none may occur in the unmatched resume.</summary>
    private List<string> ForbiddenLabels() =>
        [.. (_input.RemovedSkills ?? []).Where(_skills.ContainsKey).Select(u => _skills[u]).SelectMany(s => s.AltLabels.Prepend(s.Label))];

    public SentencesAnswer Sentences()
    {
        var count = Math.Max(0, _input.Count ?? 6);
        var pool = _input.Skills.Where(s => s.Relation is "essential" or "optional").ToList();
        if (pool.Count == 0)
        {
            pool = [.. _input.Skills];
        }

        Shuffle(pool);
        var sentences = new List<SentenceAnswer>();
        var next = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count && pool.Count > 0; i++)
        {
            var size = Math.Min(pool.Count, 1 + _random.Next(3));
            var picked = new List<ContextSkillEntry>();
            for (var j = 0; j < size; j++)
            {
                var skill = pool[next++ % pool.Count];
                if (!picked.Contains(skill))
                {
                    picked.Add(skill);
                }
            }

            var text = Sentence(picked);
            if (seen.Add(LabelLeak.Fold(text)))
            {
                sentences.Add(new SentenceAnswer(text, [.. picked.Select(s => s.Uri)]));
            }
        }

        return new SentencesAnswer(sentences);
    }

    private string Sentence(List<ContextSkillEntry> skills)
    {
        if (skills.Count == 1 && skills[0].Description is { Length: > 20 and < 220 } description && _random.NextDouble() < 0.25)
        {
            var body = LowerFirst(description.Trim().TrimEnd('.'));
            return IsSkill(skills[0]) ? $"In this role, you will {body}." : $"You are expected to know {body}.";
        }

        var verbs = skills.Where(IsSkill).Select(s => Surface(s, []) ?? s.Label).ToList();
        var nouns = skills.Where(s => !IsSkill(s)).Select(s => Surface(s, []) ?? s.Label).ToList();
        if (verbs.Count > 0 && nouns.Count > 0)
        {
            return $"{Pick(VerbOpeners)} {Join(verbs)}, with {Pick(NounIntros)} {Join(nouns)}.";
        }

        return verbs.Count > 0
            ? $"{Pick(VerbOpeners)} {Join(verbs)}."
            : $"{Pick(NounOpeners)} {Join(nouns)} {Pick(NounClosers)}";
    }

    /// <summary>A label of the skill that names none of <paramref name="forbidden"/>: mostly the preferred one, sometimes an alternative; null when every label would leak.</summary>
    private string? Surface(ContextSkillEntry skill, List<string> forbidden)
    {
        // Skills are verb phrases in the patterns ("you will {l}"): leave out the gerund and noun forms of the
        // alternative labels ("analysing data", "data analysing") and ESCO's odd doubled labels.
        var labels = skill.AltLabels.Where(l => !IsSkill(skill) || IsVerbPhrase(l)).Prepend(skill.Label)
            .Where(l => !string.IsNullOrWhiteSpace(l) && l.Length <= 90 && LabelLeak.Find(l, forbidden).Count == 0).ToList();
        if (labels.Count == 0)
        {
            return null;
        }

        return labels.Count > 1 && labels[0] != skill.Label ? labels[0]
            : labels.Count > 1 && _random.NextDouble() < 0.35 ? labels[1 + _random.Next(labels.Count - 1)]
            : labels[0];
    }

    private string Title(bool allowAlt)
    {
        var label = _input.Occupation.Label;
        if (allowAlt && _input.Occupation.AltLabels.Count > 0 && _random.NextDouble() < 0.3)
        {
            label = _input.Occupation.AltLabels[_random.Next(_input.Occupation.AltLabels.Count)];
        }

        return label;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static bool IsSkill(ContextSkillEntry skill) => skill.Type == "skill";

    private static bool IsVerbPhrase(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && !words[0].EndsWith("ing", StringComparison.OrdinalIgnoreCase) && !words[^1].EndsWith("ing", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The job ad's sentence asking for at least <paramref name="years"/> years of experience (the offline and replay teachers'
    /// wording). It never names the occupation: a job ad without its title line must not give its occupation away here.
    /// </summary>
    internal static string RequiredYearsLine(int years, Random random) =>
        RequiredYearsLines[random.Next(RequiredYearsLines.Length)]
            .Replace("{n}", years.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Fill(string pattern, string title, string company) => pattern.Replace("{title}", title, StringComparison.Ordinal).Replace("{company}", company, StringComparison.Ordinal);

    private static string Phrase(string pattern, string label) => pattern.Replace("{L}", Capitalise(label), StringComparison.Ordinal).Replace("{l}", label, StringComparison.Ordinal);

    private static string Join(List<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string? FirstSentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var flat = text.ReplaceLineEndings(" ").Trim();
        var end = flat.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? flat[..(end + 1)] : flat;
        return sentence.Length > 300 ? sentence[..300].TrimEnd() + "…" : sentence;
    }

    private static string Article(string word) => word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>A seed from the input's seed, the occupation and the task (FNV-1a: the same on every run and platform).</summary>
    internal static int StableSeed(int seed, string occupation, string task)
    {
        var hash = StableHash.Fnv1a32(occupation + "|" + task, StableHash.Offset32 ^ (uint)seed);
        return (int)(hash & 0x7FFFFFFF);
    }
}
