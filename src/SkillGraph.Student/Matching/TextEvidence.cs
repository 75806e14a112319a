using System.Text;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The lexical side of the matcher: a text cut into lines (each requirement of a job, each statement of a resume), and
/// each line's content terms (lower-cased, stop words out, a light suffix stemmer), weighted by how rare a term is in
/// ESCO's own skill texts (<see cref="TermWeights"/>). Both are local to a line, so adding a line to a text never
/// changes the others — what makes the matcher's support features monotone.
/// </summary>
public static class TextEvidence
{
    /// <summary>The text's lines: cut at line breaks, sentence ends, semicolons and bullets; trimmed of bullets; empty ones dropped; each with where it starts in the text.</summary>
    public static IReadOnlyList<TextLine> Lines(string text, int maxLines, int maxChars = 400)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<TextLine>();
        var start = 0;
        for (var i = 0; i <= text.Length && lines.Count < maxLines; i++)
        {
            if (i < text.Length && !IsBreak(text, i))
            {
                continue;
            }

            var end = i < text.Length && text[i] is '.' or '!' or '?' ? i + 1 : i;
            Add(start, end);
            start = i + 1;
        }

        return lines;

        void Add(int from, int to)
        {
            // Trim white space and bullets off the front, white space off the end.
            while (from < to && (char.IsWhiteSpace(text[from]) || text[from] is '-' or '*' or '•' or '·' or '–' or '—' or '>'))
            {
                from++;
            }

            while (to > from && char.IsWhiteSpace(text[to - 1]))
            {
                to--;
            }

            to = to > from + maxChars ? Boundary(text, from + maxChars) : to;

            // A line needs a letter or digit to say anything.
            for (var c = from; c < to; c++)
            {
                if (char.IsLetterOrDigit(text[c]))
                {
                    lines.Add(new TextLine(text[from..to], from));
                    return;
                }
            }
        }
    }

    /// <summary><paramref name="index"/>, or one less where a cut there would split a surrogate pair (an emoji, a rare CJK character).</summary>
    public static int Boundary(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        return index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
    }

    private static bool IsBreak(string text, int i) => text[i] switch
    {
        '\n' or '\r' or ';' or '•' => true,
        // A sentence end: the mark, then a space or the end (so "e.g." mid-word, "3.5" and "node.js" stay whole).
        '.' or '!' or '?' => i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]),
        _ => false,
    };

    /// <summary>The content terms of a text, stemmed, in order (stop words and one-character tokens out).</summary>
    public static IEnumerable<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c) || (word.Length > 0 && c is '+' or '#'))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if ((w.Length > 1 || char.IsDigit(w[0])) && !StopWords.Contains(w))
                {
                    yield return Stem(w);
                }
            }
        }
    }

    /// <summary>A light suffix stemmer: enough to meet "designed"/"designing"/"design" and "databases"/"database".</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word;
        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            w = w[..^3];
        }
        else if (w.Length > 4 && (w.EndsWith("ied", StringComparison.Ordinal) || w.EndsWith("ies", StringComparison.Ordinal)))
        {
            w = w[..^3] + "y";
        }
        else if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.Length > 4 && w.EndsWith("es", StringComparison.Ordinal) && w[^3] is 's' or 'x' or 'z' or 'h')
        {
            w = w[..^2];
        }
        else if (w.Length > 3 && w[^1] == 's' && w[^2] is not 's' and not 'u' and not 'i')
        {
            w = w[..^1];
        }

        // "service"/"services"/"serviced" meet at "servic".
        return w.Length > 4 && w[^1] == 'e' ? w[..^1] : w;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "into", "onto", "about",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "can",
        "could", "should", "may", "might", "must", "shall", "this", "that", "these", "those", "it", "its", "we", "our", "us", "you",
        "your", "i", "my", "me", "he", "she", "his", "her", "they", "their", "them", "who", "whom", "which", "what", "where", "when",
        "how", "all", "any", "each", "every", "some", "such", "other", "also", "than", "then", "so", "not", "no", "nor", "very",
        "well", "both", "either", "via", "per", "etc", "e", "g", "ie", "eg", "up", "out", "over", "under", "more", "most", "within",
    };
}

/// <summary>A line of a text and the character offset where it starts.</summary>
public readonly record struct TextLine(string Text, int Start);

/// <summary>
/// How much a term says: its inverse document frequency over ESCO's skill labels and descriptions (a fixed corpus, so a score
/// does not depend on which other texts were seen). A term ESCO never uses (a product, a framework) weighs the most.
/// </summary>
public sealed class TermWeights
{
    private readonly Dictionary<string, float> _idf;

    public TermWeights(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var document in documents)
        {
            n++;
            foreach (var term in TextEvidence.Terms(document).Distinct(StringComparer.Ordinal))
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        Unknown = MathF.Log((n + 1) / 1f) + 1;
        _idf = df.ToDictionary(p => p.Key, p => MathF.Log((n + 1) / (float)(p.Value + 1)) + 1, StringComparer.Ordinal);
    }

    /// <summary>The weight of a term no document uses.</summary>
    public float Unknown { get; }

    public float Weight(string term) => _idf.TryGetValue(term, out var w) ? w : Unknown;
}
