using System.Text.Json;
using System.Text.Json.Serialization;
using SkillGraph.Domain;

namespace SkillGraph.Graph.Sample;

/// <summary>
/// The small graph the project ships (20 occupations, their essential and some optional skills, and the
/// hierarchy above them; a subset of ESCO v1.1.1, "ESCO, European Commission"), so that an empty store
/// answers real questions on a fresh clone before anyone imports ESCO.
/// </summary>
public static class SampleGraph
{
    public const string Source = "sample graph (built in)";

    public static GraphBatch Load()
    {
        using var stream = typeof(SampleGraph).Assembly.GetManifestResourceStream("SkillGraph.Graph.sample-graph.json")
            ?? throw new InvalidOperationException("the sample graph resource is missing from the build.");
        return GraphDocument.Read(stream, Source);
    }
}

/// <summary>
/// A graph as JSON: <c>{"concepts":[{"uri","kind","preferredLabel","altLabels",…}],"relations":[{"source","type","target"}]}</c>.
/// Kinds and relation types are camelCase names of <see cref="ConceptKind"/> and <see cref="RelationType"/>.
/// </summary>
public static class GraphDocument
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static GraphBatch Read(Stream stream, string source)
    {
        var document = JsonSerializer.Deserialize<Document>(stream, Options)
            ?? throw new FormatException($"{source}: empty document.");
        var concepts = document.Concepts.Select(c => new ConceptWrite(new Concept
        {
            Uri = ConceptUri.Parse(c.Uri),
            Kind = c.Kind,
            PreferredLabel = c.PreferredLabel,
            Labels = [.. c.AltLabels.Select(l => new ConceptLabel(l, LabelKind.Alternative))],
            Description = c.Description,
            Code = c.Code,
            SkillType = c.SkillType,
            ReuseLevel = c.ReuseLevel,
            Collections = c.Collections.Aggregate(EscoCollections.None, (all, one) => all | one),
        })).ToList();
        var relations = document.Relations.Select(r => new Relation(ConceptUri.Parse(r.Source), r.Type, ConceptUri.Parse(r.Target))).ToList();
        return new GraphBatch { Concepts = concepts, AddRelations = relations, ReplaceAll = false, Source = source };
    }

    private sealed record Document(List<DocumentConcept> Concepts, List<DocumentRelation> Relations);

    private sealed record DocumentConcept(
        string Uri,
        ConceptKind Kind,
        string PreferredLabel,
        List<string> AltLabels,
        string? Description,
        string? Code,
        SkillType? SkillType,
        ReuseLevel? ReuseLevel,
        List<EscoCollections> Collections);

    private sealed record DocumentRelation(string Source, RelationType Type, string Target);
}
