using System.Buffers;
using System.Globalization;
using System.Text;

namespace SkillGraph.Formats;

/// <summary>
/// Reads a text file line by line for every line format of the project (JSONL inputs, curation batches): UTF-8, with or without
/// a byte order mark, lines ended by LF or CRLF. A file that is not UTF-8 (UTF-16, Latin-1 …) and a line longer than
/// <see cref="MaxLineBytes"/> are errors naming the file and the line; a long line is refused before it is held whole.
/// </summary>
public static class TextLines
{
    /// <summary>The longest line read, in bytes (4 MiB): far above any record (a text field holds at most 20,000 characters).</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of <paramref name="path"/> with their numbers (from 1), read lazily.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="FormatException">the file is not UTF-8 text, or a line is longer than <paramref name="maxLineBytes"/>.</exception>
    public static IEnumerable<(int Number, string Text)> Read(string path, int maxLineBytes = MaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        return ReadLines(path, maxLineBytes);
    }

    private static IEnumerable<(int Number, string Text)> ReadLines(string path, int maxLineBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        var line = new ArrayBufferWriter<byte>(256);
        var number = 1;
        var first = true;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var start = 0;
            if (first)
            {
                first = false;
                start = Preamble(buffer.AsSpan(0, read), path);
            }

            for (var i = start; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                Append(line, buffer.AsSpan(start, i - start), path, number, maxLineBytes);
                yield return (number, Decode(line, path, number));
                number++;
                line.Clear();
                start = i + 1;
            }

            Append(line, buffer.AsSpan(start, read - start), path, number, maxLineBytes);
        }

        if (line.WrittenCount > 0)
        {
            yield return (number, Decode(line, path, number));
        }
    }

    /// <summary>How many bytes of byte order mark to skip; a UTF-16 or UTF-32 one is an error.</summary>
    private static int Preamble(ReadOnlySpan<byte> start, string path)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return 3;
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || start.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            throw new FormatException($"{path} line 1: UTF-16 or UTF-32 text; save the file as UTF-8.");
        }

        return 0;
    }

    private static void Append(ArrayBufferWriter<byte> line, ReadOnlySpan<byte> bytes, string path, int number, int maxLineBytes)
    {
        if (line.WrittenCount + bytes.Length > maxLineBytes)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path} line {number}: longer than {maxLineBytes} bytes (the limit of a line)."));
        }

        line.Write(bytes);
    }

    private static string Decode(ArrayBufferWriter<byte> line, string path, int number)
    {
        var bytes = line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var hex = ex.BytesUnknown is { } unknown ? string.Join(' ', unknown.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) : "?";
            throw new FormatException($"{path} line {number}: not UTF-8 text (bytes {hex} at character {ex.Index}); save the file as UTF-8.", ex);
        }
    }
}
