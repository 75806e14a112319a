using SkillGraph.Domain;
namespace SkillGraph.Student;

/// <summary>One skill as the student sees it: its URI, preferred label and alternative labels.</summary>
public sealed record SkillEntry(string Uri, string PreferredLabel, IReadOnlyList<string> AltLabels);

/// <summary>The skills the student can extract, in a fixed order (the order of the label index).</summary>
public sealed class SkillCatalog
{
    readonly Dictionary<string, int> _byUri;
    readonly Dictionary<string, int> _byLabel;
    ulong _fingerprint;
    volatile bool _fingerprinted;

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

    /// <summary>
    /// The labels of the graph's occupations when the catalog was read (<see cref="StoreCatalog"/>; empty otherwise), normalised as
    /// <see cref="SkillGraph.Graph.LabelText"/> normalises them: no skill here has one of them as an alternative label
    /// (<see cref="StoreCatalog.Entry"/>), and a followed catalog keeps them (<see cref="With"/>).
    /// </summary>
    public IReadOnlySet<string> OccupationLabels { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public int Count => Skills.Count;
    public SkillEntry this[int index] => Skills[index];
    public int IndexOfUri(string uri) => _byUri.TryGetValue(uri, out var i) ? i : -1;
    /// <summary>The skill whose preferred label is <paramref name="preferredLabel"/> (case-insensitive, ignoring surrounding spaces), or -1.</summary>
    public int IndexOfLabel(string preferredLabel) => _byLabel.TryGetValue(preferredLabel.Trim(), out var i) ? i : -1;

    /// <summary>
    /// This catalog with <paramref name="upserts"/> replacing the skills of the same URI (or inserted at their place in
    /// ordinal URI order, the order <see cref="StoreCatalog"/> reads them in) and the skills of <paramref name="removed"/> left out.
    /// </summary>
    public SkillCatalog With(IEnumerable<SkillEntry> upserts, IEnumerable<string> removed)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removed);
        var gone = removed.ToHashSet(StringComparer.Ordinal);
        var replace = new Dictionary<string, SkillEntry>(StringComparer.Ordinal);
        foreach (var skill in upserts)
        {
            replace[skill.Uri] = skill;
        }

        var result = new List<SkillEntry>(Skills.Count + replace.Count);
        foreach (var skill in Skills)
        {
            if (!gone.Contains(skill.Uri))
            {
                result.Add(replace.Remove(skill.Uri, out var changed) ? changed : skill);
            }
        }

        foreach (var added in replace.Values.Where(s => !gone.Contains(s.Uri)).OrderBy(s => s.Uri, StringComparer.Ordinal))
        {
            var at = result.FindIndex(s => string.CompareOrdinal(s.Uri, added.Uri) > 0);
            result.Insert(at < 0 ? result.Count : at, added);
        }

        return new SkillCatalog(result) { OccupationLabels = OccupationLabels };
    }

    /// <summary>
    /// The alternative labels of <paramref name="skill"/> that get a vector of their own: trimmed, non-empty, each once
    /// (case-insensitively) and not the preferred label, in the order given.
    /// </summary>
    public static List<string> DistinctAltLabels(SkillEntry skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { skill.PreferredLabel.Trim() };
        var result = new List<string>(skill.AltLabels.Count);
        foreach (var label in skill.AltLabels)
        {
            var text = label.Trim();
            if (text.Length > 0 && seen.Add(text))
            {
                result.Add(text);
            }
        }

        return result;
    }

    /// <summary>A fingerprint of URIs and labels, stored in the index so that a stale index is detected (computed once).</summary>
    public ulong Fingerprint()
    {
        if (!_fingerprinted)
        {
            _fingerprint = ComputeFingerprint();
            _fingerprinted = true;
        }

        return _fingerprint;
    }

    ulong ComputeFingerprint()
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
