using System.Text;

namespace SkillGraph.Testing;

/// <summary>
/// Texts a hostile or careless caller sends the students (issue 15, item 3), each at most the request's text limit
/// (20,000 characters): what the hostile-text tests send through real HTTP and what <c>bench/hostile.sh</c> times. One file,
/// linked into the test projects and the benchmark.
/// </summary>
public static class HostileTexts
{
    /// <summary>The request's text limit (Check.MaxTextLength), repeated here so the catalogue needs no project reference.</summary>
    public const int Limit = 20_000;

    /// <summary>Every hostile text, by name.</summary>
    public static IReadOnlyList<(string Name, string Text)> All { get; } =
    [
        ("java x 4000", Repeat("Java ", 4_000)),
        ("one sentence x 20000 chars", Fill("Designed SQL databases and debugged Java services for a logistics company. ")),
        ("short lines x 20000 chars", Fill("- Java\n")),
        ("one letter words", Fill("b ")),
        ("punctuation only", Fill(".,;")),
        ("letter and full stop", Fill("b.")),
        ("emoji only", Fill("😀🚀👩‍💻")),
        ("emoji between words", Fill("Java😀SQL🚀 ")),
        ("right-to-left scripts", Fill("مهندس برمجيات خبرة في جافا وقواعد البيانات. מפתח תוכנה עם ניסיון ב-SQL. ")),
        ("zero-width characters", Fill("Ja\u200Bva\u200C S\u200DQL\u2060 \uFEFF")),
        ("control characters", Fill("Java\u0000\u0001\u0007SQL\u001B[31m\u007F\u0085 ")),
        ("bidi overrides", Fill("\u202EJava\u202C \u2066SQL\u2069 \u200Fdatabase\u200E ")),
        ("combining marks", Fill("J\u0301\u0302\u0303a\u0300\u0301v\u0308a\u0327 ")),
        ("single 5000-char word", new string('x', 5_000)),
        ("single 20000-char word", new string('J', Limit)),
        ("lone high surrogates", Fill("Java \uD800 SQL \uDBFF")),
        ("lone low surrogates", Fill("\uDC00Java\uDFFF SQL ")),
        ("html", Fill("<script>alert('x')</script><img src=x onerror=alert(1)><b>Java</b> &amp; &lt;SQL&gt; ")),
        ("sql injection", Fill("Robert'); DROP TABLE concept;-- ' OR '1'='1' UNION SELECT * FROM api_key; ")),
        ("json and graphql", Fill("{\"query\":\"{ __schema { types { name } } }\"} \\u0000 \\\" ")),
        ("whitespace only", Fill(" \t\r\n\u00A0\u2003\u3000")),
    ];

    /// <summary><paramref name="unit"/> repeated <paramref name="times"/> times.</summary>
    public static string Repeat(string unit, int times) => new StringBuilder(unit.Length * times).Insert(0, unit, times).ToString();

    /// <summary><paramref name="unit"/> repeated up to the text limit (cut at the limit, never inside a surrogate pair).</summary>
    public static string Fill(string unit)
    {
        var text = new StringBuilder(Limit + unit.Length);
        while (text.Length < Limit)
        {
            text.Append(unit);
        }

        var cut = Limit;
        if (text.Length > cut && char.IsLowSurrogate(text[cut]) && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text.ToString(0, cut);
    }
}
