using System.Text;
using System.Text.Json;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>
/// A JSONL file written one record at a time: append, flush to disk (fsync), next. On open, a torn last line
/// (a crash mid-write) is cut off, and the ids of the complete lines are read back so a rerun can skip them.
/// </summary>
internal sealed class RecordJournal : IDisposable
{
    private readonly FileStream _stream;

    private RecordJournal(string path, FileStream stream, List<string> lines)
    {
        Path = path;
        _stream = stream;
        Lines = lines;
    }

    public string Path { get; }

    /// <summary>The complete lines found when the journal was opened.</summary>
    public IReadOnlyList<string> Lines { get; }

    public static RecordJournal Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var lines = new List<string>();
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            if (end < bytes.Length)
            {
                stream.SetLength(end);
            }

            var start = 0;
            for (var i = 0; i < end; i++)
            {
                if (bytes[i] == '\n')
                {
                    var line = Encoding.UTF8.GetString(bytes, start, i - start);
                    if (line.Trim().Length > 0)
                    {
                        lines.Add(line);
                    }

                    start = i + 1;
                }
            }

            stream.Seek(0, SeekOrigin.End);
            return new RecordJournal(path, stream, lines);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Keeps only the lines <paramref name="keep"/> accepts (rewriting the file when some go).</summary>
    public void Retain(Func<string, bool> keep)
    {
        var kept = Lines.Where(keep).ToList();
        if (kept.Count == Lines.Count)
        {
            return;
        }

        _stream.SetLength(0);
        foreach (var line in kept)
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            _stream.Write(bytes);
        }

        _stream.Flush(flushToDisk: true);
    }

    public void Append(IEnumerable<string> lines)
    {
        var any = false;
        foreach (var line in lines)
        {
            _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            any = true;
        }

        if (any)
        {
            _stream.Flush(flushToDisk: true);
        }
    }

    public static string? IdOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
