using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Student;

/// <summary>The student's skill catalog as the graph holds it: every skill, in URI order, with its alternative labels.</summary>
public static class StoreCatalog
{
    public static async Task<SkillCatalog> LoadAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var uris = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var concepts = await store.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        return new SkillCatalog(concepts.Select(c => new SkillEntry(c!.Uri.Value, c.PreferredLabel, [.. c.AltLabels()])));
    }
}
