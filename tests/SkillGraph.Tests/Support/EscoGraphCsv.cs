namespace SkillGraph.Tests.Support;

/// <summary>
/// The ESCO relations as plain sets read straight from the CSV files — the independent computation that the
/// handlers' answers are checked against.
/// </summary>
public sealed class EscoGraphCsv
{
    private static readonly Lazy<EscoGraphCsv> Shared = new(() => new EscoGraphCsv());

    private EscoGraphCsv()
    {
        Occupations = EscoCsv.Rows("occupations_en.csv").ToDictionary(r => r["conceptUri"], r => r["preferredLabel"], StringComparer.Ordinal);
        Skills = EscoCsv.Rows("skills_en.csv").ToDictionary(r => r["conceptUri"], r => r["preferredLabel"], StringComparer.Ordinal);
        foreach (var row in EscoCsv.Rows("occupationSkillRelations.csv"))
        {
            if (!Occupations.ContainsKey(row["occupationUri"]))
            {
                continue;
            }

            var target = row["relationType"] == "essential" ? Essential : Optional;
            Add(target, row["occupationUri"], row["skillUri"]);
            Add(row["relationType"] == "essential" ? EssentialFor : OptionalFor, row["skillUri"], row["occupationUri"]);
        }

        foreach (var row in EscoCsv.Rows("broaderRelationsSkillPillar.csv"))
        {
            Add(SkillBroader, row["conceptUri"], row["broaderUri"]);
        }
    }

    public static EscoGraphCsv Instance => Shared.Value;

    public Dictionary<string, string> Occupations { get; }

    public Dictionary<string, string> Skills { get; }

    public Dictionary<string, HashSet<string>> Essential { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Optional { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> EssentialFor { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> OptionalFor { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> SkillBroader { get; } = new(StringComparer.Ordinal);

    public static HashSet<string> Of(Dictionary<string, HashSet<string>> relation, string key) =>
        relation.TryGetValue(key, out var set) ? set : [];

    private static void Add(Dictionary<string, HashSet<string>> relation, string from, string to)
    {
        if (!relation.TryGetValue(from, out var set))
        {
            relation[from] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(to);
    }
}
