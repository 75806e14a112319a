using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using SkillGraph.Domain;

namespace SkillGraph.Server.GraphQL.Nodes;

/// <summary>
/// The global id of a node (<c>Node.id</c>): its concept URI, packed and written in base64url without padding.
/// The first byte says how the rest reads (decision 0012): <c>1</c> + 16 bytes = an ESCO occupation
/// <c>…/esco/occupation/{uuid}</c>, <c>2</c> + 16 bytes = an ESCO skill or skill group <c>…/esco/skill/{uuid}</c>,
/// <c>3</c> + UTF-8 = any other URI under <c>http://data.europa.eu/esco/</c> (the rest), <c>0</c> + UTF-8 = any other URI.
/// Every URI has exactly one id: a string that does not re-encode to itself is not an id.
/// </summary>
public static class NodeId
{
    private const string EscoPrefix = "http://data.europa.eu/esco/";
    private const string OccupationPrefix = EscoPrefix + "occupation/";
    private const string SkillPrefix = EscoPrefix + "skill/";
    private const byte AnyUri = 0;
    private const byte EscoOccupation = 1;
    private const byte EscoSkill = 2;
    private const byte EscoOther = 3;
    private const int GuidBytes = 16;

    /// <summary>Longest id of a URI <see cref="ConceptUri"/> accepts (2,048 UTF-16 units, at most 3 UTF-8 bytes each).</summary>
    private static readonly int MaxLength = Base64Url.GetEncodedLength(1 + (2048 * 3));

    public static string Encode(ConceptUri uri)
    {
        var value = uri.Value;
        Span<byte> packed = stackalloc byte[1 + GuidBytes];
        if (TryPackGuid(value, OccupationPrefix, EscoOccupation, packed) || TryPackGuid(value, SkillPrefix, EscoSkill, packed))
        {
            return Base64Url.EncodeToString(packed);
        }

        var esco = value.StartsWith(EscoPrefix, StringComparison.Ordinal);
        var tag = esco ? EscoOther : AnyUri;
        var text = esco ? value.AsSpan(EscoPrefix.Length) : value.AsSpan();
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(text)];
        bytes[0] = tag;
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The URI of <paramref name="id"/>; false for anything <see cref="Encode"/> does not write.</summary>
    public static bool TryDecode([NotNullWhen(true)] string? id, [NotNullWhen(true)] out ConceptUri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(id.Length)];
        if (Base64Url.DecodeFromChars(id, bytes, out var consumed, out var written) != OperationStatus.Done || consumed != id.Length || written < 1)
        {
            return false;
        }

        var body = bytes.AsSpan(1, written - 1);
        var text = bytes[0] switch
        {
            EscoOccupation when body.Length == GuidBytes => OccupationPrefix + new Guid(body, bigEndian: true).ToString("D"),
            EscoSkill when body.Length == GuidBytes => SkillPrefix + new Guid(body, bigEndian: true).ToString("D"),
            EscoOther => EscoPrefix + Encoding.UTF8.GetString(body),
            AnyUri => Encoding.UTF8.GetString(body),
            _ => null,
        };

        // One id per URI: a different spelling (padding, a non-canonical tag, invalid UTF-8) is refused.
        if (!ConceptUri.TryParse(text, out var parsed) || !string.Equals(Encode(parsed), id, StringComparison.Ordinal))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>Writes <paramref name="tag"/> and the UUID when <paramref name="value"/> is the prefix and a lower-case UUID.</summary>
    private static bool TryPackGuid(string value, string prefix, byte tag, Span<byte> packed)
    {
        const int uuidLength = 36;
        if (value.Length != prefix.Length + uuidLength || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var text = value.AsSpan(prefix.Length);
        if (!Guid.TryParseExact(text, "D", out var guid) || !text.SequenceEqual(guid.ToString("D")))
        {
            return false;
        }

        packed[0] = tag;
        return guid.TryWriteBytes(packed[1..], bigEndian: true, out _);
    }
}
