namespace SkillGraph.Domain;

/// <summary>A label of a concept in one language.</summary>
public sealed record ConceptLabel(string Text, LabelKind Kind, string Language = "en");

/// <summary>
/// One node of the graph with everything ESCO says about it. <see cref="Version"/> starts at 1 and grows
/// by one with every change of the concept's content (labels included); writers that pass an expected
/// version get optimistic concurrency.
/// </summary>
public sealed record Concept
{
    public required ConceptUri Uri { get; init; }

    public required ConceptKind Kind { get; init; }

    public required string PreferredLabel { get; init; }

    /// <summary>Alternative and hidden labels (the preferred label is <see cref="PreferredLabel"/>).</summary>
    public IReadOnlyList<ConceptLabel> Labels { get; init; } = [];

    public string? Description { get; init; }

    public string? Definition { get; init; }

    public string? ScopeNote { get; init; }

    /// <summary>released, …</summary>
    public string Status { get; init; } = "released";

    /// <summary>ISCO code for ISCO groups, the ESCO code for occupations and skill groups.</summary>
    public string? Code { get; init; }

    public SkillType? SkillType { get; init; }

    public ReuseLevel? ReuseLevel { get; init; }

    public EscoCollections Collections { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }

    public long Version { get; init; } = 1;

    public IEnumerable<string> AltLabels(string language = "en") => LabelsOf(LabelKind.Alternative, language);

    public IEnumerable<string> HiddenLabels(string language = "en") => LabelsOf(LabelKind.Hidden, language);

    // One small object a call (walks ask for the labels of hundreds of concepts a request), read when enumerated.
    private IEnumerable<string> LabelsOf(LabelKind kind, string language)
    {
        foreach (var label in Labels)
        {
            if (label.Kind == kind && label.Language == language)
            {
                yield return label.Text;
            }
        }
    }
}

/// <summary>An edge of the graph.</summary>
public sealed record Relation(ConceptUri Source, RelationType Type, ConceptUri Target);
