using SkillGraph.Application.Features.Curation;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Student;

/// <summary>The student's skill catalog as the graph holds it: every skill not deprecated, in URI order, with its alternative labels.</summary>
public static class StoreCatalog
{
    public static async Task<SkillCatalog> LoadAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var uris = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var concepts = await store.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        return new SkillCatalog(concepts.Where(c => Extractable(c)).Select(c => Entry(c!)));
    }

    /// <summary>Whether the student answers with <paramref name="concept"/>: a skill, not deprecated.</summary>
    public static bool Extractable(Concept? concept) =>
        concept is { Kind: ConceptKind.Skill } && !string.Equals(concept.Status, CurationDraft.Deprecated, StringComparison.Ordinal);

    /// <summary>The catalog entry of a skill: URI, preferred label and alternative labels.</summary>
    public static SkillEntry Entry(Concept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        return new SkillEntry(concept.Uri.Value, concept.PreferredLabel, [.. concept.AltLabels()]);
    }
}
