using SkillGraph.Domain;
namespace SkillGraph.Student;

/// <summary>One skill as the student sees it: its URI, preferred label and alternative labels.</summary>
public sealed record SkillEntry(string Uri, string PreferredLabel, IReadOnlyList<string> AltLabels);

/// <summary>The skills the student can extract, in a fixed order (the order of the label index).</summary>
public sealed class SkillCatalog
{
    readonly Dictionary<string, int> _byUri;
    readonly Dictionary<string, int> _byLabel;

    public SkillCatalog(IEnumerable<SkillEntry> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        Skills = [.. skills];
        _byUri = new Dictionary<string, int>(Skills.Count, StringComparer.Ordinal);
        _byLabel = new Dictionary<string, int>(Skills.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Skills.Count; i++)
        {
            if (!_byUri.TryAdd(Skills[i].Uri, i)) throw new ArgumentException($"duplicate skill uri {Skills[i].Uri}", nameof(skills));
            _byLabel.TryAdd(Skills[i].PreferredLabel.Trim(), i);
        }
    }

    public IReadOnlyList<SkillEntry> Skills { get; }
    public int Count => Skills.Count;
    public SkillEntry this[int index] => Skills[index];
    public int IndexOfUri(string uri) => _byUri.TryGetValue(uri, out var i) ? i : -1;
    /// <summary>The skill whose preferred label is <paramref name="preferredLabel"/> (case-insensitive, ignoring surrounding spaces), or -1.</summary>
    public int IndexOfLabel(string preferredLabel) => _byLabel.TryGetValue(preferredLabel.Trim(), out var i) ? i : -1;

    /// <summary>A fingerprint of URIs and labels, stored in the index so that a stale index is detected.</summary>
    public ulong Fingerprint()
    {
        var h = StableHash.Offset64;
        foreach (var s in Skills)
        {
            foreach (var str in (IEnumerable<string>)[s.Uri, s.PreferredLabel, .. s.AltLabels])
            {
                h = StableHash.Step64(StableHash.Fnv1a64(str, h), 0xFF);
            }
        }
        return h;
    }
}
