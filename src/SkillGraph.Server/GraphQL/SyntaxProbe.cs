using System.Text;

namespace SkillGraph.Server.GraphQL;

/// <summary>
/// Finds the syntax error of a document with a long line (or a lone CR line end) cheaply and safely. GraphQLParser writes
/// its error message with a caret line padded one character at a time, which costs the square of the error's column: a
/// 200 KB one-line document with an error at its end took 20 s of CPU, past the time limit and beyond cancellation (fuzz
/// case 3561); and a lone CR makes writing that message fail with an IndexOutOfRangeException (a 500). Such a document is
/// first cut here into the chunks its tokens are made of, one per line, every string's and comment's escapes checked
/// here as the parser checks them, so that no error lies deep inside a long line of the probe. The parser reads the probe
/// first and its error is mapped back to the document's line and column. Chunks are verbatim pieces of the document cut
/// only where a token must end (ignored characters, punctuators, strings, comments), so the parser reads the same tokens
/// from the probe as from the document: the probe parses if and only if the document does, with the same error
/// (<c>SyntaxProbeTests</c> compares them on thousands of broken documents).
/// </summary>
internal static class SyntaxProbe
{
    /// <summary>A line up to this long costs the parser's error message a few milliseconds at most.</summary>
    public const int MaxLine = 8_192;

    /// <summary>A name or number longer than this is refused: no schema has one, and an error inside it would be slow.</summary>
    public const int MaxChunk = 4_096;

    /// <summary>
    /// Whether the parser should read the probe first: a line of <paramref name="document"/> is longer than
    /// <see cref="MaxLine"/>, or a line ends with a lone CR (the parser counts it as a line break where its error message
    /// does not, and fails with an IndexOutOfRangeException instead of the syntax error).
    /// </summary>
    public static bool NeedsProbe(string document)
    {
        var start = 0;
        while (start < document.Length)
        {
            var end = document.AsSpan(start).IndexOfAny('\n', '\r');
            var length = end < 0 ? document.Length - start : end;
            if (length > MaxLine)
            {
                return true;
            }

            var lineEnd = start + length;
            if (lineEnd < document.Length && document[lineEnd] == '\r' && (lineEnd + 1 >= document.Length || document[lineEnd + 1] != '\n'))
            {
                return true;
            }

            start = lineEnd + 1;
        }

        return false;
    }

    /// <summary>
    /// The probe of <paramref name="document"/>, or the lexical error found while making it (a string's content, a
    /// character no token starts with, a name or number over <see cref="MaxChunk"/>).
    /// </summary>
    public static Result Build(string document)
    {
        var chunks = new List<Chunk>();
        var probe = new StringBuilder();
        var i = 0;
        while (i < document.Length)
        {
            var c = document[i];
            if (c is ' ' or '\t' or '\n' or '\r' or ',' or '\uFEFF')
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                // Kept, as the parser reads it: a comment that ends the document puts the parser's end one past it.
                if (ScanComment(document, i, out var commentEnd) is { } problem)
                {
                    return Finish(document, chunks, probe, problem);
                }

                chunks.Add(new Chunk(i, commentEnd - i, probe.Length, commentEnd - i));
                probe.Append(document, i, commentEnd - i);
                if (commentEnd < document.Length)
                {
                    probe.Append('\n');
                }

                i = commentEnd;
                continue;
            }

            int end;
            if (c == '"')
            {
                var block = i + 2 < document.Length && document[i + 1] == '"' && document[i + 2] == '"';
                var problem = block ? ScanBlockString(document, i, out end) : ScanString(document, i, out end);
                if (problem is not null)
                {
                    return Finish(document, chunks, probe, problem);
                }
            }
            else if (IsWordChar(c))
            {
                end = i + 1;
                while (end < document.Length && IsWordChar(document[end]))
                {
                    end++;
                }

                if (end - i > MaxChunk)
                {
                    return new Result(null, null, null, $"the document holds a name or number of {end - i} characters, more than the limit maxTokenLength = {MaxChunk}.", Position(document, i));
                }
            }
            else
            {
                end = i + 1; // a punctuator, or a character no token starts with
            }

            chunks.Add(new Chunk(i, end - i, probe.Length, end - i));
            var at = probe.Length;
            probe.Append(document, i, end - i);
            for (var k = at; k < probe.Length; k++)
            {
                // A lone CR in a block string (whose value reads it as LF anyway) would be a line break to the parser's
                // location but not to its message, which then fails.
                if (probe[k] == '\r' && (k + 1 >= probe.Length || probe[k + 1] != '\n'))
                {
                    probe[k] = '\n';
                }
            }

            if (c is not ('"' or '!' or '$' or '&' or '(' or ')' or ':' or '=' or '@' or '[' or ']' or '{' or '|' or '}') && !(IsWordChar(c) && LexesCleanly(document.AsSpan(i, end - i))))
            {
                // The parser stops with an error in this chunk or at the character after it, looking a few characters
                // ahead for its message: those follow as they are, and the probe ends there.
                probe.Append(document, end, Math.Min(6, document.Length - end));
                return Finish(document, chunks, probe, null);
            }

            probe.Append('\n');
            i = end;
        }

        return Finish(document, chunks, probe, null);
    }

    // A lexical error found here is where the parser would stop only if the tokens before it parse: the probe then ends
    // with a stand-in the parser refuses at once, and the error the parser reports tells which came first.
    private static Result Finish(string document, List<Chunk> chunks, StringBuilder probe, Lexical? pending)
    {
        if (pending is not null)
        {
            probe.Append(StandIn);
        }

        var text = probe.ToString();
        return new Result(text, new Map(chunks, document, text), pending is { } p ? (p.Description, Position(document, p.Offset)) : null, null, default);
    }

    private const char StandIn = '\u0001';

    // Names, numbers (with their signs, points and exponents) and the dots of a spread stay in one chunk: the parser splits
    // them, the same way in the probe as in the document.
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+';

    /// <summary>
    /// Whether the parser reads a chunk of word characters as names, numbers and spreads without an error inside it or
    /// at the character after it (a number that ends in a sign, point or exponent wants a digit there).
    /// </summary>
    private static bool LexesCleanly(ReadOnlySpan<char> word)
    {
        var i = 0;
        while (i < word.Length)
        {
            var c = word[i];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                i++;
                while (i < word.Length && (char.IsAsciiLetterOrDigit(word[i]) || word[i] == '_'))
                {
                    i++;
                }
            }
            else if (c == '.')
            {
                if (i + 2 >= word.Length || word[i + 1] != '.' || word[i + 2] != '.')
                {
                    return false;
                }

                i += 3;
            }
            else if (c == '-' || char.IsAsciiDigit(c))
            {
                if (c == '-' && (++i >= word.Length || !char.IsAsciiDigit(word[i])))
                {
                    return false;
                }

                if (word[i] == '0')
                {
                    if (++i < word.Length && char.IsAsciiDigit(word[i]))
                    {
                        return false;
                    }
                }
                else
                {
                    i = Digits(word, i);
                }

                if (i < word.Length && word[i] == '.')
                {
                    if (++i >= word.Length || !char.IsAsciiDigit(word[i]))
                    {
                        return false;
                    }

                    i = Digits(word, i);
                }

                if (i < word.Length && word[i] is 'e' or 'E')
                {
                    if (++i < word.Length && word[i] is '+' or '-')
                    {
                        i++;
                    }

                    if (i >= word.Length || !char.IsAsciiDigit(word[i]))
                    {
                        return false;
                    }

                    i = Digits(word, i);
                }
            }
            else
            {
                return false; // '+': no token starts with it
            }
        }

        return true;

        static int Digits(ReadOnlySpan<char> word, int i)
        {
            while (i < word.Length && char.IsAsciiDigit(word[i]))
            {
                i++;
            }

            return i;
        }
    }

    private static Lexical? ScanString(string document, int start, out int end)
    {
        var j = start + 1;
        while (true)
        {
            if (j >= document.Length || document[j] is '\n' or '\r')
            {
                end = j;
                return new Lexical("Unterminated string.", j);
            }

            var c = document[j];
            if (c == '"')
            {
                end = j + 1;
                return null;
            }

            if (c < ' ' && c != '\t')
            {
                end = j;
                return new Lexical($"Invalid character within String: \\u{(int)c:D4}.", j);
            }

            if (c == '\\' && Escape(document, ref j) is { } problem)
            {
                end = j;
                return problem;
            }

            j++;
        }
    }

    // The parser reads escapes in comments too (a backslash ending a comment line is an error to it).
    private static Lexical? ScanComment(string document, int start, out int end)
    {
        var j = start + 1;
        while (j < document.Length && document[j] is not ('\n' or '\r'))
        {
            if (document[j] == '\\' && Escape(document, ref j) is { } problem)
            {
                end = j;
                return problem;
            }

            j++;
        }

        end = j;
        return null;
    }

    /// <summary>The escape whose backslash is at <paramref name="j"/>, as the parser reads it; <paramref name="j"/> ends on its last character.</summary>
    private static Lexical? Escape(string document, ref int j)
    {
        var k = j + 1;
        var escaped = k < document.Length ? document[k] : '\0'; // past the end the parser reads NUL
        switch (escaped)
        {
            case '"' or '/' or '\\' or 'b' or 'f' or 'n' or 'r' or 't':
                j = k;
                return null;
            case 'u' when k + 5 > document.Length:
                j = k;
                return new Lexical($"Invalid character escape sequence at EOF: \\{document.AsSpan(k)}.", k);
            case 'u' when document.AsSpan(k + 1, 4).ContainsAnyExcept(HexDigits):
                j = k;
                return new Lexical($"Invalid character escape sequence: \\u{document.AsSpan(k + 1, 4)}.", k);
            case 'u':
                j = k + 4;
                return null;
            default:
                j = k;
                return new Lexical($"Invalid character escape sequence: \\{escaped}.", k);
        }
    }

    // A block string ends at the first """ that is not escaped as \""" (the spec's BlockStringCharacter).
    private static Lexical? ScanBlockString(string document, int start, out int end)
    {
        var j = start + 3;
        while (j < document.Length)
        {
            var c = document[j];
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                end = j;
                return new Lexical($"Invalid character within block string: \\u{(int)c:D4}.", j);
            }

            if (c == '\\' && string.CompareOrdinal(document, j + 1, "\"\"\"", 0, 3) == 0)
            {
                j += 4;
                continue;
            }

            if (c == '"' && string.CompareOrdinal(document, j, "\"\"\"", 0, 3) == 0)
            {
                end = j + 3;
                return null;
            }

            j++;
        }

        end = j;
        return new Lexical("Unterminated block string.", j);
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>A lexical error the parser would find at <paramref name="Offset"/>, in its words.</summary>
    private readonly record struct Lexical(string Description, int Offset);

    /// <summary>
    /// The line and column of <paramref name="offset"/> as the parser counts them (GraphQLParser's
    /// <c>Location.FromLinearPosition</c>): a line ends at LF, CR LF or a lone CR, a line end at the offset itself counts
    /// as a column, and past the end of the document the columns go on from its last character.
    /// </summary>
    public static (int Line, int Column) Position(string document, int offset)
    {
        var overflow = 0;
        if (offset >= document.Length)
        {
            overflow = offset - document.Length + 1;
            offset = document.Length - 1;
        }

        var line = 1;
        var column = 0;
        for (var i = 0; i <= offset; i++)
        {
            var breaks = i < offset && (document[i] == '\n' || (document[i] == '\r' && document[i + 1] != '\n'));
            if (breaks)
            {
                line++;
                column = 0;
            }
            else
            {
                column++;
            }
        }

        return (line, column + overflow);
    }

    /// <param name="Probe">The probe to parse (unless <paramref name="Limit"/>).</param>
    /// <param name="Map">Maps the probe's positions back to the document's.</param>
    /// <param name="Pending">A lexical error found in making the probe, reported if the parser reaches it.</param>
    /// <param name="Limit">A limit of this service's the document breaks, refused before any parse.</param>
    /// <param name="LimitLocation">Where the limit is broken.</param>
    public sealed record Result(string? Probe, Map? Map, (string Description, (int Line, int Column) Location)? Pending, string? Limit, (int Line, int Column) LimitLocation)
    {
        /// <summary>The document's syntax error, from the parser's error on the probe.</summary>
        public (string Description, (int Line, int Column) Location) Explain(GraphQLParser.Exceptions.GraphQLSyntaxErrorException error)
        {
            ArgumentNullException.ThrowIfNull(error);
            var standIn = Probe!.Length - 1;
            if (Pending is { } pending && Map!.ProbeOffset(error.Location.Line, error.Location.Column) >= standIn)
            {
                return pending;
            }

            return (error.Description, Map!.ToDocument(error.Location.Line, error.Location.Column));
        }
    }

    internal readonly record struct Chunk(int Start, int Length, int ProbeStart, int ProbeLength);

    /// <summary>From a line and column of the probe to the document's (a block string may span lines of the probe).</summary>
    public sealed class Map
    {
        private readonly List<Chunk> _chunks;
        private readonly string _document;
        private readonly List<int> _probeLineStarts = [0];
        private readonly int _probeLength;

        internal Map(List<Chunk> chunks, string document, string probe)
        {
            _chunks = chunks;
            _document = document;
            _probeLength = probe.Length;
            for (var i = 0; i < probe.Length; i++)
            {
                if (probe[i] == '\n' || (probe[i] == '\r' && (i + 1 >= probe.Length || probe[i + 1] != '\n')))
                {
                    _probeLineStarts.Add(i + 1);
                }
            }
        }

        /// <summary>The offset in the probe of a line and column of it.</summary>
        public int ProbeOffset(int probeLine, int probeColumn) =>
            probeLine < 1 ? 0 : probeLine > _probeLineStarts.Count ? int.MaxValue : _probeLineStarts[probeLine - 1] + Math.Max(0, probeColumn - 1);

        public (int Line, int Column) ToDocument(int probeLine, int probeColumn)
        {
            if (probeLine < 1 || probeLine > _probeLineStarts.Count || _chunks.Count == 0)
            {
                return Position(_document, _document.Length);
            }

            var offset = ProbeOffset(probeLine, probeColumn);
            if (offset >= _probeLength)
            {
                return Position(_document, _document.Length + (offset - _probeLength));
            }

            var index = _chunks.FindLastIndex(c => c.ProbeStart <= offset);
            if (index < 0)
            {
                return Position(_document, _chunks[0].Start);
            }

            var chunk = _chunks[index];
            var within = offset - chunk.ProbeStart;
            return Position(_document, within >= chunk.ProbeLength ? chunk.Start + chunk.Length : chunk.Start + within);
        }
    }
}
