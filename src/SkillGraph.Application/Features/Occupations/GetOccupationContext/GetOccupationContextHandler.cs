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
/// Three reads of the graph whatever the occupation (each hop adds one, <see cref="IGraphStore.GetSkillLinksAsync"/>): its skills with their listing counts
/// (<see cref="IGraphStore.GetOccupationSkillsAsync"/>), one walk up the broader relation for its hierarchy and every
/// candidate's group path (<see cref="IGraphStore.GetNeighbourhoodAsync"/>), one batch of concepts for the answer.
/// Each URI the walk meets besides the skills themselves is hashed once (<see cref="ConceptNumbering"/>); the budget
/// and the answer then work on numbers, and concepts are resolved in two batches (the chosen skills, the rest).
/// </remarks>
public sealed class GetOccupationContextHandler(IGraphStore graph) : IQueryHandler<GetOccupationContext, OccupationContext>
{
    private const int HierarchyDepth = 8;

    // log10(1 + n) for the counts of occupations a skill can have in ESCO; larger counts are computed.
    private static readonly double[] Log10OnePlus = [.. Enumerable.Range(0, 4096).Select(n => Math.Log10(1 + n))];

    public async ValueTask<OccupationContext> Handle(GetOccupationContext query, CancellationToken cancellationToken)
    {
        // Read 1: the occupation's skills, with how many occupations list each.
        var listed = await graph.GetOccupationSkillsAsync(query.Occupation, cancellationToken).ConfigureAwait(false);
        var candidates = EssentialThenOptional(listed);
        Score(candidates, 0, 0, query.Seed);
        if (query.Hops > 0)
        {
            await AddLinkedSkillsAsync(candidates, query.Hops, query.Seed, cancellationToken).ConfigureAwait(false);
        }

        CollectionsMarshal.AsSpan(candidates).Sort(); // best first (Candidate.CompareTo)

        // Read 2, one walk up the broader relation: the occupation's hierarchy, and every candidate's direct broader
        // concepts and group path (start i + 1 is candidate i).
        var starts = new WalkStart[candidates.Count + 1];
        starts[0] = new WalkStart(query.Occupation, HierarchyDepth);
        var skillDepth = Math.Max(1, query.GroupPathDepth);
        for (var i = 0; i < candidates.Count; i++)
        {
            starts[i + 1] = new WalkStart(candidates[i].Uri, skillDepth);
        }

        var up = await graph.GetNeighbourhoodAsync(starts, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var hierarchy = up.FirstNeighbourPath(query.Occupation, HierarchyDepth);
        var occupationBroader = up.OfStart(0);
        var named = new ConceptNumbering(candidates.Count + hierarchy.Count + occupationBroader.Count);
        var hierarchyNumbers = named.Of(hierarchy);
        var (pathStart, pathsAbove) = GroupPaths(up, candidates.Count, query.GroupPathDepth, named);
        var (chosen, nodes, truncated) = CutToBudget(pathStart, pathsAbove, hierarchyNumbers, named.Count, query.MaxNodes);

        // Number what the answer names besides the skills.
        var broaderOffsets = new int[chosen.Count + 1];
        for (var k = 0; k < chosen.Count; k++)
        {
            broaderOffsets[k + 1] = broaderOffsets[k] + up.OfStart(chosen[k] + 1).Count;
        }

        var broaderNumbers = new int[broaderOffsets[^1]];
        var relatedToNumbers = new int[chosen.Count];
        for (var k = 0; k < chosen.Count; k++)
        {
            var direct = up.OfStart(chosen[k] + 1);
            for (var j = 0; j < direct.Count; j++)
            {
                broaderNumbers[broaderOffsets[k] + j] = j == 0 && pathStart[chosen[k]] >= 0 ? pathStart[chosen[k]] : named.Of(direct[j]);
            }

            relatedToNumbers[k] = candidates[chosen[k]].RelatedTo is { } from ? named.Of(from) : -1;
        }

        var occupationBroaderNumbers = named.Of(occupationBroader);

        // Read 3: the occupation, the chosen skills, then the named concepts, in one batch.
        var wanted = new ConceptUri[1 + chosen.Count + named.Count];
        wanted[0] = query.Occupation;
        for (var k = 0; k < chosen.Count; k++)
        {
            wanted[1 + k] = candidates[chosen[k]].Uri;
        }

        for (var n = 0; n < named.Count; n++)
        {
            wanted[1 + chosen.Count + n] = named.Uris[n];
        }

        var resolved = await graph.GetConceptsAsync(wanted, cancellationToken).ConfigureAwait(false);
        var occupation = GraphReads.Require(resolved[0], query.Occupation, ConceptKind.Occupation);
        var refs = new ConceptRef[named.Count];
        for (var n = 0; n < refs.Length; n++)
        {
            refs[n] = ConceptRef.Of(resolved[1 + chosen.Count + n]!);
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
            var concept = resolved[1 + k]!;
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
            listed.Essential.Count,
            listed.Optional.Count,
            nodes,
            truncated,
            query.Seed);
    }

    /// <summary>
    /// The essential skills, then the optional ones that are not also essential, each in URI order (the order the
    /// store gives them), with how many occupations list each; <see cref="Candidate.UriRank"/> is a skill's place in
    /// URI order among all of them, found by merging the two lists, so that ties in relevance are later broken
    /// without comparing strings.
    /// </summary>
    private static List<Candidate> EssentialThenOptional(OccupationSkills listed)
    {
        var (essential, optional) = (listed.Essential, listed.Optional);
        var candidates = new List<Candidate>(essential.Count + optional.Count);
        for (var i = 0; i < essential.Count; i++)
        {
            candidates.Add(new Candidate(essential[i], ContextRelation.Essential, 0, null) { ListedBy = listed.EssentialListedBy[i] });
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
                candidates.Add(new Candidate(optional[o], ContextRelation.Optional, rank++, null) { ListedBy = listed.OptionalListedBy[o] });
                o++;
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
            // One read a hop: the linked skills of the frontier, with how many occupations list each.
            var links = await graph.GetSkillLinksAsync(frontier, cancellationToken).ConfigureAwait(false);
            var before = candidates.Count;
            foreach (var lists in links.All)
            {
                for (var i = 0; i < frontier.Count; i++)
                {
                    foreach (var skill in lists[i])
                    {
                        if (inContext.Add(skill))
                        {
                            candidates.Add(new Candidate(skill, ContextRelation.Related, -1, frontier[i]) { ListedBy = links.ListedBy[skill] });
                        }
                    }
                }
            }

            if (candidates.Count > before)
            {
                Score(candidates, before, hop == 1 ? 0.3 : 0.15, seed);
            }

            frontier = candidates.GetRange(before, candidates.Count - before).ConvertAll(c => c.Uri);
        }
    }

    /// <summary>
    /// Sets the relevance of the candidates from <paramref name="from"/> on (their <see cref="Candidate.ListedBy"/> known):
    /// a skill few occupations list says more about this one. <paramref name="relatedWeight"/> is the weight of linked skills.
    /// </summary>
    private static void Score(List<Candidate> candidates, int from, double relatedWeight, int seed)
    {
        var span = CollectionsMarshal.AsSpan(candidates)[from..];
        for (var i = 0; i < span.Length; i++)
        {
            var weight = span[i].Relation switch
            {
                ContextRelation.Essential => 1.0,
                ContextRelation.Optional => 0.5,
                _ => relatedWeight,
            };
            var listedByOthers = Math.Max(0, span[i].ListedBy - 1);
            var specificity = 1.0 / (1.0 + (listedByOthers < Log10OnePlus.Length ? Log10OnePlus[listedByOthers] : Math.Log10(1 + listedByOthers)));
            var relevance = weight * (0.5 + (0.5 * specificity));
            if (seed != 0)
            {
                relevance += 0.1 * Jitter(seed, span[i].Uri);
            }

            span[i].Relevance = relevance;
        }
    }

    /// <summary>
    /// Where each of the <paramref name="count"/> candidates' group path starts (the number of its first broader
    /// concept, -1 for none) and, for paths longer than one step, each start's whole path as numbers (by start; null
    /// for one-step paths). Candidate i is start i + 1 of the walk <paramref name="up"/>.
    /// </summary>
    private static (int[] Start, int[]?[]? Above) GroupPaths(Neighbourhood up, int count, int depth, ConceptNumbering named)
    {
        var start = new int[count];
        var above = depth > 1 ? new List<int[]?>() : null;
        for (var i = 0; i < start.Length; i++)
        {
            var direct = up.OfStart(i + 1);
            if (direct.Count == 0 || depth == 0)
            {
                start[i] = -1;
                continue;
            }

            var first = start[i] = named.Of(direct[0]);
            if (above is not null && (first >= above.Count || above[first] is null))
            {
                var chain = up.FirstNeighbourPath(direct[0], depth - 1);
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

        /// <summary>How many occupation–skill relations (essential or optional, of any occupation) end at this skill.</summary>
        public int ListedBy { get; set; }

        public readonly int CompareTo(Candidate other) =>
            Relevance != other.Relevance ? other.Relevance.CompareTo(Relevance)
            : UriRank >= 0 && other.UriRank >= 0 ? UriRank.CompareTo(other.UriRank)
            : Uri.CompareTo(other.Uri);
    }
}
