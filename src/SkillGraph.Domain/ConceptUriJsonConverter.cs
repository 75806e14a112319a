using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillGraph.Domain;

/// <summary>Writes a <see cref="ConceptUri"/> as its string (also as a dictionary key); reads one, refusing text that is not a concept URI.</summary>
public sealed class ConceptUriJsonConverter : JsonConverter<ConceptUri>
{
    public override ConceptUri Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ConceptUri.TryParse(reader.GetString(), out var uri) ? uri : throw new JsonException($"'{reader.GetString()}' is not a concept URI.");

    public override void Write(Utf8JsonWriter writer, ConceptUri value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

    public override ConceptUri ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ConceptUri value, JsonSerializerOptions options) => writer.WritePropertyName(value.Value);
}
