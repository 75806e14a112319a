namespace SkillGraph.Formats;

/// <summary>
/// Writes a file whole or not at all — the one way every verb and library of the project writes an output file: into a
/// temporary file beside the target (<c>TARGET.&lt;guid&gt;.tmp</c>, so the rename stays on one file system), flushed to disk,
/// then renamed over the target in one step. A failure, a cancel or a crash (kill -9) leaves the previous file as it was and
/// nothing under the final name half-written; a temporary file a crash leaves behind is named so and never read.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as UTF-8 (no byte order mark).</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Checks, before a long run, that <paramref name="path"/> can be written as <see cref="Write"/> writes it (its folder can be
    /// made and written, it is not a folder), so that the run fails at once with one line rather than at its end.
    /// </summary>
    /// <exception cref="IOException">the path is a folder, or its folder cannot be made or written.</exception>
    public static void EnsureWritable(string path)
    {
        var (_, temporary) = Prepare(path);
        try
        {
            using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{path}: cannot be written here ({ex.Message.TrimEnd('.')}).", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Whether <paramref name="path"/> is a temporary file this class writes (for a sweep of a folder, or a test).</summary>
    public static bool IsTemporary(string path) => path is not null && path.EndsWith(".tmp", StringComparison.Ordinal);

    private static (string Full, string Temporary) Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path}: is a folder, not a file.");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (File.Exists(folder))
        {
            throw new IOException($"{path}: {folder} is a file, not a folder.");
        }

        Directory.CreateDirectory(folder);
        return (full, $"{full}.{Guid.NewGuid():N}.tmp");
    }
}
