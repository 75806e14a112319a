using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Student.Matching;

namespace SkillGraph.Student;

/// <summary>
/// What the extractor's graph re-ranking (<see cref="GraphReranking"/>) knows of the graph, read once through
/// <see cref="IGraphStore"/> (either adapter): for every skill the occupations that list it, essential and optional, with the
/// occupations' list sizes (<see cref="IGraphStore.GetSkillListingsAsync"/>, the read occupation suggestion makes), and the
/// skill hierarchy (<see cref="SkillFacts"/>). A snapshot: a host that follows curation loads a new one after a change.
/// </summary>
public sealed class SkillGraphPrior
{
    private static readonly ConceptUri[] None = [];
    private readonly Dictionary<string, (IReadOnlyList<ConceptUri> Essential, IReadOnlyList<ConceptUri> Optional)> _listings;
    private readonly Dictionary<ConceptUri, (int Essential, int Optional)> _sizes;

    public SkillGraphPrior(
        int occupationCount,
        IEnumerable<(string Skill, IReadOnlyList<ConceptUri> EssentialFor, IReadOnlyList<ConceptUri> OptionalFor)> listings,
        IEnumerable<(ConceptUri Occupation, int Essential, int Optional)> sizes,
        SkillFacts hierarchy)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(hierarchy);
        OccupationCount = occupationCount;
        _listings = listings.ToDictionary(l => l.Skill, l => (l.EssentialFor, l.OptionalFor), StringComparer.Ordinal);
        _sizes = sizes.ToDictionary(s => s.Occupation, s => (s.Essential, s.Optional));
        Hierarchy = hierarchy;
    }

    /// <summary>Occupations in the graph (the N of the idf in <see cref="OccupationScore"/>).</summary>
    public int OccupationCount { get; }

    /// <summary>Broader and narrower skills, one step.</summary>
    public SkillFacts Hierarchy { get; }

    /// <summary>Every skill's listings and the skill hierarchy, in three store reads.</summary>
    public static async Task<SkillGraphPrior> LoadAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hierarchy = await SkillFacts.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var skills = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;
        var listings = await store.GetSkillListingsAsync(skills, cancellationToken).ConfigureAwait(false);
        return new SkillGraphPrior(
            listings.OccupationCount,
            skills.Select((s, i) => (s.Value, (IReadOnlyList<ConceptUri>)listings.EssentialFor[i], (IReadOnlyList<ConceptUri>)listings.OptionalFor[i])),
            listings.Occupations.Select((o, i) => (o, listings.EssentialCounts[i], listings.OptionalCounts[i])),
            hierarchy);
    }

    /// <summary>The occupations listing <paramref name="skill"/> as essential and as optional (empty for a skill the snapshot does not know).</summary>
    public (IReadOnlyList<ConceptUri> Essential, IReadOnlyList<ConceptUri> Optional) Listing(string skill) =>
        _listings.TryGetValue(skill, out var l) ? l : (None, None);

    /// <summary>An occupation's numbers of essential and optional skills.</summary>
    public (int Essential, int Optional) Size(ConceptUri occupation) => _sizes.TryGetValue(occupation, out var s) ? s : (0, 0);
}
