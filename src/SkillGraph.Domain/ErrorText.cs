using System.Text;

namespace SkillGraph.Domain;

/// <summary>
/// An error message as a user sees it: one line, of bounded length, whatever input it quotes. Control characters
/// (line breaks included) are written as escapes (<c>\n</c>, <c>\u0000</c>), and a quoted input ('…') longer than
/// <see cref="MaxQuoted"/> characters is cut, saying how long it was.
/// </summary>
public static class ErrorText
{
    public const int MaxQuoted = 200; // a URI fits whole

    public static string OneLine(string message)
    {
        var builder = new StringBuilder(Math.Min(message.Length, 512));
        var quoteStart = -1;
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (c == '\'')
            {
                if (quoteStart < 0 && (i == 0 || !char.IsLetterOrDigit(message[i - 1])))
                {
                    var end = message.IndexOf('\'', i + 1);
                    while (end > 0 && end + 1 < message.Length && char.IsLetterOrDigit(message[end + 1]))
                    {
                        end = message.IndexOf('\'', end + 1); // an apostrophe inside the quoted text
                    }

                    if (end > i + MaxQuoted)
                    {
                        builder.Append('\'');
                        AppendEscaped(builder, message.AsSpan(i + 1, MaxQuoted - 1));
                        builder.Append("…' (").Append(end - i - 1).Append(" characters)");
                        i = end;
                        continue;
                    }
                }
            }

            AppendEscaped(builder, message.AsSpan(i, 1));
        }

        return builder.ToString();
    }

    /// <summary>
    /// <see cref="OneLine"/>, then cut to <see cref="MaxQuoted"/> characters (never half a surrogate pair) saying how long
    /// it was, when the message quotes its input some other way (a parser's description quoting a 200 KB token whole).
    /// </summary>
    public static string OneLineBounded(string message)
    {
        var line = OneLine(message);
        if (line.Length <= MaxQuoted + 100)
        {
            return line;
        }

        var cut = char.IsHighSurrogate(line[MaxQuoted - 1]) ? MaxQuoted - 1 : MaxQuoted;
        return $"{line[..cut]}… ({line.Length} characters)";
    }

    private static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }
}
