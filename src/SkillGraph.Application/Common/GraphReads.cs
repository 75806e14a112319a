using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Common;

/// <summary>The walks the handlers share, on top of <see cref="IGraphStore"/>.</summary>
public static class GraphReads
{
    /// <summary>The concept at <paramref name="uri"/>, which must be of <paramref name="kind"/>; else <see cref="ConceptNotFoundException"/>.</summary>
    public static async ValueTask<Concept> RequireAsync(this IGraphStore store, ConceptUri uri, ConceptKind kind, CancellationToken cancellationToken) =>
        Require((await store.GetConceptsAsync([uri], cancellationToken).ConfigureAwait(false))[0], uri, kind);

    /// <summary><paramref name="concept"/> (read at <paramref name="uri"/>) if it is of <paramref name="kind"/>; else <see cref="ConceptNotFoundException"/>.</summary>
    public static Concept Require(Concept? concept, ConceptUri uri, ConceptKind kind) =>
        concept is null
            ? throw new ConceptNotFoundException($"no {Describe(kind)} has the URI {uri}")
            : concept.Kind != kind
                ? throw new ConceptNotFoundException($"{uri} is a {Describe(concept.Kind)} ({concept.PreferredLabel}), not an {Describe(kind)}")
                : concept;

    public static async ValueTask<IReadOnlyList<ConceptUri>> AllNeighboursAsync(this IGraphStore store, ConceptUri uri, RelationType type, Direction direction, CancellationToken cancellationToken) =>
        (await store.GetNeighboursAsync(uri, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false)).Items;

    public static ValueTask<NeighbourLists> AllNeighboursOfManyAsync(this IGraphStore store, IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken) =>
        store.GetAllNeighboursManyAsync(uris, type, direction, cancellationToken);

    /// <summary>The concepts at <paramref name="uris"/> by URI (unknown URIs are left out).</summary>
    public static async ValueTask<Dictionary<ConceptUri, Concept>> ConceptMapAsync(this IGraphStore store, IReadOnlyCollection<ConceptUri> uris, CancellationToken cancellationToken)
    {
        var list = uris as IReadOnlyList<ConceptUri> ?? [.. uris];
        var concepts = await store.GetConceptsAsync(list, cancellationToken).ConfigureAwait(false);
        var map = new Dictionary<ConceptUri, Concept>(concepts.Count);
        foreach (var concept in concepts)
        {
            if (concept is not null)
            {
                map[concept.Uri] = concept;
            }
        }

        return map;
    }

    public static string Describe(ConceptKind kind) => kind switch
    {
        ConceptKind.Occupation => "occupation",
        ConceptKind.Skill => "skill",
        ConceptKind.SkillGroup => "skill group",
        ConceptKind.IscoGroup => "ISCO group",
        _ => kind.ToString(),
    };
}
