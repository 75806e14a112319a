using System.Text.Json;

namespace SkillGraph.Formats;

/// <summary>One line of a JSONL file, with errors that name the file and the line.</summary>
public readonly struct JsonLine(string path, int number, JsonElement root)
{
    /// <summary>The line's JSON object.</summary>
    public JsonElement Root => root;

    /// <summary>"<c>path line N: problem</c>", the one error a user sees.</summary>
    public FormatException Error(string problem) => new($"{path} line {number}: {problem}");

    /// <summary>The string property <paramref name="name"/>; an error when it is missing or not a string.</summary>
    public string String(string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error($"needs a \"{name}\" string.");

    /// <summary>The <c>id</c>: a string, or a number kept as written.</summary>
    public string Id() =>
        root.TryGetProperty("id", out var e) && e.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())
            : throw Error("needs an \"id\" (string or number).");

    /// <summary>The array of strings <paramref name="name"/> (a null item reads as ""); an error when it is missing or not an array.</summary>
    public List<string> Strings(string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Array
            ? [.. e.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : string.Empty)]
            : throw Error($"needs a \"{name}\" array.");
}

/// <summary>
/// Reads JSONL files — one JSON object a line, blank lines skipped — for every reader of the project's line formats
/// (the CLI's inputs, teacher records and sentences, SkillSpan), through <see cref="TextLines"/> (UTF-8, a bounded line
/// length). A line that is not a JSON object is an error naming the file and line.
/// </summary>
public static class JsonLines
{
    /// <summary>The items <paramref name="read"/> makes of the lines of <paramref name="path"/>, at most <paramref name="limit"/>.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="FormatException">the file is not UTF-8, a line is too long, not JSON, not an object, or <paramref name="read"/> refused it.</exception>
    public static List<T> Read<T>(string path, Func<JsonLine, T> read, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(read);
        var items = new List<T>();
        foreach (var (number, text) in TextLines.Read(path))
        {
            if (items.Count == limit)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path} line {number}: not JSON ({ex.Message.Split('.')[0]}).", ex);
            }

            using (json)
            {
                var line = new JsonLine(path, number, json.RootElement);
                items.Add(json.RootElement.ValueKind == JsonValueKind.Object ? read(line) : throw line.Error("needs a JSON object."));
            }
        }

        return items;
    }
}
