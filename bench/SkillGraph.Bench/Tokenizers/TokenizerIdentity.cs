using System.Globalization;
using System.Text;
using SkillGraph.Student;

namespace SkillGraph.Bench.Tokenizers;

/// <summary>
/// Compares our tokenizer with the served ones on real sentences: token ids and character offsets of every sentence
/// (ours: the words of <see cref="WordPieceTokenizer.SplitWords"/> and their WordPiece pieces, a piece's offsets from
/// the lengths of the pieces before it), then word by word with our word split kept. Optionally writes every
/// sentence's tokens and <see cref="TextSegmenter"/> output to a file, to diff two versions of the code.
/// </summary>
public static class TokenizerIdentity
{
    private readonly record struct Token(int Id, int Start, int End);

    public static void Run(IReadOnlyList<(string Set, string Text)> sentences, WordPieceTokenizer ours, MiniLmVocabulary vocabulary, string? dumpPath)
    {
        var mlBert = vocabulary.MlBert();
        var mlWordPiece = vocabulary.MlWordPiece();
        var fastBert = vocabulary.FastBert();
        var vocab = vocabulary.Tokens;
        var mlReport = new Report("Microsoft.ML.Tokenizers BertTokenizer, whole sentence (ids + offsets)", vocab);
        var fastReport = new Report("FastBertTokenizer, whole sentence (ids; it reports no offsets)", vocab);
        long tokens = 0;
        var nonPreserving = 0;
        foreach (var (_, text) in sentences)
        {
            var mine = Ours(ours, vocab, text, ref nonPreserving);
            tokens += mine.Count;
            var ml = mlBert.EncodeToTokens(text, out _).Select(t => new Token(t.Id, t.Offset.Start.Value, t.Offset.End.Value)).ToList();
            mlReport.Add(text, mine, ml, offsets: true);
            var fast = fastBert.Encode(text, 100_000).InputIds.ToArray();
            fastReport.Add(text, mine, [.. fast[1..^1].Select(id => new Token((int)id, 0, 0))], offsets: false);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"identity: {sentences.Count} sentences ({string.Join(", ", sentences.GroupBy(s => s.Set).Select(g => $"{g.Key} {g.Count()}"))}), {tokens} tokens of ours compared; {nonPreserving} words whose normalisation changes their length (pieces given the whole word's offsets)"));
        mlReport.Print();
        fastReport.Print();

        // Word by word: our word split kept, the library asked for one word's pieces.
        long words = 0;
        var perWord = new (string Name, int Mismatches, List<string> Examples)[] { ("Microsoft.ML.Tokenizers WordPieceTokenizer on our normalised word", 0, []), ("Microsoft.ML.Tokenizers BertTokenizer on the word", 0, []), ("FastBertTokenizer on the word", 0, []) };
        foreach (var (_, text) in sentences)
        {
            foreach (var w in WordPieceTokenizer.SplitWords(text))
            {
                words++;
                var word = text.Substring(w.Start, w.End - w.Start);
                var mine = ours.WordPieces(word);
                int[][] theirs =
                [
                    [.. mlWordPiece.EncodeToIds(WordPieceTokenizer.Normalize(word))],
                    [.. mlBert.EncodeToIds(word, addSpecialTokens: false)],
                    [.. fastBert.Encode(word, 1_000).InputIds.ToArray()[1..^1].Select(id => (int)id)],
                ];
                for (var i = 0; i < theirs.Length; i++)
                {
                    if (!mine.AsSpan().SequenceEqual(theirs[i]))
                    {
                        perWord[i].Mismatches++;
                        if (perWord[i].Examples.Count < 2)
                        {
                            perWord[i].Examples.Add($"'{word}' [{string.Join(' ', word.Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)))}]: ours {Pieces(vocab, mine)} | theirs {Pieces(vocab, theirs[i])}");
                        }
                    }
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"word by word ({words} words, our SplitWords kept):"));
        foreach (var (name, mismatches, examples) in perWord)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {mismatches} words differ"));
            examples.ForEach(e => Console.WriteLine($"    e.g. {e}"));
        }

        if (dumpPath is not null)
        {
            Dump(sentences, ours, vocab, dumpPath);
        }
    }

    private static List<Token> Ours(WordPieceTokenizer tokenizer, string[] vocab, string text, ref int nonPreserving)
    {
        var tokens = new List<Token>();
        foreach (var w in WordPieceTokenizer.SplitWords(text))
        {
            var word = text.AsSpan(w.Start, w.End - w.Start);
            var pieces = tokenizer.WordPieces(word);
            var preserving = WordPieceTokenizer.Normalize(word).Length == word.Length;
            nonPreserving += preserving ? 0 : 1;
            var at = w.Start;
            for (var i = 0; i < pieces.Length; i++)
            {
                if (pieces[i] == WordPieceTokenizer.UnkId || !preserving)
                {
                    tokens.Add(new Token(pieces[i], w.Start, w.End));
                    continue;
                }

                var length = vocab[pieces[i]].Length - (i > 0 ? 2 : 0);
                tokens.Add(new Token(pieces[i], at, at + length));
                at += length;
            }
        }

        return tokens;
    }

    private static string Pieces(string[] vocab, IEnumerable<int> ids) => string.Join(' ', ids.Select(id => vocab[id]));

    private static void Dump(IReadOnlyList<(string Set, string Text)> sentences, WordPieceTokenizer tokenizer, string[] vocab, string path)
    {
        var segmenter = new TextSegmenter(tokenizer);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var ignored = 0;
        foreach (var (_, text) in sentences)
        {
            writer.WriteLine(string.Join(' ', Ours(tokenizer, vocab, text, ref ignored).Select(t => $"{t.Id}@{t.Start}-{t.End}")));
            writer.WriteLine(string.Join(' ', tokenizer.Encode(text)));
            var segmented = segmenter.Segment(text);
            writer.WriteLine(string.Join(" | ", segmented.Chunks.Select(c => $"{c.Chars.Start}-{c.Chars.End}: {string.Join(' ', c.TokenIds)}")));
            writer.WriteLine(string.Join(' ', segmented.Spans.Select(s => $"{s.Chunk}/{s.TokenStart}-{s.TokenEnd}/{s.Chars.Start}-{s.Chars.End}/{s.Phrase}")));
            writer.WriteLine(string.Join(' ', segmented.Phrases.Select(p => $"{p.Chunk}/{p.TokenStart}-{p.TokenEnd}")));
        }

        Console.WriteLine($"wrote tokens and segmentation of every sentence to {path}");
    }

    /// <summary>Mismatches of one library: sentences and tokens that differ, what the sentences contain, two examples.</summary>
    private sealed class Report(string name, string[] vocab)
    {
        private readonly Dictionary<string, int> _causes = new(StringComparer.Ordinal);
        private readonly List<string> _examples = [];
        private int _idSentences;
        private int _offsetSentences;
        private long _tokenEdits;

        public void Add(string text, List<Token> mine, List<Token> theirs, bool offsets)
        {
            var a = mine.Select(t => t.Id).ToArray();
            var b = theirs.Select(t => t.Id).ToArray();
            if (!a.SequenceEqual(b))
            {
                _idSentences++;
                _tokenEdits += Edits(a, b);
                foreach (var cause in Causes(text))
                {
                    _causes[cause] = _causes.GetValueOrDefault(cause) + 1;
                }

                if (_examples.Count < 2)
                {
                    var first = 0;
                    while (first < a.Length && first < b.Length && a[first] == b[first])
                    {
                        first++;
                    }

                    _examples.Add($"\"{Clip(text)}\": ours … {Pieces(vocab, a.Skip(Math.Max(0, first - 1)).Take(4))} … | theirs … {Pieces(vocab, b.Skip(Math.Max(0, first - 1)).Take(4))} …");
                }
            }
            else if (offsets && !mine.SequenceEqual(theirs))
            {
                _offsetSentences++;
                if (_examples.Count < 3)
                {
                    var (m, t) = mine.Zip(theirs).First(p => p.First != p.Second);
                    _examples.Add($"\"{Clip(text)}\": same ids, '{vocab[m.Id]}' at {m.Start}-{m.End} in ours, {t.Start}-{t.End} in theirs (offsets into its normalised text)");
                }
            }
        }

        public void Print()
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {_idSentences} sentences with different ids ({_tokenEdits} token insertions + deletions to align them), {_offsetSentences} more with the same ids but other offsets"));
            foreach (var (cause, count) in _causes.OrderByDescending(c => c.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,5} of them contain {cause}"));
            }

            _examples.ForEach(e => Console.WriteLine($"  e.g. {e}"));
        }

        private static string Clip(string text) => text.Length <= 90 ? text : text[..90] + "…";

        private static IEnumerable<string> Causes(string text)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var c in text)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(c);
                if (category == UnicodeCategory.Control && c is not ('\t' or '\n' or '\r'))
                {
                    found.Add("control characters (Cc)");
                }
                else if (category == UnicodeCategory.Format)
                {
                    found.Add("format characters (Cf: zero-width space/joiner, soft hyphen)");
                }
                else if (c is '$' or '+' or '<' or '=' or '>' or '^' or '`' or '|' or '~')
                {
                    found.Add("ASCII symbols that are not Unicode punctuation ($ + < = > ^ ` | ~)");
                }
                else if (c > 127 && category is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol)
                {
                    found.Add("non-ASCII symbols (£ € ´ ™ ☞ …)");
                }
                else if (category == UnicodeCategory.NonSpacingMark)
                {
                    found.Add("combining marks (Mn)");
                }
            }

            if (found.Count == 0)
            {
                found.Add("none of these classes");
            }

            return found;
        }

        private static int Edits(int[] a, int[] b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
                }

                (previous, current) = (current, previous);
            }

            return a.Length + b.Length - (2 * previous[b.Length]);
        }
    }
}
