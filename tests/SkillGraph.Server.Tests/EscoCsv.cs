using nietras.SeparatedValues;

namespace SkillGraph.Server.Tests;

/// <summary>What the ESCO CSV files say, read independently of the importer, for the tests' expectations.</summary>
public sealed class EscoCsv
{
    public Dictionary<string, (string Code, string Label)> Occupations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string SkillType, string ReuseLevel, string Label, string AltLabels)> Skills { get; } = new(StringComparer.Ordinal);

    /// <summary>Skill groups (the skills pillar's hierarchy, ISCED-F fields included): URI → preferred label.</summary>
    public Dictionary<string, string> SkillGroups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string Code, string Label)> IscoGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>Occupation → skills, per relation type ("essential", "optional"), only where both ends exist.</summary>
    public Dictionary<(string Occupation, string Type), HashSet<string>> SkillsOf { get; } = [];

    public Dictionary<(string Skill, string Type), HashSet<string>> OccupationsOf { get; } = [];

    public HashSet<string> DigitalCollection { get; } = new(StringComparer.Ordinal);

    /// <summary>Concept → broader concepts in the skills pillar.</summary>
    public Dictionary<string, HashSet<string>> SkillBroader { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SkillsFor(string occupation, string type) => SkillsOf.GetValueOrDefault((occupation, type)) ?? [];

    public HashSet<string> OccupationsFor(string skill, string type) => OccupationsOf.GetValueOrDefault((skill, type)) ?? [];

    public static EscoCsv Read(string directory)
    {
        var csv = new EscoCsv();
        foreach (var row in Rows(directory, "occupations_en.csv"))
        {
            csv.Occupations[row["conceptUri"]] = (row["code"], row["preferredLabel"]);
        }

        foreach (var row in Rows(directory, "skills_en.csv"))
        {
            csv.Skills[row["conceptUri"]] = (row["skillType"], row["reuseLevel"], row["preferredLabel"], row["altLabels"]);
        }

        foreach (var row in Rows(directory, "skillGroups_en.csv"))
        {
            csv.SkillGroups[row["conceptUri"]] = row["preferredLabel"];
        }

        foreach (var row in Rows(directory, "ISCOGroups_en.csv"))
        {
            csv.IscoGroups[row["conceptUri"]] = (row["code"], row["preferredLabel"]);
        }

        foreach (var row in Rows(directory, "occupationSkillRelations.csv"))
        {
            var (occupation, type, skill) = (row["occupationUri"], row["relationType"], row["skillUri"]);
            if (csv.Occupations.ContainsKey(occupation) && csv.Skills.ContainsKey(skill))
            {
                Add(csv.SkillsOf, (occupation, type), skill);
                Add(csv.OccupationsOf, (skill, type), occupation);
            }
        }

        foreach (var row in Rows(directory, "digitalSkillsCollection_en.csv"))
        {
            csv.DigitalCollection.Add(row["conceptUri"]);
        }

        foreach (var row in Rows(directory, "broaderRelationsSkillPillar.csv"))
        {
            if (!csv.SkillBroader.TryGetValue(row["conceptUri"], out var set))
            {
                csv.SkillBroader[row["conceptUri"]] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(row["broaderUri"]);
        }

        return csv;
    }

    private static void Add<TKey>(Dictionary<TKey, HashSet<string>> map, TKey key, string value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string directory, string file)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(directory, file));
        var names = reader.Header.ColNames;
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count && i < row.ColCount; i++)
            {
                values[names[i]] = row[i].ToString();
            }

            yield return values;
        }
    }
}
