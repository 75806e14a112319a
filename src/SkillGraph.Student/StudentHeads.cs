using System.Globalization;

namespace SkillGraph.Student;

/// <summary>
/// What training produces for the extractor, and all of it that does not depend on the skill catalog: the sentence and
/// span projection heads (384×384 each), the fusion weight, the weight of alternative labels in a skill's label vector
/// and the span context. The label vectors come from whatever catalog the store holds (the cached label index), so one
/// set of heads serves full ESCO and the sample graph alike. Stored as half-precision floats (~0.6 MB): small enough to
/// ship inside the Student assembly, so a fresh clone has the trained student with no manual step.
/// </summary>
public sealed record StudentHeads(float[] Sentence, float[] Span, float Alpha, float LabelAltWeight, SpanContext SpanContext, string Version)
{
    /// <summary>The heads file <c>skillgraph train --out DIR</c> writes (under DIR/student) and the extractor looks for first.</summary>
    public const string FileName = "extractor-heads.bin";

    /// <summary>Where the CLI and the server look for heads trained on this machine before the shipped ones.</summary>
    public static readonly string DefaultPath = Path.Combine("models", "student", FileName);

    const string Magic = "SGHEADS1";
    const string ResourceName = "SkillGraph.Student.Shipped.extractor-heads.bin";
    const int D = MiniLmEncoder.Dimension;

    /// <summary>The card written beside a heads file.</summary>
    public static string CardPath(string headsPath) => Path.ChangeExtension(headsPath, ".card.json");

    /// <summary>Writes the heads atomically (and nothing half-written on failure).</summary>
    public void Save(string path) => ModelFile.Write(path, Magic, writer =>
        {
            writer.Write(D);
            writer.Write(Alpha);
            writer.Write(LabelAltWeight);
            writer.Write(SpanContext.ToString());
            writer.Write(Version);
            foreach (var matrix in new[] { Sentence, Span })
            {
                foreach (var value in matrix)
                {
                    writer.Write((Half)value);
                }
            }
        });

    /// <summary>Reads a heads file; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static StudentHeads Load(string path) => ModelFile.Load(path, Read);

    /// <summary>The heads shipped inside this assembly (built by <c>skillgraph train</c>; see its card), or null when none is.</summary>
    public static StudentHeads? LoadShipped() => ModelFile.Shipped(ResourceName, stream => Read(stream, "the shipped extractor heads"));

    /// <summary>The card of the shipped heads (JSON), or null.</summary>
    public static string? ShippedCard()
    {
        using var stream = typeof(StudentHeads).Assembly.GetManifestResourceStream("SkillGraph.Student.Shipped.extractor-heads.card.json");
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }

    static StudentHeads Read(Stream stream, string what) => ModelFile.Read(stream, what, Magic, "extractor heads", reader =>
        {
            var d = reader.ReadInt32();
            if (d != D)
            {
                throw new InvalidDataException($"{what} has {d}-dimensional heads; the encoder gives {D}.");
            }

            var alpha = reader.ReadSingle();
            var altWeight = reader.ReadSingle();
            var context = Enum.Parse<SpanContext>(reader.ReadString(), true);
            var version = reader.ReadString();
            var sentence = new float[D * D];
            var span = new float[D * D];
            foreach (var matrix in new[] { sentence, span })
            {
                for (var i = 0; i < matrix.Length; i++)
                {
                    matrix[i] = (float)reader.ReadHalf();
                }
            }

            return new StudentHeads(sentence, span, alpha, altWeight, context, version);
        });

    /// <summary>The scorer ONNX graph for these heads over <paramref name="labels"/> (rows of <see cref="SkillIndex.LabelMatrix"/>).</summary>
    public byte[] BuildScorer(float[] labels, SkillCatalog catalog) =>
        ScorerModel.Build(Sentence, D, labels, catalog.Count, ScorerModel.Metadata(catalog, Alpha, SpanContext, Version), Span);
}
