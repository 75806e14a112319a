using System.Diagnostics.CodeAnalysis;

namespace SkillGraph.Domain;

/// <summary>
/// The identity of a concept in the graph: an absolute http(s) URI such as
/// <c>http://data.europa.eu/esco/occupation/…</c>. Its hash code is computed once, so that the many
/// dictionary look-ups of a graph walk cost no string hashing.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ConceptUriJsonConverter))]
public sealed class ConceptUri : IEquatable<ConceptUri>, IComparable<ConceptUri>
{
    private readonly int _hash;

    private ConceptUri(string value)
    {
        Value = value;
        _hash = StringComparer.Ordinal.GetHashCode(value);
    }

    public string Value { get; }

    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> with a message naming it.</summary>
    public static ConceptUri Parse(string? value) =>
        TryParse(value, out var uri)
            ? uri
            : throw new FormatException($"'{value}' is not a concept URI (expected an absolute http:// or https:// URI).");

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out ConceptUri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2048)
        {
            return false;
        }

        var trimmed = value.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || trimmed.Any(char.IsWhiteSpace))
        {
            return false;
        }

        uri = new ConceptUri(trimmed);
        return true;
    }

    public bool Equals(ConceptUri? other) =>
        ReferenceEquals(this, other) || (other is not null && _hash == other._hash && string.Equals(Value, other.Value, StringComparison.Ordinal));

    public override bool Equals(object? obj) => obj is ConceptUri other && Equals(other);

    public override int GetHashCode() => _hash;

    public int CompareTo(ConceptUri? other) => other is null ? 1 : string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;

    public static bool operator ==(ConceptUri? left, ConceptUri? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ConceptUri? left, ConceptUri? right) => !(left == right);

    public static bool operator <(ConceptUri? left, ConceptUri? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator <=(ConceptUri? left, ConceptUri? right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >(ConceptUri? left, ConceptUri? right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator >=(ConceptUri? left, ConceptUri? right) => left is null ? right is null : left.CompareTo(right) >= 0;
}
