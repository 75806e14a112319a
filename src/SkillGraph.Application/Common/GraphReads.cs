using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Common;

/// <summary>The walks the handlers share, on top of <see cref="IGraphStore"/>.</summary>
public static class GraphReads
{
    /// <summary>The concept at <paramref name="uri"/>, which must be of <paramref name="kind"/>; else <see cref="ConceptNotFoundException"/>.</summary>
    public static async ValueTask<Concept> RequireAsync(this IGraphStore store, ConceptUri uri, ConceptKind kind, CancellationToken cancellationToken)
    {
        var concept = (await store.GetConceptsAsync([uri], cancellationToken).ConfigureAwait(false))[0];
        return concept is null
            ? throw new ConceptNotFoundException($"no {Describe(kind)} has the URI {uri}")
            : concept.Kind != kind
                ? throw new ConceptNotFoundException($"{uri} is a {Describe(concept.Kind)} ({concept.PreferredLabel}), not an {Describe(kind)}")
                : concept;
    }

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

    /// <summary>
    /// The chain of broader concepts above <paramref name="uri"/>, nearest first (the first broader at each step, by
    /// URI; a cycle ends it), cut to <paramref name="maxDepth"/>. Walks for many concepts share their common
    /// ancestors through <paramref name="cache"/> (one per request).
    /// </summary>
    public static async ValueTask<IReadOnlyList<ConceptUri>> BroaderPathAsync(this IGraphStore store, ConceptUri uri, int maxDepth, Dictionary<ConceptUri, IReadOnlyList<ConceptUri>> cache, CancellationToken cancellationToken)
    {
        const int MaxWalk = 32; // cached paths are complete; the answer is cut to maxDepth
        if (cache.TryGetValue(uri, out var known))
        {
            return known.Count > maxDepth ? [.. known.Take(maxDepth)] : known;
        }

        // Walk up until a cached ancestor (or the top), then build the paths back down.
        var chain = new List<ConceptUri> { uri };
        IReadOnlyList<ConceptUri> tail = [];
        var current = uri;
        while (chain.Count <= MaxWalk)
        {
            var broader = await store.GetNeighboursAsync(current, RelationType.Broader, Direction.Outgoing, new PageRequest(1), cancellationToken).ConfigureAwait(false);
            if (broader.Items.Count == 0 || chain.Contains(broader.Items[0]))
            {
                break;
            }

            current = broader.Items[0];
            if (cache.TryGetValue(current, out var cached))
            {
                tail = [current, .. cached];
                break;
            }

            chain.Add(current);
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            cache[chain[i]] = i == chain.Count - 1 ? tail : [chain[i + 1], .. cache[chain[i + 1]]];
        }

        var full = cache[uri];
        return full.Count > maxDepth ? [.. full.Take(maxDepth)] : full;
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
