using SkillGraph.Application.Features.Curation;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Student;

/// <summary>
/// The student's skill catalog as the graph holds it: every skill not deprecated, in URI order, with its alternative labels
/// except those an occupation also has (<see cref="SkillCatalog.OccupationLabels"/>).
/// </summary>
public static class StoreCatalog
{
    public static async Task<SkillCatalog> LoadAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var uris = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var concepts = await store.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        var occupationUris = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var occupations = await store.GetConceptsAsync(occupationUris, cancellationToken).ConfigureAwait(false);
        var occupationLabels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var occupation in occupations)
        {
            if (occupation is { Kind: ConceptKind.Occupation } && !string.Equals(occupation.Status, CurationDraft.Deprecated, StringComparison.Ordinal))
            {
                occupationLabels.UnionWith(occupation.AltLabels().Prepend(occupation.PreferredLabel).Select(l => LabelText.Normalize(l)).Where(l => l.Length > 0));
            }
        }

        return new SkillCatalog(concepts.Where(c => Extractable(c)).Select(c => Entry(c!, occupationLabels))) { OccupationLabels = occupationLabels };
    }

    /// <summary>Whether the student answers with <paramref name="concept"/>: a skill, not deprecated.</summary>
    public static bool Extractable(Concept? concept) =>
        concept is { Kind: ConceptKind.Skill } && !string.Equals(concept.Status, CurationDraft.Deprecated, StringComparison.Ordinal);

    /// <summary>
    /// The catalog entry of a skill: URI, preferred label and the alternative labels that are no occupation's label (normalised as
    /// <see cref="LabelText"/> does). "Chef" names the configuration tool and the cook; as the tool's label, every kitchen's job ad
    /// and resume was read as naming the tool. The preferred label is always kept.
    /// </summary>
    public static SkillEntry Entry(Concept concept, IReadOnlySet<string> occupationLabels)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(occupationLabels);
        return new SkillEntry(concept.Uri.Value, concept.PreferredLabel, [.. concept.AltLabels().Where(l => occupationLabels.Count == 0 || !occupationLabels.Contains(LabelText.Normalize(l)))]);
    }
}
