namespace SkillGraph.Cli;

/// <summary>
/// The folders a verb may write its named outputs into (decision 0024): the working directory, plus every folder of
/// <c>$SKILLGRAPH_OUTPUT_ROOTS</c> (separated like PATH). A path is inside when its real path — the longest existing ancestor
/// with every symbolic link resolved, then the rest — lies under a root's real path on a separator boundary, so neither
/// <c>../x</c> nor a link inside the tree that points outside it gets past.
/// </summary>
internal static class OutputRoots
{
    public const string Variable = "SKILLGRAPH_OUTPUT_ROOTS";

    private const int MaxLinks = 40; // as Linux's ELOOP

    /// <summary>
    /// The full path of <paramref name="path"/>, given for <paramref name="option"/>, when its real path lies inside the allowed roots.
    /// </summary>
    /// <exception cref="ArgumentException">outside the roots (exit code 2, one line naming the option and the path).</exception>
    public static string Check(string path, string option) =>
        Check(path, option, Environment.CurrentDirectory, Environment.GetEnvironmentVariable(Variable));

    /// <summary><see cref="Check(string, string)"/> with the working directory and the variable's value given.</summary>
    public static string Check(string path, string option, string workingDirectory, string? extraRoots)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var roots = Roots(workingDirectory, extraRoots);
        var full = Path.GetFullPath(path, workingDirectory);
        var real = RealPath(full);
        if (roots.Any(root => IsInside(real, root)))
        {
            return full;
        }

        var shown = real == full ? full : $"{full} (a link to {real})";
        var extra = roots.Count > 1 ? $" or {Variable} ({string.Join(Path.PathSeparator, roots.Skip(1))})" : string.Empty;
        throw new ArgumentException(
            $"{option} {shown} is outside the working tree ({roots[0]}){extra}; run from its folder or add its folder to {Variable}.");
    }

    /// <summary>The working directory first, then each folder of <paramref name="extraRoots"/>, all as real paths.</summary>
    public static List<string> Roots(string workingDirectory, string? extraRoots)
    {
        var roots = new List<string> { RealPath(Path.GetFullPath(workingDirectory)) };
        foreach (var entry in (extraRoots ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var root = RealPath(Path.GetFullPath(entry, workingDirectory));
            if (!roots.Contains(root, StringComparer.Ordinal))
            {
                roots.Add(root);
            }
        }

        return roots;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or under it (ordinal, on a separator: /a/bc is not under /a/b).</summary>
    public static bool IsInside(string path, string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        return string.Equals(Path.TrimEndingDirectorySeparator(path), trimmed, StringComparison.Ordinal)
            || path.StartsWith(trimmed.EndsWith(Path.DirectorySeparatorChar) ? trimmed : trimmed + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="full"/> (an absolute, normalised path) with every symbolic link among its existing components resolved,
    /// as realpath(3) does; the components that do not exist yet are kept as they are.
    /// </summary>
    public static string RealPath(string full) => RealPath(full, 0);

    private static string RealPath(string full, int depth)
    {
        if (depth > MaxLinks)
        {
            throw new IOException($"{full}: too many levels of symbolic links.");
        }

        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                // The link's text, relative to the link's folder; a link to a link is resolved by the recursion.
                next = RealPath(Path.GetFullPath(target, current), depth + 1);
            }
            else if (!info.Exists && !Directory.Exists(next))
            {
                return Path.Combine([next, .. parts[(i + 1)..]]); // nothing below a missing component can be a link
            }

            current = next;
        }

        return current;
    }
}
