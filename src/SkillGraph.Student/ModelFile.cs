using System.Text;

namespace SkillGraph.Student;

/// <summary>
/// The frame the student's own binary model files share (extractor heads, span tagger): an ASCII magic, then the body a
/// reader takes; a file that does not start with the magic, or ends early, is refused in one line naming it.
/// </summary>
internal static class ModelFile
{
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
