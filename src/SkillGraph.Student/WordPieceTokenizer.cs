using System.Globalization;
using System.Text;

namespace SkillGraph.Student;

/// <summary>A word of the input text: a run of letters/digits or a single punctuation mark.</summary>
public readonly record struct TextWord(int Start, int End, bool IsPunctuation);

/// <summary>
/// BERT uncased tokenizer (basic tokenization + WordPiece) that keeps character offsets into the input,
/// matching the tokenizer all-MiniLM-L6-v2 was trained with.
/// </summary>
public sealed class WordPieceTokenizer
{
    public const int ClsId = 101;
    public const int SepId = 102;
    public const int UnkId = 100;
    const int MaxWordChars = 100;

    readonly Dictionary<string, int> _vocab;
    readonly Dictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);
    readonly Lock _cacheLock = new();

    public WordPieceTokenizer(IEnumerable<string> vocabLines)
    {
        ArgumentNullException.ThrowIfNull(vocabLines);
        _vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var line in vocabLines)
        {
            _vocab.TryAdd(line.TrimEnd('\r', '\n'), i);
            i++;
        }
    }

    public int VocabularySize => _vocab.Count;

    /// <summary>Splits text into words (BERT basic tokenization) with offsets into <paramref name="text"/>.</summary>
    public static List<TextWord> SplitWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<TextWord>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (start >= 0) { words.Add(new TextWord(start, i, false)); start = -1; }
            }
            else if (IsPunctuation(c))
            {
                if (start >= 0) { words.Add(new TextWord(start, i, false)); start = -1; }
                words.Add(new TextWord(i, i + 1, true));
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        if (start >= 0) words.Add(new TextWord(start, text.Length, false));
        return words;
    }

    /// <summary>WordPiece ids of one word (lower-cased, accents stripped).</summary>
    public int[] WordPieces(ReadOnlySpan<char> word)
    {
        var key = Normalize(word);
        // a word too long for the vocabulary is [UNK]: not cached, so that long unique words cannot fill the cache (≈ 40 KB a key at the text limit)
        if (key.Length > MaxWordChars) return [UnkId];
        lock (_cacheLock)
        {
            if (_wordCache.TryGetValue(key, out var cached)) return cached;
        }
        var ids = Pieces(key);
        lock (_cacheLock)
        {
            if (_wordCache.Count > 200_000) _wordCache.Clear();
            _wordCache[key] = ids;
        }
        return ids;
    }

    /// <summary>Token ids for a whole string, with [CLS] and [SEP], truncated to <paramref name="maxTokens"/>.</summary>
    public List<int> Encode(string text, int maxTokens = 128)
    {
        var ids = new List<int>(32) { ClsId };
        foreach (var w in SplitWords(text))
        {
            var pieces = WordPieces(text.AsSpan(w.Start, w.End - w.Start));
            foreach (var p in pieces)
            {
                if (ids.Count >= maxTokens - 1) break;
                ids.Add(p);
            }
        }
        ids.Add(SepId);
        return ids;
    }

    int[] Pieces(string word)
    {
        if (word.Length == 0) return [];
        if (word.Length > MaxWordChars) return [UnkId];
        var result = new List<int>(4);
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (start < end)
            {
                var sub = start == 0 ? word[start..end] : string.Concat("##", word.AsSpan(start, end - start));
                if (_vocab.TryGetValue(sub, out var id)) { found = id; break; }
                end--;
            }
            if (found < 0) return [UnkId];
            result.Add(found);
            start = end;
        }
        return [.. result];
    }

    /// <summary>BERT uncased normalisation of one word: lower-cased, accents stripped where the runtime can decompose.</summary>
    public static string Normalize(ReadOnlySpan<char> word)
    {
        var ascii = true;
        foreach (var c in word) if (c > 127) { ascii = false; break; }
        if (ascii)
        {
            Span<char> buf = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
            for (var i = 0; i < word.Length; i++) buf[i] = char.ToLowerInvariant(word[i]);
            return new string(buf);
        }
        var lower = word.ToString().ToLowerInvariant();
        string decomposed;
        try { decomposed = lower.Normalize(NormalizationForm.FormD); }
        catch (PlatformNotSupportedException) { decomposed = lower; }
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>BERT's notion of punctuation: ASCII symbols plus Unicode punctuation.</summary>
    public static bool IsPunctuation(char c)
    {
        if (c is >= (char)33 and <= (char)47 or >= (char)58 and <= (char)64 or >= (char)91 and <= (char)96 or >= (char)123 and <= (char)126)
            return true;
        return c > 127 && char.IsPunctuation(c);
    }
}
