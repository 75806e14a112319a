using System.Text;
using SkillGraph.Formats;

namespace SkillGraph.Student;

/// <summary>
/// The frame the student's own binary model files share (extractor heads, span tagger): an ASCII magic, then the body a
/// reader takes; a file that does not start with the magic, or ends early, is refused in one line naming it. Written
/// atomically (nothing half-written on failure).
/// </summary>
internal static class ModelFile
{
    /// <summary>Writes <paramref name="magic"/>, then <paramref name="body"/>, to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string magic, Action<BinaryWriter> body)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(magic));
            body(writer);
        });
    }

    /// <summary>The file at <paramref name="path"/>, read by <paramref name="read"/> (which names it by its path in its errors).</summary>
    public static T Load<T>(string path, Func<Stream, string, T> read)
    {
        using var stream = File.OpenRead(path);
        return read(stream, path);
    }

    /// <summary>Reads <paramref name="body"/> after <paramref name="magic"/>; <paramref name="what"/> names the file, <paramref name="kind"/> what it should be.</summary>
    /// <exception cref="InvalidDataException">not such a file, or truncated.</exception>
    public static T Read<T>(Stream stream, string what, string magic, string kind, Func<BinaryReader, T> body)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (Encoding.ASCII.GetString(reader.ReadBytes(magic.Length)) != magic)
            {
                throw new InvalidDataException($"{what} is not a SkillGraph {kind} file.");
            }

            return body(reader);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{what} is truncated.");
        }
    }

    /// <summary>A resource of this assembly (a shipped model), read by <paramref name="read"/>; null when it is not shipped.</summary>
    public static T? Shipped<T>(string resource, Func<Stream, T> read)
        where T : class
    {
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream(resource);
        return stream is null ? null : read(stream);
    }
}
