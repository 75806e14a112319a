using nietras.SeparatedValues;

namespace SkillGraph.Formats;

/// <summary>
/// Reads a CSV file with a header through Sep (quoted fields with newlines, doubled quotes, CRLF), checking
/// that the columns it needs are there and that every row is complete (unless <c>allowShortRows</c>: the
/// hierarchy file leaves trailing empty columns out). Problems of the file become
/// <see cref="CsvFormatException"/>s naming the file and line; what <c>onRow</c> throws passes through as it is.
/// </summary>
public static class CsvTable
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public delegate void RowHandler(CsvRow row);

    public static long Read(Stream stream, string fileName, IReadOnlyList<string> requiredColumns, RowHandler onRow, Action<long>? onProgress = null, bool allowShortRows = false)
    {
        long rows = 0;
        long line = 1;
        var inHandler = false;
        try
        {
            // Strict UTF-8 (a byte order mark is skipped): a file in another encoding is an error, not text with replacement characters.
            using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
            using var reader = Sep.Reader(o => o with { Unescape = true, HasHeader = true, DisableColCountCheck = allowShortRows }).From(text);
            var header = reader.Header;
            var indices = new int[requiredColumns.Count];
            for (var i = 0; i < requiredColumns.Count; i++)
            {
                indices[i] = header.ColNames.ToList().IndexOf(requiredColumns[i]);
                if (indices[i] < 0)
                {
                    throw new CsvFormatException(fileName, 1, $"missing column '{requiredColumns[i]}' (the header has: {string.Join(", ", header.ColNames)}).");
                }
            }

            var values = new string[requiredColumns.Count];
            foreach (var row in reader)
            {
                line = row.LineNumberFrom;
                if (row.Span.Length > TextLines.MaxLineBytes)
                {
                    throw new CsvFormatException(fileName, line, $"a row longer than {TextLines.MaxLineBytes} characters (the limit of a line).");
                }

                if (row.Span.Count('"') % 2 != 0)
                {
                    throw new CsvFormatException(fileName, line, "a quoted field is not closed (is the file truncated?).");
                }

                for (var i = 0; i < indices.Length; i++)
                {
                    values[i] = indices[i] < row.ColCount ? row[indices[i]].ToString() : string.Empty;
                }

                inHandler = true;
                onRow(new CsvRow(fileName, line, values));
                inHandler = false;
                rows++;
                if (onProgress is not null && rows % 10_000 == 0)
                {
                    onProgress(rows);
                }
            }

            onProgress?.Invoke(rows);
            return rows;
        }
        catch (CsvFormatException)
        {
            throw;
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new CsvFormatException(fileName, line + 1, "not UTF-8 text (from about this line); save the file as UTF-8.", ex);
        }
        catch (Exception ex) when (!inHandler && ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new CsvFormatException(fileName, line + 1, $"malformed CSV ({FirstLine(ex.Message)}).", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}

/// <summary>A CSV file is malformed or lacks a column it needs: names the file and line.</summary>
public sealed class CsvFormatException(string file, long line, string problem, Exception? inner = null)
    : FormatException(line > 0 ? $"{file} line {line}: {problem}" : $"{file}: {problem}", inner)
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Problem { get; } = problem;
}

/// <summary>One row's required columns, in the order they were asked for.</summary>
public readonly record struct CsvRow(string File, long Line, string[] Values)
{
    public string this[int column] => Values[column];

    public string? Optional(int column) => string.IsNullOrWhiteSpace(Values[column]) ? null : Values[column];
}
