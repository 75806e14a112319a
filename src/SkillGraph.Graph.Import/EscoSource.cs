using System.IO.Compression;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Import;

/// <summary>Where the ESCO CSV files come from: a folder of the extracted download, or the download's zips.</summary>
public interface IEscoSource : IDisposable
{
    /// <summary>For messages: the folder or the zips.</summary>
    string Description { get; }

    bool Exists(string fileName);

    /// <summary>Opens one CSV file; throws <see cref="EscoImportException"/> naming it when it is not there.</summary>
    Stream Open(string fileName);
}

public sealed class DirectoryEscoSource : IEscoSource
{
    private readonly string _directory;

    public DirectoryEscoSource(string directory)
    {
        _directory = Path.GetFullPath(directory);
        if (!Directory.Exists(_directory))
        {
            throw new EscoImportException(directory, 0, "no such folder.");
        }
    }

    public string Description => _directory;

    public bool Exists(string fileName) => File.Exists(Path.Combine(_directory, fileName));

    public Stream Open(string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)
            : throw new EscoImportException(path, 0, "the file is missing from the ESCO download.");
    }

    public void Dispose()
    {
    }
}

/// <summary>The official ESCO download zips (classification and relations); files are found by name in any of them.</summary>
public sealed class ZipEscoSource : IEscoSource
{
    private readonly List<ZipArchive> _archives = [];
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<string> _paths;

    public ZipEscoSource(IReadOnlyList<string> zipPaths)
    {
        _paths = zipPaths;
        foreach (var path in zipPaths)
        {
            if (!File.Exists(path))
            {
                throw new EscoImportException(path, 0, "no such zip file.");
            }

            try
            {
                var archive = ZipFile.OpenRead(path);
                _archives.Add(archive);
                foreach (var entry in archive.Entries)
                {
                    if (entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    {
                        _entries[entry.Name] = entry;
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new EscoImportException(path, 0, $"not a readable zip file ({ex.Message}).");
            }
        }
    }

    public string Description => string.Join(", ", _paths);

    public bool Exists(string fileName) => _entries.ContainsKey(fileName);

    /// <summary>The most a CSV file of the download may expand to (the largest of ESCO v1.1.1 is ≈ 40 MB).</summary>
    public const long MaxEntryBytes = 1L << 30;

    /// <summary>The most a CSV file may expand relative to its compressed size (ESCO's compress ≈ 5–10×; a zip bomb, thousands).</summary>
    public const int MaxExpansion = 100;

    public Stream Open(string fileName)
    {
        if (!_entries.TryGetValue(fileName, out var entry))
        {
            throw new EscoImportException(fileName, 0, $"the file is in none of the zips ({Description}).");
        }

        if (entry.Length > MaxEntryBytes || entry.Length > Math.Max(entry.CompressedLength, 1) * MaxExpansion)
        {
            throw new EscoImportException(
                fileName, 0,
                $"expands from {entry.CompressedLength} to {entry.Length} bytes, more than the limits ({MaxExpansion}× and {MaxEntryBytes} bytes); not an ESCO download (a zip bomb?).");
        }

        // The sizes in a zip's headers can lie: read no more than the entry says it holds.
        return new BoundedStream(entry.Open(), entry.Length, fileName);
    }

    /// <summary>A read-only stream that refuses to yield more than <c>limit</c> bytes.</summary>
    private sealed class BoundedStream(Stream inner, long limit, string fileName) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            return _read > limit
                ? throw new EscoImportException(fileName, 0, $"holds more than the {limit} bytes its zip entry declares; not an ESCO download (a zip bomb?).")
                : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    public void Dispose()
    {
        foreach (var archive in _archives)
        {
            archive.Dispose();
        }
    }
}

/// <summary>A file of the ESCO download is missing or malformed; names the file and line.</summary>
public sealed class EscoImportException(string file, long line, string problem, Exception? inner = null)
    : SkillGraphException(ErrorCode.BadInput, line > 0 ? $"{file} line {line}: {problem}" : $"{file}: {problem}", inner)
{
    public string File { get; } = file;

    public long Line { get; } = line;
}
