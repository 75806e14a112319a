using SkillGraph.Application.Features.Skills.ExtractSkills;
namespace SkillGraph.Student;

/// <summary>A candidate span: tokens [TokenStart, TokenEnd) of its chunk, the phrase it lies in, and its characters in the input text.</summary>
public readonly record struct CandidateSpan(int Chunk, int TokenStart, int TokenEnd, TextSpan Chars, int Phrase);

/// <summary>A short run of content words (no punctuation, at most a single connective stop word between content words): tokens [TokenStart, TokenEnd) of its chunk.</summary>
public readonly record struct Phrase(int Chunk, int TokenStart, int TokenEnd);

/// <summary>A piece of the input encoded in one encoder row: its token ids (with [CLS]/[SEP]) and characters.</summary>
public sealed record TextChunk(int[] TokenIds, TextSpan Chars);

/// <summary>The encoder input of a text: chunks plus the candidate phrases found in them.</summary>
public sealed record SegmentedText(IReadOnlyList<TextChunk> Chunks, IReadOnlyList<CandidateSpan> Spans, IReadOnlyList<Phrase> Phrases);

/// <summary>Options of candidate phrase generation.</summary>
public sealed record SegmenterOptions
{
    /// <summary>Longest candidate phrase in words.</summary>
    public int MaxSpanWords { get; init; } = 4;
    /// <summary>Longest chunk in tokens, including [CLS] and [SEP].</summary>
    public int MaxChunkTokens { get; init; } = 128;
    /// <summary>Longest phrase in words; longer runs are cut.</summary>
    public int MaxPhraseWords { get; init; } = 8;

    /// <summary>
    /// Most encoder tokens read of one text ([CLS] and [SEP] of each chunk included): the rest of a longer text is not read. A bound
    /// on the work one request can ask for; 20,000 characters of English prose take ≈ 4,500 (docs/operations.md, "Text limits").
    /// </summary>
    public int MaxTokens { get; init; } = 8_192;

    /// <summary>Most candidate spans read of one text (the scorer's work grows with them): the rest of a longer text is not read.</summary>
    public int MaxSpans { get; init; } = 8_192;

    /// <summary>Words read in another form (case-insensitive keys): the encoder sees the form, the spans keep the text's characters. Null: as written.</summary>
    public System.Collections.Frozen.FrozenDictionary<string, string>? WordForms { get; init; }
}

/// <summary>
/// What is left of <see cref="SegmenterOptions.MaxTokens"/> and <see cref="SegmenterOptions.MaxSpans"/> while one text (or the lines
/// of one document) is segmented; once either is spent, nothing more is read.
/// </summary>
public sealed class ReadingBudget(int tokens, int spans)
{
    public ReadingBudget(SegmenterOptions options)
        : this(options?.MaxTokens ?? throw new ArgumentNullException(nameof(options)), options.MaxSpans) { }

    /// <summary>Tokens that may still be read.</summary>
    public int Tokens { get; internal set; } = tokens;

    /// <summary>Candidate spans that may still be listed.</summary>
    public int Spans { get; internal set; } = spans;

    /// <summary>Whether a text was cut because the budget ran out.</summary>
    public bool Exhausted { get; internal set; }
}

/// <summary>
/// Splits text into sentence chunks for the encoder and lists candidate phrases: 1..N-word runs that
/// neither cross punctuation nor start or end with a stop word.
/// </summary>
public sealed class TextSegmenter(WordPieceTokenizer tokenizer, SegmenterOptions? options = null)
{
    readonly SegmenterOptions _options = options ?? new SegmenterOptions();

    public SegmenterOptions Options => _options;

    readonly record struct Unit(int Start, int End, bool Stop, bool BreakAfter, bool SentenceEnd);

    /// <summary>The text's chunks, phrases and candidate spans, up to the options' <see cref="SegmenterOptions.MaxTokens"/> and <see cref="SegmenterOptions.MaxSpans"/>.</summary>
    public SegmentedText Segment(string text) => Segment(text, new ReadingBudget(_options));

    /// <summary>The text's chunks, phrases and candidate spans, taking what it reads from <paramref name="budget"/> (shared by the lines of one document).</summary>
    public SegmentedText Segment(string text, ReadingBudget budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(budget);
        var units = Units(text);
        var chunks = new List<TextChunk>();
        var spans = new List<CandidateSpan>();
        var phrases = new List<Phrase>();
        var forms = _options.WordForms?.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < units.Count && !budget.Exhausted)
        {
            // grow a chunk sentence by sentence up to the token budget
            var ids = new List<int>(64) { WordPieceTokenizer.ClsId };
            var unitTok = new List<(int S, int E)>();
            var first = i;
            var chunkIndex = chunks.Count;
            while (i < units.Count)
            {
                var u = units[i];
                var pieces = new List<int>(4);
                // the unit's words (BERT basic tokenization) plus the punctuation that follows it up to the next unit
                var end = i + 1 < units.Count ? units[i + 1].Start : text.Length;
                var tokStart = ids.Count;
                var tokEnd = tokStart;
                foreach (var w in WordPieceTokenizer.SplitWords(text.Substring(u.Start, end - u.Start)))
                {
                    var word = text.AsSpan(u.Start + w.Start, w.End - w.Start);
                    var wp = forms is { } f && f.TryGetValue(word, out var form) ? tokenizer.WordPieces(form) : tokenizer.WordPieces(word);
                    pieces.AddRange(wp);
                    if (u.Start + w.Start < u.End) tokEnd = tokStart + pieces.Count;
                }
                if (ids.Count + pieces.Count + 1 > _options.MaxChunkTokens && ids.Count > 1) break;
                if (pieces.Count + 2 > _options.MaxChunkTokens) pieces = pieces.GetRange(0, _options.MaxChunkTokens - 2);
                if (ids.Count + pieces.Count + 1 > budget.Tokens) { budget.Exhausted = true; break; }
                tokEnd = Math.Min(tokEnd, tokStart + pieces.Count);
                ids.AddRange(pieces);
                unitTok.Add((tokStart, tokEnd));
                i++;
                if (u.SentenceEnd && ids.Count > 24) break;
            }
            if (i == first) break; // not even the chunk's first word fits the budget
            ids.Add(WordPieceTokenizer.SepId);
            budget.Tokens -= ids.Count;
            var last = i - 1;
            chunks.Add(new TextChunk([.. ids], new TextSpan(units[first].Start, units[last].End)));
            // phrases: runs of content words, joined by at most one connective stop word, never across punctuation
            var phraseOf = new int[last - first + 1];
            var cur = -1;
            var curLen = 0;
            for (var a = first; a <= last; a++)
            {
                var u = units[a];
                var keep = !u.Stop
                    || (cur >= 0 && StopWords.IsConnective(text.AsSpan(u.Start, u.End - u.Start)) && !units[a - 1].Stop && !units[a - 1].BreakAfter
                        && a + 1 <= last && !units[a + 1].Stop);
                if (!keep || curLen >= _options.MaxPhraseWords) { cur = -1; curLen = 0; }
                if (!keep) { phraseOf[a - first] = -1; continue; }
                if (cur < 0)
                {
                    cur = phrases.Count;
                    phrases.Add(new Phrase(chunkIndex, unitTok[a - first].S, unitTok[a - first].E));
                }
                phrases[cur] = phrases[cur] with { TokenEnd = Math.Max(phrases[cur].TokenEnd, unitTok[a - first].E) };
                phraseOf[a - first] = cur;
                curLen++;
                if (u.BreakAfter) { cur = -1; curLen = 0; }
            }
            for (var a = first; a <= last; a++)
            {
                if (units[a].Stop) continue;
                var ph = phraseOf[a - first];
                for (var b = a; b <= last && b < a + _options.MaxSpanWords && phraseOf[b - first] == ph; b++)
                {
                    if (!units[b].Stop)
                    {
                        var ts = unitTok[a - first].S;
                        var te = unitTok[b - first].E;
                        if (te <= ts) continue;
                        if (budget.Spans == 0) { budget.Exhausted = true; break; }
                        spans.Add(new CandidateSpan(chunkIndex, ts, te, new TextSpan(units[a].Start, units[b].End), ph));
                        budget.Spans--;
                    }
                }
            }
        }
        return new SegmentedText(chunks, spans, phrases);
    }

    static List<Unit> Units(string text)
    {
        var units = new List<Unit>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            var s = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            var e = i;
            var breakBefore = false;
            while (s < e && IsEdgePunct(text[s])) { s++; breakBefore = true; }
            var breakAfter = false;
            var sentenceEnd = false;
            while (e > s && IsEdgePunct(text[e - 1]))
            {
                breakAfter = true;
                if (text[e - 1] is '.' or '!' or '?' or ';' or ':') sentenceEnd = true;
                e--;
            }
            if (breakBefore && units.Count > 0) units[^1] = units[^1] with { BreakAfter = true };
            if (i < text.Length && text[i] is '\n' or '\r') { breakAfter = true; sentenceEnd = true; }
            if (s == e)
            {
                if (units.Count > 0) units[^1] = units[^1] with { BreakAfter = true, SentenceEnd = units[^1].SentenceEnd || sentenceEnd };
                continue;
            }
            var word = text.AsSpan(s, e - s);
            units.Add(new Unit(s, e, StopWords.Contains(word), breakAfter, sentenceEnd));
        }
        return units;
    }

    static bool IsEdgePunct(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '"' or '\'' or '“' or '”' or '‘' or '’' or '-' or '–' or '—' or '•' or '*' or '|' or '/' or '<' or '>';
}

/// <summary>English function words that never start or end a skill phrase.</summary>
public static class StopWords
{
    static readonly HashSet<string> Set = new(StringComparer.OrdinalIgnoreCase)
    {
        "a","an","the","and","or","but","nor","of","in","on","at","to","for","with","by","from","as","into","onto","about","over","under",
        "than","then","so","such","that","this","these","those","there","here","is","are","was","were","be","been","being","am","have","has",
        "had","having","do","does","did","will","would","shall","should","can","could","may","might","must","i","you","he","she","it","we",
        "they","me","him","her","us","them","my","your","his","its","our","their","mine","yours","ours","theirs","who","whom","whose","which",
        "what","when","where","why","how","all","any","both","each","few","more","most","other","some","no","not","only","own","same","too",
        "very","just","also","well","etc","e.g","i.e","via","per","within","without","across","through","throughout","including","include","includes",
        "while","whilst","during","before","after","above","below","up","down","out","off","again","further","once","if","because","until",
        "against","between","among","upon","like","able","ability","abilities","strong","excellent","good","great","experience","experienced",
        "knowledge","skills","skill","proven","demonstrated","candidate","ideal","role","new",
        "required","requirement","requirements","preferred","plus","year","years","responsible","responsibilities","related","relevant",
        "effectively","effective","various","e","g","&",
    };

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Contains(ReadOnlySpan<char> word) => Lookup.Contains(word);

    static readonly HashSet<string> Connectives = new(StringComparer.OrdinalIgnoreCase) { "and", "of", "a", "an", "the", "in", "for", "to", "with", "on", "or", "&" };
    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ConnectiveLookup = Connectives.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Stop words that may join two content words inside one phrase ("health and safety", "manage a team").</summary>
    public static bool IsConnective(ReadOnlySpan<char> word) => ConnectiveLookup.Contains(word);
}
