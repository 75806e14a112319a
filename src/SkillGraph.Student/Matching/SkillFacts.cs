using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The graph facts the matcher needs about skills, loaded once from the store: preferred label, description, skill type, and the
/// skills one step broader and narrower (ESCO's skill hierarchy, <see cref="RelationType.Broader"/>, skills only).
/// </summary>
public sealed class SkillFacts
{
    private static readonly IReadOnlyList<string> None = [];
    private readonly Dictionary<string, (string Label, string? Description, bool Knowledge)> _skills;
    private readonly Dictionary<string, List<string>> _broader;
    private readonly Dictionary<string, List<string>> _narrower;

    private readonly Lazy<TermWeights> _termWeights;
    private readonly Lazy<(HashSet<string> Verbs, HashSet<string> KnowledgeHeads)> _verbs;

    public SkillFacts(IEnumerable<(string Uri, string Label, string? Description, bool Knowledge)> skills, IEnumerable<(string Narrower, string Broader)> broader)
    {
        _termWeights = new Lazy<TermWeights>(() => new TermWeights(_skills!.Values.Select(s => $"{s.Label} {s.Description}")));
        _verbs = new Lazy<(HashSet<string>, HashSet<string>)>(() => ActionVerbs(_skills!.Values));
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(broader);
        _skills = skills.ToDictionary(s => s.Uri, s => (s.Label, s.Description, s.Knowledge), StringComparer.Ordinal);
        _broader = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        _narrower = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (narrow, broad) in broader)
        {
            if (!_skills.ContainsKey(narrow) || !_skills.ContainsKey(broad) || narrow == broad)
            {
                continue;
            }

            Add(_broader, narrow, broad);
            Add(_narrower, broad, narrow);
        }

        static void Add(Dictionary<string, List<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>Every skill of the store with its label, description and broader skills (two store reads).</summary>
    public static async Task<SkillFacts> LoadAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var uris = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var concepts = await store.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        var broader = await store.GetNeighboursManyAsync(uris, RelationType.Broader, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false);
        return new SkillFacts(
            concepts.Where(c => c is not null).Select(c => (c!.Uri.Value, c.PreferredLabel, c.Description, c.SkillType == SkillType.Knowledge)),
            uris.Zip(broader).SelectMany(p => p.Second.Items.Select(b => (p.First.Value, b.Value))));
    }

    public int Count => _skills.Count;

    /// <summary>How rare each term is in the skills' labels and descriptions (built once, on first use).</summary>
    public TermWeights TermWeights => _termWeights.Value;

    public string Label(string uri) => _skills.TryGetValue(uri, out var s) ? s.Label : uri;

    public string? Description(string uri) => _skills.TryGetValue(uri, out var s) ? s.Description : null;

    /// <summary>ESCO's skillType is knowledge (a subject, not an activity).</summary>
    public bool IsKnowledge(string uri) => _skills.TryGetValue(uri, out var s) && s.Knowledge;

    /// <summary>
    /// Whether <paramref name="word"/> (lower case) is an action verb by ESCO's own labels: skills and competences are named as
    /// imperative verb phrases ("mentor individuals", "use databases"), so a word that starts at least two of their labels is a verb
    /// (adverbs such as "safely" and adjectives such as "digital" out). ESCO spells "-ise", a job may spell "-ize": "optimize" is the
    /// verb "optimise".
    /// </summary>
    public bool IsActionVerb(string word) => _verbs.Value.Verbs.Contains(British(word));

    /// <summary>
    /// <see cref="IsActionVerb"/>, and no knowledge label (a noun phrase: "design principles", "test automation") starts with
    /// <paramref name="word"/>: a verb whatever words follow it.
    /// </summary>
    public bool IsOnlyActionVerb(string word) => IsActionVerb(word) && !_verbs.Value.KnowledgeHeads.Contains(British(word));

    /// <summary>ESCO's spelling of a verb spelt "-ize" or "-yze" ("optimize" → "optimise", "analyze" → "analyse").</summary>
    private static string British(string word) =>
        word.Length > 5 && (word.EndsWith("ize", StringComparison.Ordinal) || word.EndsWith("yze", StringComparison.Ordinal)) ? word[..^2] + "se" : word;

    private static (HashSet<string>, HashSet<string>) ActionVerbs(IEnumerable<(string Label, string? Description, bool Knowledge)> skills)
    {
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var heads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, _, knowledge) in skills)
        {
            var first = label.Split(' ', 2)[0].ToLowerInvariant();
            if (knowledge)
            {
                heads.Add(first);
            }
            else
            {
                starts[first] = starts.GetValueOrDefault(first) + 1;
            }
        }

        var verbs = starts.Where(p => p.Value >= 2 && p.Key.All(c => char.IsAsciiLetterLower(c) || c == '-')
                && !(p.Key.EndsWith("ly", StringComparison.Ordinal) && !p.Key.EndsWith("ply", StringComparison.Ordinal))
                && !p.Key.EndsWith("al", StringComparison.Ordinal))
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
        return (verbs, heads);
    }

    public IReadOnlyList<string> Broader(string uri) => _broader.TryGetValue(uri, out var l) ? l : None;

    public IReadOnlyList<string> Narrower(string uri) => _narrower.TryGetValue(uri, out var l) ? l : None;
}
