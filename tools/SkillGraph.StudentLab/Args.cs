using System.Globalization;

namespace SkillGraph.StudentLab;

sealed class Args(Dictionary<string, string> values)
{
    readonly Dictionary<string, string> _values = values;

    public static Args Parse(string[] args, Args? defaults = null)
    {
        var d = defaults is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(defaults._values, StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal))
                d[args[i][2..]] = i + 1 < args.Length && (!args[i + 1].StartsWith("--", StringComparison.Ordinal) || args[i] == "--configs") ? args[++i] : "1";
        return new Args(d);
    }

    public string? Str(string key) => _values.TryGetValue(key, out var v) ? v : null;
    public float Float(string key, float fallback) => _values.TryGetValue(key, out var v) ? float.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public float[] Floats(string key, float[] fallback) => _values.TryGetValue(key, out var v) ? [.. v.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture))] : fallback;
}
