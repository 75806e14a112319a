using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// How a <see cref="Concept"/> is stored on a node (docs/decisions/0013): scalar fields as properties (enums as their
/// stored numbers, <see cref="Concept.ModifiedAt"/> as ISO 8601 text), labels as three parallel lists
/// (<c>labelTexts</c>, <c>labelKinds</c>, <c>labelLanguages</c>), and what search and filters need precomputed:
/// <c>collectionNames</c>, <c>searchLabels</c> (normalised preferred and alternative labels) and <c>searchText</c>.
/// An absent value, an empty list or an empty text is no property (null). Public because this is the one mapping:
/// <c>skillgraph export neo4j</c> writes its neo4j-admin CSVs with it.
/// </summary>
public static class ConceptProperties
{
    /// <summary>
    /// Every property <see cref="ToProperties"/> writes, in the order of the export's CSV columns, with the neo4j-admin
    /// import type that gives the value the Query API stores (JSON integers are Cypher Integers: <c>long</c>).
    /// </summary>
    public static IReadOnlyList<(string Name, string AdminType)> Schema { get; } =
    [
        ("uri", "string"), ("kind", "long"), ("preferredLabel", "string"), ("description", "string"),
        ("definition", "string"), ("scopeNote", "string"), ("status", "string"), ("code", "string"),
        ("skillType", "long"), ("reuseLevel", "long"), ("collections", "long"), ("collectionNames", "string[]"),
        ("modifiedAt", "string"), ("version", "long"), ("contentHash", "long"), ("labelTexts", "string[]"),
        ("labelKinds", "long[]"), ("labelLanguages", "string[]"), ("searchLabels", "string[]"), ("searchText", "string"),
    ];

    /// <summary>The node properties of <paramref name="c"/> stored at <paramref name="version"/>; null means "no property".</summary>
    public static Dictionary<string, object?> ToProperties(Concept c, long version, long contentHash)
    {
        var labels = c.Labels;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["uri"] = c.Uri.Value,
            ["kind"] = (int)c.Kind,
            ["preferredLabel"] = c.PreferredLabel,
            ["description"] = c.Description,
            ["definition"] = c.Definition,
            ["scopeNote"] = c.ScopeNote,
            ["status"] = c.Status,
            ["code"] = c.Code,
            ["skillType"] = c.SkillType is { } st ? (int)st : null,
            ["reuseLevel"] = c.ReuseLevel is { } rl ? (int)rl : null,
            ["collections"] = (int)c.Collections,
            ["collectionNames"] = NullIfEmpty(CollectionNames(c.Collections)),
            ["modifiedAt"] = c.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["version"] = version,
            ["contentHash"] = contentHash,
            ["labelTexts"] = NullIfEmpty(labels.Select(l => l.Text).ToArray()),
            ["labelKinds"] = NullIfEmpty(labels.Select(l => (long)l.Kind).ToArray()),
            ["labelLanguages"] = NullIfEmpty(labels.Select(l => l.Language).ToArray()),
            ["searchLabels"] = NullIfEmpty(SearchLabels(c).Select(l => l.Normalized).ToArray()),
            ["searchText"] = NullIfEmpty(string.Join('\n', new[] { c.PreferredLabel }.Concat(c.AltLabels()).Select(l => LabelText.Normalize(l)))),
        };
    }

    private static T[]? NullIfEmpty<T>(T[] items) => items.Length == 0 ? null : items;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>The concept a node's properties (as the Query API answers them: integers as long, lists as <c>List&lt;object?&gt;</c>) describe.</summary>
    public static Concept FromMap(IReadOnlyDictionary<string, object?> map)
    {
        var texts = map.List("labelTexts");
        var kinds = map.List("labelKinds");
        var languages = map.List("labelLanguages");
        var labels = new ConceptLabel[texts.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new ConceptLabel(
                texts[i] as string ?? string.Empty,
                (LabelKind)(Values.AsLong(i < kinds.Count ? kinds[i] : null) ?? (long)LabelKind.Alternative),
                string.Intern(i < languages.Count && languages[i] is string language ? language : "en"));
        }

        return new Concept
        {
            Uri = ConceptUri.Parse(map.String("uri")!),
            Kind = (ConceptKind)map.Int("kind"),
            PreferredLabel = map.String("preferredLabel") ?? string.Empty,
            Description = map.String("description"),
            Definition = map.String("definition"),
            ScopeNote = map.String("scopeNote"),
            Status = string.Intern(map.String("status") ?? "released"),
            Code = map.String("code"),
            SkillType = map.Long("skillType") is { } st ? (SkillType)st : null,
            ReuseLevel = map.Long("reuseLevel") is { } rl ? (ReuseLevel)rl : null,
            Collections = (EscoCollections)map.Int("collections"),
            ModifiedAt = map.String("modifiedAt") is { } modified ? DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture) : null,
            Version = map.Long("version") ?? 1,
            Labels = labels,
        };
    }

    /// <summary>The labels search matches, as the embedded label index takes them: preferred, then alternative (any language), normalised, each text once.</summary>
    public static List<(string Text, string Normalized, LabelKind Kind)> SearchLabels(Concept c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, string, LabelKind)>();
        Add(c.PreferredLabel, LabelKind.Preferred);
        foreach (var label in c.Labels)
        {
            if (label.Kind == LabelKind.Alternative)
            {
                Add(label.Text, LabelKind.Alternative);
            }
        }

        return result;

        void Add(string text, LabelKind kind)
        {
            var normalized = LabelText.Normalize(text);
            if (normalized.Length > 0 && seen.Add(normalized))
            {
                result.Add((text, normalized, kind));
            }
        }
    }

    /// <summary>The names of the collections a concept is in, as <see cref="GraphCounts.Collections"/> spells them ("digital", "digComp").</summary>
    public static string[] CollectionNames(EscoCollections collections) =>
        [.. Enum.GetValues<EscoCollections>().Where(f => f != EscoCollections.None && (collections & f) != 0).Select(CollectionName)];

    public static string CollectionName(EscoCollections flag)
    {
        var name = flag.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The relationship type of a relation: ESSENTIAL_SKILL, OPTIONAL_SKILL, BROADER, ESSENTIAL_RELATED_SKILL, OPTIONAL_RELATED_SKILL.</summary>
    public static string RelationshipType(RelationType type) => type switch
    {
        RelationType.EssentialSkill => "ESSENTIAL_SKILL",
        RelationType.OptionalSkill => "OPTIONAL_SKILL",
        RelationType.Broader => "BROADER",
        RelationType.EssentialRelatedSkill => "ESSENTIAL_RELATED_SKILL",
        RelationType.OptionalRelatedSkill => "OPTIONAL_RELATED_SKILL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A stable hash of a concept's content (not its version): the same as the embedded store's, so both agree on "unchanged".</summary>
    public static long ContentHash(Concept c)
    {
        var text = JsonSerializer.Serialize(new object?[]
        {
            c.Kind, c.PreferredLabel, c.Description, c.Definition, c.ScopeNote, c.Status, c.Code, c.SkillType, c.ReuseLevel,
            c.Collections, c.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture),
            c.Labels.Select(l => new[] { ((int)l.Kind).ToString(CultureInfo.InvariantCulture), l.Language, l.Text }),
        });
        return BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
    }
}
