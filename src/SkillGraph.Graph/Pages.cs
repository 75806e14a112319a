using System.Buffers.Text;
using System.Text;

namespace SkillGraph.Graph;

/// <summary>Asks for <see cref="First"/> items after the opaque <see cref="After"/> cursor.</summary>
public readonly record struct PageRequest(int First, string? After = null)
{
    public const int MaxPageSize = 1000;

    public static PageRequest All => new(int.MaxValue);
}

/// <summary>One page of an ordered result. The end cursor is encoded only when someone reads it.</summary>
public sealed class Page<T>
{
    private readonly string? _endKey;
    private string? _endCursor;

    public Page(IReadOnlyList<T> items, int totalCount, string? endCursor, bool hasNextPage)
    {
        Items = items;
        TotalCount = totalCount;
        _endCursor = endCursor;
        HasNextPage = hasNextPage;
    }

    private Page(IReadOnlyList<T> items, int totalCount, string? endKey, string? fallbackCursor, bool hasNextPage)
        : this(items, totalCount, fallbackCursor, hasNextPage) => _endKey = endKey;

    public static Page<T> Empty { get; } = new([], 0, null, false);

    public IReadOnlyList<T> Items { get; }

    public int TotalCount { get; }

    public bool HasNextPage { get; }

    /// <summary>Pass as <see cref="PageRequest.After"/> to continue after this page; null for an empty first page.</summary>
    public string? EndCursor => _endCursor ??= _endKey is null ? null : Cursor.Encode(_endKey);

    /// <summary>A page whose cursor is the sort key <paramref name="endKey"/> (encoded lazily), or <paramref name="after"/> when the page is empty.</summary>
    public static Page<T> WithEndKey(IReadOnlyList<T> items, int totalCount, string? endKey, string? after, bool hasNextPage) =>
        new(items, totalCount, endKey, endKey is null ? after : null, hasNextPage);
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
