using System.Globalization;
using System.Text;

namespace SkillGraph.Graph;

/// <summary>
/// The one normalisation of label text for search and matching: lower case, diacritics removed, every run of
/// characters other than letters, digits, '+' and '#' turned into one space (so "C++" and "C#" survive,
/// "Node.js" becomes "node js").
/// </summary>
public static class LabelText
{
    // U+00C0..U+017F folded to a base letter ('\0' keeps the character as it is).
    private const string LatinFold =
        "AAAAAAACEEEEIIII" + "DNOOOOO\0OUUUUYTs" + "aaaaaaaceeeeiiii" + "dnooooo\0ouuuuyty" +
        "AaAaAaCcCcCcCcDd" + "DdEeEeEeEeEeGgGg" + "GgGgHhHhIiIiIiIi" + "IiJjJjKkkLlLlLlL" +
        "lLlNnNnNnnNnOoOo" + "OoOoRrRrRrSsSsSs" + "SsTtTtTtUuUuUuUu" + "UuUuWwYyYZzZzZzs";

    public static string Normalize(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c < 128)
            {
                Append(builder, c, ref pendingSpace);
                continue;
            }

            if (c is >= '\u00C0' and <= '\u017F')
            {
                // Latin-1 Supplement and Latin Extended-A by table: this works without ICU (invariant globalization).
                var folded = LatinFold[c - '\u00C0'];
                if (folded != '\0')
                {
                    Append(builder, folded, ref pendingSpace);
                    continue;
                }
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                Append(builder, c, ref pendingSpace);
            }
        }

        return builder.ToString();
    }

    /// <summary>The tokens of an already normalised text.</summary>
    public static string[] Tokens(string normalized) =>
        normalized.Length == 0 ? [] : normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void Append(StringBuilder builder, char c, ref bool pendingSpace)
    {
        if (char.IsLetterOrDigit(c) || c == '+' || c == '#')
        {
            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        else
        {
            pendingSpace = true;
        }
    }
}
