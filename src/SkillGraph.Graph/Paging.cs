using System.Buffers.Text;
using System.Text;

namespace SkillGraph.Graph;

/// <summary>Asks for <see cref="First"/> items after the opaque <see cref="After"/> cursor.</summary>
public readonly record struct PageRequest(int First, string? After = null)
{
    public const int MaxPageSize = 1000;

    public static PageRequest All => new(int.MaxValue);

    public static PageRequest FirstItems(int first) => new(first);
}

/// <summary>One page of an ordered result.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, string? EndCursor, bool HasNextPage)
{
    public static Page<T> Empty { get; } = new([], 0, null, false);
}

/// <summary>
/// Cursors are the last item's sort key (a URI), base64url-encoded: stable when items are added or removed
/// before the cursor, and opaque to clients.
/// </summary>
public static class Cursor
{
    private const string Prefix = "after:";

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + key));

    /// <summary>Decodes a cursor; throws <see cref="ArgumentException"/> naming the bad cursor.</summary>
    public static string Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return text[Prefix.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException($"'{cursor}' is not a cursor this server issued.", nameof(cursor));
    }
}
