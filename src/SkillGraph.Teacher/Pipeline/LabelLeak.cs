using System.Globalization;
using System.Text;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>
/// Whether a text names a skill: one of its labels as a whole phrase (word boundaries), case-insensitive
/// (labels of one or two characters, such as "R" or "C", only in the same case).
/// </summary>
public static class LabelLeak
{
    /// <summary>The labels of <paramref name="labels"/> that occur in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Find(string text, IEnumerable<string> labels)
    {
        var found = new List<string>();
        foreach (var label in labels.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Contains(text, label))
            {
                found.Add(label);
            }
        }

        return found;
    }

    public static bool Contains(string text, string label)
    {
        var needle = label.Trim();
        if (needle.Length == 0)
        {
            return false;
        }

        var comparison = needle.Length <= 2 ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (var at = text.IndexOf(needle, comparison); at >= 0; at = text.IndexOf(needle, at + 1, comparison))
        {
            var before = at == 0 || !IsWordChar(text[at - 1]);
            var afterIndex = at + needle.Length;
            var after = afterIndex >= text.Length || !IsWordChar(text[afterIndex]);
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A text folded for comparisons of wording: lower case, whitespace collapsed.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
