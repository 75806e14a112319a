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

            // Decompose one non-ASCII character and keep its base letters (é → e, ß stays ß).
            Span<char> one = [c];
            var decomposed = new string(one).Normalize(NormalizationForm.FormD);
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    Append(builder, d, ref pendingSpace);
                }
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
