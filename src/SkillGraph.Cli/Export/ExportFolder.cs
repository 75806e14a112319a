namespace SkillGraph.Cli.Export;

/// <summary>
/// Replaces a folder of exported files as one set: the export is written into a sibling staging folder
/// (<c>DIR.tmp-&lt;guid&gt;</c>), its files flushed to disk, then DIR is renamed to <c>DIR.old-&lt;guid&gt;</c>, the staging
/// folder to DIR, and the old one deleted. A kill leaves DIR with the whole previous set or the whole new one; only between
/// the two renames is DIR missing, with the previous set whole in <c>DIR.old-*</c>, and the next run puts it back first.
/// One export into a folder at a time: a run deletes the staging and old folders other runs left beside DIR.
/// </summary>
internal static class ExportFolder
{
    private const string Staging = ".tmp-";
    private const string Previous = ".old-";

    /// <summary>
    /// The folder to replace for <paramref name="outDirectory"/> (a link to a folder: the folder it points to), once the leftovers of
    /// a killed run are dealt with: a previous set left in <c>DIR.old-*</c> while DIR is missing is put back, other
    /// <c>DIR.old-*</c> and every <c>DIR.tmp-*</c> are deleted. Refuses a file, and a folder that holds anything but
    /// <paramref name="files"/> (the replacement would delete it).
    /// </summary>
    /// <exception cref="ArgumentException">DIR is a file, or holds what is not one of <paramref name="files"/>.</exception>
    /// <exception cref="IOException">DIR is missing and several runs left their previous set beside it.</exception>
    public static string Prepare(string outDirectory, IReadOnlySet<string> files)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory));
        if (File.Exists(target))
        {
            throw new ArgumentException($"--out {outDirectory} is a file, not a folder.");
        }

        if (new DirectoryInfo(target).LinkTarget is not null)
        {
            target = OutputRoots.RealPath(target);
        }

        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"--out {outDirectory}: a root cannot be replaced; give a folder below it.");
        Directory.CreateDirectory(parent);
        var previous = Leftovers(target, Previous);
        if (!Directory.Exists(target) && previous.Count > 1)
        {
            throw new IOException($"--out {outDirectory} is missing and {previous.Count} killed exports left their previous files beside it ({string.Join(", ", previous.Select(Path.GetFileName))}); rename the one to keep to {Path.GetFileName(target)}.");
        }

        if (!Directory.Exists(target) && previous.Count == 1)
        {
            Directory.Move(previous[0], target); // killed between its two renames: the previous set is whole
            previous.Clear();
        }

        foreach (var leftover in previous.Concat(Leftovers(target, Staging)))
        {
            Directory.Delete(leftover, recursive: true);
        }

        if (Directory.Exists(target)
            && Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).FirstOrDefault(name => !files.Contains(name!)) is { } foreign)
        {
            throw new ArgumentException($"--out {outDirectory} holds {foreign}, which this export does not write; the export replaces the whole folder, so give an empty or new folder.");
        }

        return target;
    }

    /// <summary>A new, empty staging folder beside <paramref name="target"/> (on the same file system, so the swap is a rename).</summary>
    public static string NewStaging(string target)
    {
        var staging = $"{target}{Staging}{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Puts <paramref name="staging"/> in the place of <paramref name="target"/> and deletes what was there.</summary>
    public static void Replace(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var old = $"{target}{Previous}{Guid.NewGuid():N}";
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>The folders beside <paramref name="target"/> named <c>TARGET{kind}&lt;guid&gt;</c>, in name order.</summary>
    private static List<string> Leftovers(string target, string kind)
    {
        var prefix = Path.GetFileName(target) + kind;
        return [.. Directory.EnumerateDirectories(Path.GetDirectoryName(target)!)
            .Where(path => Path.GetFileName(path) is { } name && name.StartsWith(prefix, StringComparison.Ordinal) && name.Length == prefix.Length + 32 && name[prefix.Length..].All(char.IsAsciiHexDigitLower))
            .Order(StringComparer.Ordinal)];
    }
}
