using System.Collections.Frozen;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// Finds the occupations a text names by title: every preferred or alternative label of an occupation (but a generic alternative one, <see cref="GenericHeads"/>) that the text holds as a
/// whole run of words (normalised as <see cref="LabelText"/> does; one of its words may carry a plural "s": "software developers",
/// "wholesale merchants in household goods"), longest first, each run of words read once. The title line is the text's first
/// non-empty line when it is short (a job ad's title, a resume's
/// name-and-title heading): a title there counts fully, and may be one word ("nurse", "chef"). In the rest of the text a title
/// the text presents as the role (<see cref="IsRole"/>: "we are seeking an experienced sous chef", "as a welder you will", "baker
/// wanted"), or that opens one of the text's <see cref="OpeningLines"/> (<see cref="OpensLine"/>: a resume heading's "Anna
/// Weber\nSous chef", a summary's "Dedicated registered nurse with …"), counts <see cref="RoleWeight"/> and may be one word too;
/// any other title there counts <see cref="BodyWeight"/> and needs two words or more, since one word there is often a verb or part
/// of another phrase ("guide junior developers", "data model", a bullet's "cook fish"). The labels come from the graph and follow every curation
/// change that touches an occupation (<see cref="IGraphChangeObserver"/>): the index is rebuilt on the next read after one.
/// Thread-safe.
/// </summary>
public sealed class OccupationTitles(IGraphStore graph) : IGraphChangeObserver
{
    /// <summary>
    /// What a title named in running text counts for, against 1 in the title line: about what a few matched skills add to a score,
    /// so a mention lifts an occupation the skills also point to without overruling them (decision 0026: 0.5, 0.1 and 0.02 tied on
    /// the offline teacher's jobs; replay jobs, whose sentences name other roles, lost one or two texts at 0.5). 0.1 then; 0.25 since
    /// a text's skills are scored with the length discount size^0.2 instead of size^0.5 (decision 0033), which raised the scores of
    /// the occupations a text points to by a median factor of 2.6 (ESCO's skill-list sizes): the mention keeps its weight against
    /// them (session 14; 0.1 and 0.25 tie on the teacher's held-out occupations).
    /// </summary>
    public const double BodyWeight = 0.25;

    /// <summary>
    /// What a title counts for in running text where the text presents it as the role (<see cref="IsRole"/>): a job ad whose title
    /// line is gone still says whom it seeks ("We are seeking a skilled Welder to join our team"), a resume what its writer worked as.
    /// Set beside the title line's 1 (decision 0038).
    /// </summary>
    public const double RoleWeight = 1.0;

    /// <summary>At most this many words stand between a role's cue ("seeking a", "as an") and the title ("highly motivated and experienced").</summary>
    public const int RoleModifiers = 4;

    /// <summary>
    /// In a text's first this many lines with words (a resume's heading and summary, the opening of an ad whose title line is
    /// gone), a title that opens a line (<see cref="OpensLine"/>) counts <see cref="RoleWeight"/> and may be one word; list items excepted.
    /// </summary>
    public const int OpeningLines = 3;

    /// <summary>The first line is a title line when it has at most this many words.</summary>
    public const int TitleLineWords = 12;

    /// <summary>
    /// An alternative label that ends at least this many occupations' preferred labels is a generic role word, not a name of its
    /// occupation, and is not indexed: ESCO lists "technician" for consumer electronics repair technician, "supervisor" for oil
    /// refinery control room operator and "inspector" for private detective, which a job ad's "as a technician" or a resume's
    /// "Supervisor" then named (decision 0042). Preferred labels always count ("electrician", "social worker").
    /// </summary>
    public const int GenericHeads = 3;

    /// <summary>At most this many characters of a text are read (its titles stand near the start).</summary>
    public const int MaxChars = 20_000;

    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile Index? _index;

    /// <summary>The occupations <paramref name="text"/> names, each once (its strongest mention), in the order of their first mention.</summary>
    public async ValueTask<IReadOnlyList<NamedOccupation>> FindAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = _index ?? await BuildAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<ConceptUri, int>();
        var result = new List<NamedOccupation>();
        var start = 0;
        var end = Math.Min(text.Length, MaxChars);
        var lines = 0; // the lines with words before this one
        while (start < end)
        {
            var newline = text.IndexOf('\n', start, end - start);
            var stop = newline < 0 ? end : newline;
            var line = text.AsSpan(start, stop - start);
            var tokens = LabelText.Tokens(LabelText.Normalize(line));
            var titleLine = lines == 0 && tokens.Length is > 0 and <= TitleLineWords;
            var opening = lines < OpeningLines && !IsListItem(line);
            lines += tokens.Length > 0 ? 1 : 0;
            for (var i = 0; i < tokens.Length;)
            {
                var (length, occupations) = index.Longest(tokens, i);
                var role = !titleLine && length > 0 && (IsRole(tokens, i, length) || (opening && OpensLine(tokens, i)));
                if (length == 0 || (length == 1 && !titleLine && !role))
                {
                    i++;
                    continue;
                }

                var weight = titleLine ? 1.0 : role ? RoleWeight : BodyWeight;
                var words = string.Join(' ', tokens, i, length);
                foreach (var occupation in occupations)
                {
                    if (!found.TryGetValue(occupation, out var at))
                    {
                        found[occupation] = result.Count;
                        result.Add(new NamedOccupation(occupation, words, weight));
                    }
                    else if (result[at].Weight < weight)
                    {
                        result[at] = new NamedOccupation(occupation, words, weight);
                    }
                }

                i += length;
            }

            start = stop + 1;
        }

        return result;
    }

    /// <summary>
    /// Whether the title at <paramref name="start"/> (<paramref name="length"/> words) is presented as the role the text is about:
    /// after a cue and an article ("seeking a", "looking for an", "hiring a", "as a", "join us as our"), with at most
    /// <see cref="RoleModifiers"/> words between that are no preposition or clause ("an experienced and friendly"), or followed
    /// by "wanted", "needed" or "required" ("Welder wanted").
    /// </summary>
    internal static bool IsRole(string[] tokens, int start, int length)
    {
        if (start + length < tokens.Length && RoleAfter.Contains(tokens[start + length]))
        {
            return true;
        }

        for (var article = start - 1; article >= 1 && article >= start - 1 - RoleModifiers; article--)
        {
            var word = tokens[article];
            if (Articles.Contains(word))
            {
                var cue = tokens[article - 1];
                return RoleCues.Contains(cue) || (cue is "for" or "of" && article >= 2 && RoleCuesBeforeFor.Contains(tokens[article - 2]));
            }

            if (Breaks.Contains(word))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a title at <paramref name="start"/> opens its line: nothing before it but an article and words that qualify a person
    /// ("Dedicated and compassionate registered nurse with …", "Senior baker", "Rail operations manager, 14 years in the trade").
    /// In a text's <see cref="OpeningLines"/> that is how a resume's heading and summary, and an ad's opening, name the role.
    /// </summary>
    internal static bool OpensLine(string[] tokens, int start)
    {
        if (start > RoleModifiers)
        {
            return false;
        }

        for (var i = 0; i < start; i++)
        {
            if (!Qualifiers.Contains(tokens[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A line that is an item of a list ("- chef", "• waiters"): what it names is one of several, not the role.</summary>
    private static bool IsListItem(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return !trimmed.IsEmpty && trimmed[0] is '-' or '*' or '•' or '·' or '–' or '—' or '▪' or '◦';
    }

    // Words that qualify a person before the title that opens a line: an article, seniority, standing and the adjectives of a
    // resume's summary ("a highly motivated and detail-oriented senior …"). Hyphenated words arrive as their parts.
    private static readonly FrozenSet<string> Qualifiers = FrozenSet.ToFrozenSet(
        [
            "a", "an", "and", "senior", "junior", "lead", "head", "chief", "principal", "trainee", "apprentice", "qualified", "certified",
            "licensed", "accredited", "chartered", "experienced", "seasoned", "skilled", "expert", "professional", "freelance", "self",
            "employed", "dedicated", "motivated", "passionate", "creative", "reliable", "compassionate", "enthusiastic", "hardworking",
            "hard", "working", "detail", "oriented", "results", "driven", "highly", "accomplished", "talented", "versatile", "friendly",
            "energetic", "organised", "organized", "dynamic", "innovative", "proactive", "diligent", "committed", "caring", "meticulous",
            "analytical", "strategic", "ambitious", "confident", "award", "winning", "bilingual", "multilingual", "skilful", "skillful",
            "competent", "capable", "proven", "successful", "customer", "focused", "people", "team",
        ],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> Articles = FrozenSet.ToFrozenSet(["a", "an", "our"], StringComparer.Ordinal);

    // A cue right before the article: "seeking a", "hiring an", "as a", "need an".
    private static readonly FrozenSet<string> RoleCues = FrozenSet.ToFrozenSet(
        ["seeking", "seek", "seeks", "hiring", "hire", "hires", "recruiting", "recruit", "recruits", "as", "need", "needs", "want", "wants"], StringComparer.Ordinal);

    // … or before "for" / "of" and the article: "looking for a", "in search of an", "an opening for a", "a vacancy for an".
    private static readonly FrozenSet<string> RoleCuesBeforeFor = FrozenSet.ToFrozenSet(
        ["looking", "search", "searching", "opening", "vacancy", "position", "role"], StringComparer.Ordinal);

    // After the title: "Sous chef wanted".
    private static readonly FrozenSet<string> RoleAfter = FrozenSet.ToFrozenSet(["wanted", "needed", "required"], StringComparer.Ordinal);

    // Words that end the modifiers between a cue and a title: what follows is no longer the role ("seeking a candidate with a chef's
    // background", "as a member of the kitchen team").
    private static readonly FrozenSet<string> Breaks = FrozenSet.ToFrozenSet(
        ["with", "who", "to", "in", "of", "for", "that", "which", "on", "at", "from", "by", "is", "are", "will", "can", "the"], StringComparer.Ordinal);

    /// <summary>Drops the index when a changed concept is (or was) an occupation, or is new to it; the next read rebuilds it.</summary>
    public async ValueTask OnConceptsChangedAsync(IReadOnlyList<ConceptUri> concepts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        if (_index is not { } index || concepts.Count == 0)
        {
            return;
        }

        if (concepts.Any(index.Occupations.Contains))
        {
            _index = null;
            return;
        }

        var read = await graph.GetConceptsAsync(concepts, cancellationToken).ConfigureAwait(false);
        if (read.Any(c => c is { Kind: ConceptKind.Occupation }))
        {
            _index = null;
        }
    }

    private async ValueTask<Index> BuildAsync(CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_index is { } built)
            {
                return built;
            }

            var uris = (await graph.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
            var concepts = await graph.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
            var index = new Index();
            var occupations = concepts.OfType<Concept>().Where(c => c.Kind == ConceptKind.Occupation && c.Status != CurationDraft.Deprecated)
                .Select(c => (Concept: c, Preferred: LabelText.Tokens(LabelText.Normalize(c.PreferredLabel)))).ToList();
            var heads = Heads(occupations.Select(o => o.Preferred));
            foreach (var (concept, preferred) in occupations)
            {
                index.Occupations.Add(concept.Uri);
                index.Add(preferred, concept.Uri);
                foreach (var label in concept.AltLabels())
                {
                    var tokens = LabelText.Tokens(LabelText.Normalize(label));
                    if (heads.GetValueOrDefault(string.Join(' ', tokens)) < GenericHeads)
                    {
                        index.Add(tokens, concept.Uri);
                    }
                }
            }

            _index = index;
            return index;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>
    /// How many occupations' preferred labels end in each run of words after their first word: "technician" ends 200 of them
    /// ("consumer electronics repair technician", "surveying technician", …), "social worker" 13.
    /// </summary>
    private static Dictionary<string, int> Heads(IEnumerable<string[]> preferredLabels)
    {
        var heads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tokens in preferredLabels)
        {
            for (var i = 1; i < tokens.Length; i++)
            {
                var key = string.Join(' ', tokens, i, tokens.Length - i);
                heads[key] = heads.GetValueOrDefault(key) + 1;
            }
        }

        return heads;
    }

    /// <summary>Labels by their words joined with one space; the longest label's length in words bounds the search.</summary>
    private sealed class Index
    {
        private readonly Dictionary<string, List<ConceptUri>> _labels = new(StringComparer.Ordinal);
        private int _longest;

        public HashSet<ConceptUri> Occupations { get; } = [];

        public void Add(string[] tokens, ConceptUri occupation)
        {
            if (tokens.Length == 0)
            {
                return;
            }

            var key = string.Join(' ', tokens);
            if (!_labels.TryGetValue(key, out var list))
            {
                _labels[key] = list = [];
            }

            if (!list.Contains(occupation))
            {
                list.Add(occupation);
            }

            _longest = Math.Max(_longest, tokens.Length);
        }

        /// <summary>
        /// The longest label starting at <paramref name="start"/>; one of its words may carry a plural "s" (the last, or the head of
        /// "wholesale merchants in household goods", "import export managers in chemical products"); (0, []) when none.
        /// </summary>
        public (int Length, IReadOnlyList<ConceptUri> Occupations) Longest(string[] tokens, int start)
        {
            for (var length = Math.Min(_longest, tokens.Length - start); length >= 1; length--)
            {
                var key = string.Join(' ', tokens, start, length);
                if (_labels.TryGetValue(key, out var found))
                {
                    return (length, found);
                }

                // One word's plural "s" taken off, from the last word back (its first word when the label is one word).
                for (int w = start + length - 1, end = key.Length; w >= start; end -= tokens[w].Length + 1, w--)
                {
                    if (tokens[w].Length > 3 && tokens[w][^1] == 's' && _labels.TryGetValue(string.Concat(key.AsSpan(0, end - 1), key.AsSpan(end)), out found))
                    {
                        return (length, found);
                    }
                }
            }

            return (0, []);
        }
    }
}
