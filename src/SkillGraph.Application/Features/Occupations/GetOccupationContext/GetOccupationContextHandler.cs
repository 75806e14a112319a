using System.Runtime.InteropServices;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Occupations.GetOccupationContext;

/// <summary>
/// Relevance of a skill = 1 (essential) or 0.5 (optional) or 0.3 / 0.15 (linked one / two hops away), times
/// its specificity (1 for a skill only this occupation lists, falling with the log of how many occupations list
/// it); with a seed, plus a deterministic jitter of up to 0.1. Skills enter by relevance (ties by URI) while the
/// node budget lasts; a skill costs one node plus the group-path nodes not yet in the context.
/// </summary>
/// <remarks>
/// Each URI the walk meets besides the skills themselves is hashed once (<see cref="ConceptNumbering"/>); the budget
/// and the answer then work on numbers, and concepts are resolved in two batches (the chosen skills, the rest).
/// </remarks>
public sealed class GetOccupationContextHandler(IGraphStore graph) : IQueryHandler<GetOccupationContext, OccupationContext>
{
    // log10(1 + n) for the counts of occupations a skill can have in ESCO; larger counts are computed.
    private static readonly double[] Log10OnePlus = [.. Enumerable.Range(0, 4096).Select(n => Math.Log10(1 + n))];

    public async ValueTask<OccupationContext> Handle(GetOccupationContext query, CancellationToken cancellationToken)
    {
        var occupation = await graph.RequireAsync(query.Occupation, ConceptKind.Occupation, cancellationToken).ConfigureAwait(false);
        var paths = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>();
        var hierarchy = await graph.BroaderPathAsync(occupation.Uri, 8, paths, cancellationToken).ConfigureAwait(false);
        var occupationBroader = await graph.AllNeighboursAsync(occupation.Uri, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var essential = await graph.AllNeighboursAsync(occupation.Uri, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var optional = await graph.AllNeighboursAsync(occupation.Uri, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);

        var candidates = EssentialThenOptional(essential, optional);
        await ScoreAsync(candidates, 0, 0, query.Seed, cancellationToken).ConfigureAwait(false);
        if (query.Hops > 0)
        {
            await AddLinkedSkillsAsync(candidates, query.Hops, query.Seed, cancellationToken).ConfigureAwait(false);
        }

        CollectionsMarshal.AsSpan(candidates).Sort(); // best first (Candidate.CompareTo)

        // Every candidate's direct broader concepts in one batch; the group path starts at the first of them.
        var candidateUris = new ConceptUri[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            candidateUris[i] = candidates[i].Uri;
        }

        var allBroader = await graph.AllNeighboursOfManyAsync(candidateUris, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var named = new ConceptNumbering(candidates.Count + hierarchy.Count + occupationBroader.Count);
        var hierarchyNumbers = named.Of(hierarchy);
        var (pathStart, pathsAbove) = await GroupPathsAsync(allBroader, query.GroupPathDepth, named, paths, cancellationToken).ConfigureAwait(false);
        var (chosen, nodes, truncated) = CutToBudget(pathStart, pathsAbove, hierarchyNumbers, named.Count, query.MaxNodes);

        // Number what the answer names besides the skills, then resolve the chosen skills and the named concepts in a batch each.
        var chosenUris = new ConceptUri[chosen.Count];
        var broaderOffsets = new int[chosen.Count + 1];
        for (var k = 0; k < chosen.Count; k++)
        {
            chosenUris[k] = candidates[chosen[k]].Uri;
            broaderOffsets[k + 1] = broaderOffsets[k] + allBroader[chosen[k]].Count;
        }

        var broaderNumbers = new int[broaderOffsets[^1]];
        var relatedToNumbers = new int[chosen.Count];
        for (var k = 0; k < chosen.Count; k++)
        {
            var direct = allBroader[chosen[k]];
            for (var j = 0; j < direct.Count; j++)
            {
                broaderNumbers[broaderOffsets[k] + j] = j == 0 && pathStart[chosen[k]] >= 0 ? pathStart[chosen[k]] : named.Of(direct[j]);
            }

            relatedToNumbers[k] = candidates[chosen[k]].RelatedTo is { } from ? named.Of(from) : -1;
        }

        var occupationBroaderNumbers = named.Of(occupationBroader);
        var chosenConcepts = await graph.GetConceptsAsync(chosenUris, cancellationToken).ConfigureAwait(false);
        var namedConcepts = await graph.GetConceptsAsync(named.Uris, cancellationToken).ConfigureAwait(false);
        var refs = new ConceptRef[namedConcepts.Count];
        for (var n = 0; n < refs.Length; n++)
        {
            refs[n] = ConceptRef.Of(namedConcepts[n]!);
        }

        ConceptRef[] Refs(ReadOnlySpan<int> numbers)
        {
            var result = new ConceptRef[numbers.Length];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = refs[numbers[i]];
            }

            return result;
        }

        // Skills under the same group share its group path (read-only lists); a skill whose only broader concept
        // is its one-step group path shares that list as its broader list too.
        var groupPaths = new ConceptRef[]?[refs.Length];
        var skills = new List<ContextSkill>(chosen.Count);
        for (var k = 0; k < chosen.Count; k++)
        {
            var candidate = candidates[chosen[k]];
            var concept = chosenConcepts[k]!;
            var start = pathStart[chosen[k]];
            var path = start < 0 ? [] : groupPaths[start] ??= Refs(pathsAbove is null ? [start] : pathsAbove[start]!);
            var broader = broaderNumbers.AsSpan(broaderOffsets[k], broaderOffsets[k + 1] - broaderOffsets[k]);
            skills.Add(new ContextSkill(
                ConceptRef.Of(concept),
                candidate.Relation,
                Math.Round(candidate.Relevance, 4),
                concept.SkillType,
                concept.ReuseLevel,
                concept.Description,
                concept.AltLabels(),
                broader.Length == 1 && path.Length == 1 && broader[0] == start ? path : Refs(broader),
                path,
                relatedToNumbers[k] >= 0 ? refs[relatedToNumbers[k]] : null));
        }

        return new OccupationContext(
            ConceptRef.Of(occupation),
            occupation.Description,
            occupation.Code,
            [.. occupation.AltLabels()],
            Refs(occupationBroaderNumbers),
            Refs(hierarchyNumbers),
            skills,
            essential.Count,
            optional.Count,
            nodes,
            truncated,
            query.Seed);
    }

    /// <summary>
    /// The essential skills, then the optional ones that are not also essential, each in URI order (the order the
    /// store gives them); <see cref="Candidate.UriRank"/> is a skill's place in URI order among all of them, found by
    /// merging the two lists, so that ties in relevance are later broken without comparing strings.
    /// </summary>
    private static List<Candidate> EssentialThenOptional(IReadOnlyList<ConceptUri> essential, IReadOnlyList<ConceptUri> optional)
    {
        var candidates = new List<Candidate>(essential.Count + optional.Count);
        foreach (var skill in essential)
        {
            candidates.Add(new Candidate(skill, ContextRelation.Essential, 0, null));
        }

        var span = CollectionsMarshal.AsSpan(candidates);
        int e = 0, o = 0, rank = 0;
        while (e < essential.Count || o < optional.Count)
        {
            var order = e == essential.Count ? 1 : o == optional.Count ? -1 : essential[e].CompareTo(optional[o]);
            if (order <= 0)
            {
                span[e++].UriRank = rank++;
                o += order == 0 ? 1 : 0;
            }
            else
            {
                candidates.Add(new Candidate(optional[o++], ContextRelation.Optional, rank++, null));
                span = CollectionsMarshal.AsSpan(candidates);
            }
        }

        return candidates;
    }

    /// <summary>k hops further: the skills linked (skill–skill relations) to the skills already in, weighted lower.</summary>
    private async ValueTask AddLinkedSkillsAsync(List<Candidate> candidates, int hops, int seed, CancellationToken cancellationToken)
    {
        var frontier = candidates.ConvertAll(c => c.Uri);
        var inContext = new HashSet<ConceptUri>(frontier);
        for (var hop = 1; hop <= hops && frontier.Count > 0; hop++)
        {
            var before = candidates.Count;
            foreach (var type in (RelationType[])[RelationType.EssentialRelatedSkill, RelationType.OptionalRelatedSkill])
            {
                foreach (var direction in (Direction[])[Direction.Outgoing, Direction.Incoming])
                {
                    var pages = await graph.AllNeighboursOfManyAsync(frontier, type, direction, cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < frontier.Count; i++)
                    {
                        foreach (var skill in pages[i])
                        {
                            if (inContext.Add(skill))
                            {
                                candidates.Add(new Candidate(skill, ContextRelation.Related, -1, frontier[i]));
                            }
                        }
                    }
                }
            }

            await ScoreAsync(candidates, before, hop == 1 ? 0.3 : 0.15, seed, cancellationToken).ConfigureAwait(false);
            frontier = candidates.GetRange(before, candidates.Count - before).ConvertAll(c => c.Uri);
        }
    }

    /// <summary>Sets the relevance of the candidates from <paramref name="from"/> on; <paramref name="relatedWeight"/> is the weight of linked skills.</summary>
    private async ValueTask ScoreAsync(List<Candidate> candidates, int from, double relatedWeight, int seed, CancellationToken cancellationToken)
    {
        if (candidates.Count == from)
        {
            return;
        }

        var skills = new ConceptUri[candidates.Count - from];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = candidates[from + i].Uri;
        }

        // How many occupations list each skill at all: a skill few occupations list says more about this one.
        var essentialFor = await graph.CountNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = await graph.CountNeighboursManyAsync(skills, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var span = CollectionsMarshal.AsSpan(candidates)[from..];
        for (var i = 0; i < skills.Length; i++)
        {
            var weight = span[i].Relation switch
            {
                ContextRelation.Essential => 1.0,
                ContextRelation.Optional => 0.5,
                _ => relatedWeight,
            };
            var listedBy = essentialFor[i] + optionalFor[i];
            var listedByOthers = Math.Max(0, listedBy - 1);
            var specificity = 1.0 / (1.0 + (listedByOthers < Log10OnePlus.Length ? Log10OnePlus[listedByOthers] : Math.Log10(1 + listedByOthers)));
            var relevance = weight * (0.5 + (0.5 * specificity));
            if (seed != 0)
            {
                relevance += 0.1 * Jitter(seed, skills[i]);
            }

            span[i].Relevance = relevance;
        }
    }

    /// <summary>
    /// Where each candidate's group path starts (the number of its first broader concept, -1 for none) and, for
    /// paths longer than one step, each start's whole path as numbers (by start; null for one-step paths).
    /// </summary>
    private async ValueTask<(int[] Start, int[]?[]? Above)> GroupPathsAsync(NeighbourLists allBroader, int depth, ConceptNumbering named, Dictionary<ConceptUri, IReadOnlyList<ConceptUri>> paths, CancellationToken cancellationToken)
    {
        var start = new int[allBroader.Count];
        var above = depth > 1 ? new List<int[]?>() : null;
        for (var i = 0; i < start.Length; i++)
        {
            var direct = allBroader[i];
            if (direct.Count == 0 || depth == 0)
            {
                start[i] = -1;
                continue;
            }

            var first = start[i] = named.Of(direct[0]);
            if (above is not null && (first >= above.Count || above[first] is null))
            {
                var chain = await graph.BroaderPathAsync(direct[0], depth - 1, paths, cancellationToken).ConfigureAwait(false);
                var numbers = new int[chain.Count + 1];
                numbers[0] = first;
                for (var j = 0; j < chain.Count; j++)
                {
                    numbers[j + 1] = named.Of(chain[j]);
                }

                while (above.Count <= first)
                {
                    above.Add(null);
                }

                above[first] = numbers;
            }
        }

        return (start, above is null ? null : [.. above]);
    }

    /// <summary>Cuts the candidates (best first) to the node budget: which enter, how many nodes the context has, and whether any was left out.</summary>
    private static (List<int> Chosen, int Nodes, bool Truncated) CutToBudget(int[] pathStart, int[]?[]? pathsAbove, int[] hierarchy, int namedCount, int maxNodes)
    {
        var nodes = hierarchy.Length;
        var inContext = new bool[namedCount];
        foreach (var n in hierarchy)
        {
            inContext[n] = true;
        }

        var chosen = new List<int>(pathStart.Length);
        var truncated = false;
        for (var i = 0; i < pathStart.Length; i++)
        {
            ReadOnlySpan<int> path = pathStart[i] < 0 ? [] : pathsAbove is null ? new ReadOnlySpan<int>(in pathStart[i]) : pathsAbove[pathStart[i]];
            var cost = 1;
            foreach (var n in path)
            {
                cost += inContext[n] ? 0 : 1;
            }

            if (nodes + cost > maxNodes)
            {
                truncated = true;
                continue;
            }

            nodes += cost;
            foreach (var n in path)
            {
                inContext[n] = true;
            }

            chosen.Add(i);
        }

        return (chosen, nodes, truncated);
    }

    /// <summary>A deterministic number in [0, 1) from the seed and the URI (FNV-1a; stable across runs and platforms).</summary>
    internal static double Jitter(int seed, ConceptUri uri)
    {
        var hash = StableHash.Fnv1a32(uri.Value, StableHash.Offset32 ^ (uint)seed);
        hash ^= hash >> 15;
        hash *= 2246822519u;
        hash ^= hash >> 13;
        return (hash & 0xFFFFFF) / (double)0x1000000;
    }

    /// <summary>
    /// A skill that may enter the context. <see cref="UriRank"/>: its place in URI order among the occupation's own
    /// skills, -1 for a linked skill. Ordered best first: by relevance, ties by URI (by rank where both have one,
    /// so that sorting the occupation's own skills compares no strings).
    /// </summary>
    private record struct Candidate(ConceptUri Uri, ContextRelation Relation, int UriRank, ConceptUri? RelatedTo) : IComparable<Candidate>
    {
        public double Relevance { get; set; }

        public readonly int CompareTo(Candidate other) =>
            Relevance != other.Relevance ? other.Relevance.CompareTo(Relevance)
            : UriRank >= 0 && other.UriRank >= 0 ? UriRank.CompareTo(other.UriRank)
            : Uri.CompareTo(other.Uri);
    }
}
