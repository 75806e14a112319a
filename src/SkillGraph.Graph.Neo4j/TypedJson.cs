using System.Globalization;
using System.Text.Json;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// Reads values of the Query API's typed JSON (<c>{"$type": "Integer", "_value": "42"}</c>) into plain .NET values:
/// Null → null, Boolean → bool, Integer → long, Float → double, String and every temporal or spatial type → string,
/// List → <c>List&lt;object?&gt;</c>, Map → <c>Dictionary&lt;string, object?&gt;</c>, Node and Relationship → their
/// properties. A value without <c>$type</c> (plain JSON) is read as it is.
/// </summary>
internal static class TypedJson
{
    public static object? Read(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$type", out var type) && value.TryGetProperty("_value", out var inner))
        {
            return type.GetString() switch
            {
                "Null" => null,
                "Boolean" => inner.ValueKind == JsonValueKind.String ? bool.Parse(inner.GetString()!) : inner.GetBoolean(),
                "Integer" => inner.ValueKind == JsonValueKind.String ? long.Parse(inner.GetString()!, CultureInfo.InvariantCulture) : inner.GetInt64(),
                "Float" => inner.ValueKind == JsonValueKind.String ? double.Parse(inner.GetString()!, CultureInfo.InvariantCulture) : inner.GetDouble(),
                "List" => ReadList(inner),
                "Map" => ReadMap(inner),
                "Node" or "Relationship" => inner.TryGetProperty("_properties", out var properties) ? ReadMap(properties) : ReadMap(inner),
                _ => inner.ValueKind == JsonValueKind.String ? inner.GetString() : inner.GetRawText(),
            };
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt64(out var l) ? (object)l : value.GetDouble(),
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => ReadList(value),
            _ => ReadMap(value),
        };
    }

    private static List<object?> ReadList(JsonElement array)
    {
        var list = new List<object?>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            list.Add(Read(item));
        }

        return list;
    }

    private static Dictionary<string, object?> ReadMap(JsonElement map)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            result[property.Name] = Read(property.Value);
        }

        return result;
    }
}

/// <summary>Typed access to the values of a result row or map.</summary>
internal static class Values
{
    public static string? String(this IReadOnlyDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? v as string : null;

    public static long? Long(this IReadOnlyDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? AsLong(v) : null;

    public static int Int(this IReadOnlyDictionary<string, object?> map, string key) => (int)(map.Long(key) ?? 0);

    public static List<object?> List(this IReadOnlyDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) && v is List<object?> l ? l : [];

    public static Dictionary<string, object?>? Map(this IReadOnlyDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? v as Dictionary<string, object?> : null;

    public static long? AsLong(object? value) => value switch
    {
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
