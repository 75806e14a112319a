using System.Text;
using System.Text.Json;
using SkillGraph.Formats;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>
/// A JSONL file written one record at a time. The run appends to a working copy, <c>PATH.partial</c> (the lines of one append
/// in one write, flushed to disk), and the working copy is renamed over <c>PATH</c> when the journal is disposed — at the end
/// of a run, also one that failed or was cancelled — so every line under the final name is whole. A kill (or a power loss)
/// can cut an append short: Linux stops a write at a page boundary when the process is killed, so a long record can be half
/// written; that only ever happens to the working copy, which the next open picks up, cutting its torn last line off. The ids
/// of the complete lines are read back so a rerun can skip them; <see cref="Retain"/> rewrites the working copy whole or not at
/// all (<see cref="AtomicFile"/>).
/// </summary>
internal sealed class RecordJournal : IDisposable
{
    /// <summary>What the working copy's name adds to the final name.</summary>
    public const string WorkingSuffix = ".partial";

    private FileStream _stream;
    private bool _disposed;
    private bool _torn;

    private RecordJournal(string path, FileStream stream, List<string> lines)
    {
        Path = path;
        _stream = stream;
        Lines = lines;
    }

    /// <summary>The final name.</summary>
    public string Path { get; }

    private string WorkingPath => Path + WorkingSuffix;

    /// <summary>The complete lines found when the journal was opened.</summary>
    public IReadOnlyList<string> Lines { get; }

    public static RecordJournal Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var working = path + WorkingSuffix;
        if (!File.Exists(working) && File.Exists(path))
        {
            // a finished run's file goes on in a working copy; a kill while copying leaves no working copy or a whole one
            AtomicFile.Write(working, stream =>
            {
                using var final = File.OpenRead(path);
                final.CopyTo(stream);
            });
        }

        var lines = new List<string>();
        var stream = OpenStream(working);
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
        AtomicFile.WriteAllText(WorkingPath, string.Concat(kept.Select(line => line + "\n")));
        _stream = OpenStream(WorkingPath);
        _stream.Seek(0, SeekOrigin.End);
    }

    public void Append(IEnumerable<string> lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n")));
        if (bytes.Length > 0)
        {
            try
            {
                _stream.Write(bytes); // unbuffered: one write for all the lines
                _stream.Flush(flushToDisk: true);
            }
            catch
            {
                _torn = true; // a failed write (a full disk) may have left part of a line: the working copy stays for the next open
                throw;
            }
        }
    }

    // No buffer: each Write is one write to the file (a kill can still cut it short; only the working copy sees that).
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

    /// <summary>Closes the working copy and renames it over the final name (whole lines only: every append was written whole).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Dispose();
        if (!_torn)
        {
            File.Move(WorkingPath, Path, overwrite: true);
        }
    }
}
