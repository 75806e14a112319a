using GraphQL;
using GraphQL.DataLoader;
using Mediator;
using SkillGraph.Application.Features.Concepts.GetConcepts;
using SkillGraph.Application.Features.Concepts.GetNeighbours;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>One walk over one relation type in one direction, asking for one page.</summary>
public readonly record struct NeighbourKey(ConceptUri Uri, RelationType Type, Direction Direction, PageRequest Page);

/// <summary>A concept reached by following <c>broader</c> upwards, <see cref="Depth"/> steps away (1 = a direct parent).</summary>
public sealed record Ancestor(ConceptUri Uri, int Depth);

/// <summary>
/// The DataLoaders of one GraphQL request: every read of the graph made by a resolver goes through them, so a
/// query makes a number of store calls bounded by its shape (levels × edge kinds), not by the number of nodes. Each
/// batch is one Mediator request (<see cref="GetConcepts"/>, <see cref="GetNeighbours"/>), so the pipeline's
/// behaviours wrap every read.
/// </summary>
public sealed class GraphLoaders
{
    private readonly IMediator _mediator;
    private readonly BatchLoader<ConceptUri, Concept?> _concepts;
    private readonly BatchLoader<NeighbourKey, Page<ConceptUri>> _neighbours;
    private readonly BatchLoader<ConceptUri, IReadOnlyList<Ancestor>> _ancestors;

    public GraphLoaders(IMediator mediator)
    {
        _mediator = mediator;
        _concepts = new(async (uris, cancellationToken) => await mediator.Send(new GetConcepts(uris), cancellationToken).ConfigureAwait(false));
        _neighbours = new(FetchNeighboursAsync);
        _ancestors = new(FetchAncestorsAsync);
    }

    /// <summary>The request's Mediator, for the root fields that send a request of their own.</summary>
    public IMediator Mediator => _mediator;

    public IDataLoaderResult<Concept?> Concept(ConceptUri uri) => _concepts.Load(uri);

    public IDataLoaderResult<Concept?[]> Concepts(IReadOnlyList<ConceptUri> uris) => _concepts.LoadMany(uris);

    public IDataLoaderResult<Page<ConceptUri>> Neighbours(ConceptUri uri, RelationType type, Direction direction, PageRequest page) =>
        _neighbours.Load(new NeighbourKey(uri, type, direction, page));

    /// <summary>Every concept above <paramref name="uri"/> over <c>broader</c>, nearest first, then by URI.</summary>
    public IDataLoaderResult<IReadOnlyList<Ancestor>> Ancestors(ConceptUri uri) => _ancestors.Load(uri);

    private async ValueTask<IReadOnlyList<Page<ConceptUri>>> FetchNeighboursAsync(IReadOnlyList<NeighbourKey> keys, CancellationToken cancellationToken)
    {
        var pages = new Page<ConceptUri>[keys.Count];
        foreach (var group in Enumerable.Range(0, keys.Count).GroupBy(i => (keys[i].Type, keys[i].Direction, keys[i].Page)))
        {
            var indexes = group.ToArray();
            var uris = Array.ConvertAll(indexes, i => keys[i].Uri);
            var (type, direction, page) = group.Key;
            var result = await _mediator.Send(new GetNeighbours(uris, type, direction, page), cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < indexes.Length; j++)
            {
                pages[indexes[j]] = result[j];
            }
        }

        return pages;
    }

    /// <summary>Walks up level by level for all keys at once: one store call per level of the hierarchy.</summary>
    private async ValueTask<IReadOnlyList<IReadOnlyList<Ancestor>>> FetchAncestorsAsync(IReadOnlyList<ConceptUri> keys, CancellationToken cancellationToken)
    {
        var parentsOf = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>();
        var frontier = keys.Distinct().ToList();
        while (frontier.Count > 0)
        {
            var pages = await _mediator.Send(new GetNeighbours(frontier, RelationType.Broader, Direction.Outgoing, new PageRequest(PageRequest.MaxPageSize)), cancellationToken).ConfigureAwait(false);
            var next = new List<ConceptUri>();
            for (var i = 0; i < frontier.Count; i++)
            {
                parentsOf[frontier[i]] = pages[i].Items;
                foreach (var parent in pages[i].Items)
                {
                    if (!parentsOf.ContainsKey(parent) && !next.Contains(parent))
                    {
                        next.Add(parent);
                    }
                }
            }

            frontier = next;
        }

        var result = new IReadOnlyList<Ancestor>[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            var seen = new HashSet<ConceptUri> { keys[k] };
            var ancestors = new List<Ancestor>();
            var level = new List<ConceptUri> { keys[k] };
            for (var depth = 1; level.Count > 0; depth++)
            {
                var up = new List<ConceptUri>();
                foreach (var uri in level)
                {
                    foreach (var parent in parentsOf.GetValueOrDefault(uri) ?? [])
                    {
                        if (seen.Add(parent))
                        {
                            up.Add(parent);
                        }
                    }
                }

                up.Sort();
                ancestors.AddRange(up.Select(u => new Ancestor(u, depth)));
                level = up;
            }

            result[k] = ancestors;
        }

        return result;
    }
}

/// <summary>What resolvers reach through <see cref="IResolveFieldContext.UserContext"/>.</summary>
public sealed class SkillGraphUserContext(IMediator mediator, GraphQLLimits limits) : Dictionary<string, object?>
{
    public GraphLoaders Loaders { get; } = new(mediator);

    public GraphQLLimits Limits { get; } = limits;
}

public static class ResolveFieldContextExtensions
{
    public static GraphLoaders Loaders(this IResolveFieldContext context) =>
        context.UserContext is SkillGraphUserContext user
            ? user.Loaders
            : throw new InvalidOperationException("the request was not started by the SkillGraph endpoint (no SkillGraphUserContext).");
}
