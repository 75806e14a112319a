using nietras.SeparatedValues;
using SkillGraph.Student;

namespace SkillGraph.StudentLab;

/// <summary>A labelled query: a text and the catalog indices of its gold skills.</summary>
sealed record LabelledText(string Text, int[] Gold);

static class Data
{
    public static string Root => Environment.GetEnvironmentVariable("SKILLGRAPH_DATA") is { Length: > 0 } d
        ? d : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Build.props"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public static string CacheDir
    {
        get
        {
            var d = Path.Combine(RepoRoot, ".cache", "student");
            Directory.CreateDirectory(d);
            return d;
        }
    }

    public static SkillCatalog LoadEsco()
    {
        var path = Path.Combine(Root, "esco", "v1.1.1", "skills_en.csv");
        var list = new List<SkillEntry>(14000);
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            var alts = row["altLabels"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            list.Add(new SkillEntry(row["conceptUri"].ToString(), row["preferredLabel"].ToString().Trim(), alts));
        }
        return new SkillCatalog(list);
    }

    /// <summary>SkillSkape split: sentence + python-style list of preferred labels.</summary>
    public static List<LabelledText> LoadSkillSkape(SkillCatalog catalog, string split, out int unknownLabels)
    {
        if (split.Contains("test", StringComparison.OrdinalIgnoreCase)) throw new InvalidOperationException("the test split is the exam; never read it");
        var path = Path.Combine(Root, "skillskape", split + ".csv");
        var result = new List<LabelledText>();
        unknownLabels = 0;
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            var gold = new List<int>();
            foreach (var label in ParsePyList(row["skills"].ToString()))
            {
                var i = catalog.IndexOfLabel(label);
                if (i < 0) unknownLabels++;
                else if (!gold.Contains(i)) gold.Add(i);
            }
            result.Add(new LabelledText(row["sentence"].ToString(), [.. gold]));
        }
        return result;
    }

    /// <summary>TECH/HOUSE validation: one row per (sentence, span, label); a query is a sentence with ≥1 real label.</summary>
    public static List<LabelledText> LoadValidation(SkillCatalog catalog, string name, out int unknownLabels)
    {
        var path = Path.Combine(Root, "skill-extraction-val", name + "_validation_annotations.csv");
        var bySentence = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        unknownLabels = 0;
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            var sentence = row["sentence"].ToString();
            var label = row["label"].ToString().Trim();
            if (!bySentence.TryGetValue(sentence, out var gold)) { gold = []; bySentence[sentence] = gold; order.Add(sentence); }
            if (label is "LABEL NOT PRESENT" or "UNDERSPECIFIED" || label.Length == 0) continue;
            var i = catalog.IndexOfLabel(label);
            if (i < 0) { unknownLabels++; continue; }
            if (!gold.Contains(i)) gold.Add(i);
        }
        return [.. order.Where(s => bySentence[s].Count > 0).Select(s => new LabelledText(s, [.. bySentence[s]]))];
    }

    public static List<string> ParsePyList(string s)
    {
        var result = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '\'' or '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < s.Length && s[i] != c)
                {
                    if (s[i] == '\\' && i + 1 < s.Length) i++;
                    sb.Append(s[i]);
                    i++;
                }
                result.Add(sb.ToString().Trim());
            }
            i++;
        }
        return result;
    }
}
