using System.Text;
using System.Text.Json;
using SkillGraph.Formats;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>
/// A JSONL file written one record at a time: the lines of one append in one write (so a kill never leaves a torn line), flushed
/// to disk (fsync), next. On open, a torn last line (a power loss mid-write) is cut off, and the ids of the complete lines are
/// read back so a rerun can skip them; <see cref="Retain"/> rewrites the file whole or not at all (<see cref="AtomicFile"/>).
/// </summary>
internal sealed class RecordJournal : IDisposable
{
    private FileStream _stream;

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
        var stream = OpenStream(path);
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

        _stream.Dispose();
        AtomicFile.WriteAllText(Path, string.Concat(kept.Select(line => line + "\n")));
        _stream = OpenStream(Path);
        _stream.Seek(0, SeekOrigin.End);
    }

    public void Append(IEnumerable<string> lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n")));
        if (bytes.Length > 0)
        {
            _stream.Write(bytes); // unbuffered: one write for all the lines
            _stream.Flush(flushToDisk: true);
        }
    }

    // No buffer: each Write is one write to the file, so a kill between two records never leaves half of one.
    private static FileStream OpenStream(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);

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
