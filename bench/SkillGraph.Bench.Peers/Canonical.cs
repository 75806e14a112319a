using System.Globalization;
using System.Text;

namespace SkillGraph.Bench.Peers;

/// <summary>
/// Canonical, deterministic JSON for the peer answers, byte-identical to the Kuzu script's
/// (bench/peers/kuzu/workloads.mjs, which uses JSON.stringify): fixed key order, no whitespace,
/// lists of URIs sorted ordinally and made distinct, ranked lists kept in rank order, and strings
/// escaped exactly as JSON.stringify does (only '"', '\\', control characters and lone surrogates).
/// </summary>
public static class Canonical
{
    /// <summary>{"occupation","broader":[{uri,label}],"skills":[{uri,label,relation,broader:[{uri,label}]}]}.</summary>
    public static string ToJson(OccupationContextResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(4096);
        sb.Append("{\"occupation\":");
        Str(sb, result.OccupationUri);
        sb.Append(",\"broader\":");
        Refs(sb, result.Broader);
        sb.Append(",\"skills\":[");
        var skills = result.Skills
            .OrderBy(s => s.Uri, StringComparer.Ordinal)
            .ThenBy(s => RelationName(s.Relation), StringComparer.Ordinal);
        var first = true;
        foreach (var s in skills)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append("{\"uri\":");
            Str(sb, s.Uri);
            sb.Append(",\"label\":");
            Str(sb, s.Label);
            sb.Append(",\"relation\":");
            Str(sb, RelationName(s.Relation));
            sb.Append(",\"broader\":");
            Refs(sb, s.Broader);
            sb.Append('}');
        }

        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>{"occupation","top":[{uri,label,shared}]} in rank order.</summary>
    public static string ToJson(RelatedOccupationsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(1024);
        sb.Append("{\"occupation\":");
        Str(sb, result.OccupationUri);
        sb.Append(",\"top\":[");
        for (var i = 0; i < result.Top.Count; i++)
        {
            var t = result.Top[i];
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append("{\"uri\":");
            Str(sb, t.Uri);
            sb.Append(",\"label\":");
            Str(sb, t.Label);
            sb.Append(",\"shared\":").Append(t.Shared.ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>{"occupation","held":[uri],"missingEssential":[uri],"missingOptional":[uri]}, lists sorted and distinct.</summary>
    public static string ToJson(SkillGapResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(4096);
        sb.Append("{\"occupation\":");
        Str(sb, result.OccupationUri);
        sb.Append(",\"held\":");
        Uris(sb, result.Held);
        sb.Append(",\"missingEssential\":");
        Uris(sb, result.MissingEssential);
        sb.Append(",\"missingOptional\":");
        Uris(sb, result.MissingOptional);
        sb.Append('}');
        return sb.ToString();
    }

    /// <summary>{"skill","occupations":n,"top":[{uri,label,count}]} in rank order.</summary>
    public static string ToJson(SkillNeighbourhoodResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(2048);
        sb.Append("{\"skill\":");
        Str(sb, result.SkillUri);
        sb.Append(",\"occupations\":").Append(result.Occupations.ToString(CultureInfo.InvariantCulture));
        sb.Append(",\"top\":[");
        for (var i = 0; i < result.Top.Count; i++)
        {
            var t = result.Top[i];
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append("{\"uri\":");
            Str(sb, t.Uri);
            sb.Append(",\"label\":");
            Str(sb, t.Label);
            sb.Append(",\"count\":").Append(t.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>"essential" or "optional".</summary>
    public static string RelationName(SkillRelation relation) =>
        relation == SkillRelation.Essential ? "essential" : "optional";

    private static void Refs(StringBuilder sb, IEnumerable<NodeRef> refs)
    {
        sb.Append('[');
        var first = true;
        string? previous = null;
        foreach (var r in refs.OrderBy(r => r.Uri, StringComparer.Ordinal))
        {
            if (previous is not null && string.Equals(previous, r.Uri, StringComparison.Ordinal))
            {
                continue;
            }

            previous = r.Uri;
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append("{\"uri\":");
            Str(sb, r.Uri);
            sb.Append(",\"label\":");
            Str(sb, r.Label);
            sb.Append('}');
        }

        sb.Append(']');
    }

    private static void Uris(StringBuilder sb, IEnumerable<string> uris)
    {
        sb.Append('[');
        var first = true;
        foreach (var u in uris.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            Str(sb, u);
        }

        sb.Append(']');
    }

    /// <summary>Writes a JSON string literal exactly as ECMAScript JSON.stringify does.</summary>
    internal static void Str(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        Hex(sb, c);
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        {
                            sb.Append(c).Append(s[i + 1]);
                            i++;
                        }
                        else
                        {
                            Hex(sb, c);
                        }
                    }
                    else if (char.IsLowSurrogate(c))
                    {
                        Hex(sb, c);
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static void Hex(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
