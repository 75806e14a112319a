using SkillGraph.Domain;

namespace SkillGraph.Application.Common;

/// <summary>A concept as answers show it: its URI, preferred label and kind.</summary>
public sealed record ConceptRef(ConceptUri Uri, string Label, ConceptKind Kind)
{
    public static ConceptRef Of(Concept concept) => new(concept.Uri, concept.PreferredLabel, concept.Kind);
}
