using nietras.SeparatedValues;

namespace SkillGraph.Tests.Support;

/// <summary>An independent reading of the ESCO CSV files for expectations (Sep, straight from the files).</summary>
public static class EscoCsv
{
    public static List<Dictionary<string, string>> Rows(string file)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(Path.Combine(TestPaths.EscoDirectory, file));
        var names = reader.Header.ColNames;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var dict = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                dict[names[i]] = i < row.ColCount ? row[i].ToString() : string.Empty;
            }

            rows.Add(dict);
        }

        return rows;
    }

    public static int Count(string file) => Rows(file).Count;
}
