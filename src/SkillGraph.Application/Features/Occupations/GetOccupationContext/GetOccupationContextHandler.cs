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

        var candidates = new List<Candidate>(essential.Count + optional.Count);
        var inContext = new HashSet<ConceptUri>();
        await AddCandidatesAsync(candidates, essential, ContextRelation.Essential, 1.0, null, query.Seed, cancellationToken).ConfigureAwait(false);
        var essentialSet = essential.ToHashSet();
        await AddCandidatesAsync(candidates, [.. optional.Where(o => !essentialSet.Contains(o))], ContextRelation.Optional, 0.5, null, query.Seed, cancellationToken).ConfigureAwait(false);
        // k hops further: the skills linked (skill–skill relations) to the skills already in, weighted lower.
        var frontier = query.Hops == 0 ? [] : candidates.Select(c => c.Uri).ToList();
        inContext.UnionWith(frontier);
        for (var hop = 1; hop <= query.Hops && frontier.Count > 0; hop++)
        {
            var linked = new List<(ConceptUri Skill, ConceptUri From)>();
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
                                linked.Add((skill, frontier[i]));
                            }
                        }
                    }
                }
            }

            var before = candidates.Count;
            await AddCandidatesAsync(candidates, [.. linked.Select(l => l.Skill)], ContextRelation.Related, hop == 1 ? 0.3 : 0.15, [.. linked.Select(l => l.From)], query.Seed, cancellationToken).ConfigureAwait(false);
            frontier = [.. candidates.Skip(before).Select(c => c.Uri)];
        }

        candidates.Sort((a, b) => b.Relevance != a.Relevance ? b.Relevance.CompareTo(a.Relevance) : a.Uri.CompareTo(b.Uri));

        // Every candidate's direct broader concepts in one batch; the group path starts at the first of them.
        var candidateUris = new ConceptUri[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            candidateUris[i] = candidates[i].Uri;
        }

        var allBroader = await graph.AllNeighboursOfManyAsync(candidateUris, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);

        // Cut to the node budget.
        var nodes = hierarchy.Count;
        var groupsIn = new HashSet<ConceptUri>(candidates.Count + hierarchy.Count);
        groupsIn.UnionWith(hierarchy);
        var chosen = new List<(Candidate Candidate, IReadOnlyList<ConceptUri> Path)>(candidates.Count);
        var broaderPages = new List<ArraySegment<ConceptUri>>(candidates.Count);
        var truncated = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            var direct = allBroader[i];
            IReadOnlyList<ConceptUri> path = direct.Count == 0 || query.GroupPathDepth == 0 ? []
                : query.GroupPathDepth == 1 ? [direct[0]]
                : [direct[0], .. await graph.BroaderPathAsync(direct[0], query.GroupPathDepth - 1, paths, cancellationToken).ConfigureAwait(false)];
            var cost = 1;
            foreach (var p in path)
            {
                cost += groupsIn.Contains(p) ? 0 : 1;
            }

            if (nodes + cost > query.MaxNodes)
            {
                truncated = true;
                continue;
            }

            nodes += cost;
            groupsIn.UnionWith(path);
            chosen.Add((candidates[i], path));
            broaderPages.Add(allBroader[i]);
        }

        // Resolve every named concept once: the chosen skills (aligned with `chosen`), then the rest by URI.
        var chosenUris = new ConceptUri[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
        {
            chosenUris[i] = chosen[i].Candidate.Uri;
        }

        var chosenConcepts = await graph.GetConceptsAsync(chosenUris, cancellationToken).ConfigureAwait(false);
        var refs = new Dictionary<ConceptUri, ConceptRef>(chosen.Count * 2);
        for (var i = 0; i < chosen.Count; i++)
        {
            refs[chosenUris[i]] = ConceptRef.Of(chosenConcepts[i]!);
        }

        var others = new HashSet<ConceptUri>(groupsIn.Count + occupationBroader.Count + chosen.Count);
        others.UnionWith(hierarchy);
        others.UnionWith(occupationBroader);
        others.UnionWith(groupsIn);
        foreach (var page in broaderPages)
        {
            foreach (var uri in page)
            {
                others.Add(uri);
            }
        }

        foreach (var (candidate, _) in chosen)
        {
            if (candidate.RelatedTo is { } from)
            {
                others.Add(from);
            }
        }

        others.ExceptWith(refs.Keys);
        var otherUris = others.ToArray();
        var otherConcepts = await graph.GetConceptsAsync(otherUris, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < otherUris.Length; i++)
        {
            refs[otherUris[i]] = ConceptRef.Of(otherConcepts[i]!);
        }

        // Generic so that the neighbour segments (structs) are read without boxing.
        ConceptRef[] Refs<TList>(TList uris)
            where TList : IReadOnlyList<ConceptUri>
        {
            var result = new ConceptRef[uris.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = refs[uris[i]];
            }

            return result;
        }

        var skills = new List<ContextSkill>(chosen.Count);
        for (var i = 0; i < chosen.Count; i++)
        {
            var (candidate, path) = chosen[i];
            var concept = chosenConcepts[i]!;
            skills.Add(new ContextSkill(
                refs[concept.Uri],
                candidate.Relation,
                Math.Round(candidate.Relevance, 4),
                concept.SkillType,
                concept.ReuseLevel,
                concept.Description,
                concept.AltLabels(),
                Refs(broaderPages[i]),
                Refs(path),
                candidate.RelatedTo is { } from ? refs[from] : null));
        }

        return new OccupationContext(
            ConceptRef.Of(occupation),
            occupation.Description,
            occupation.Code,
            [.. occupation.AltLabels()],
            Refs(occupationBroader),
            Refs(hierarchy),
            skills,
            essential.Count,
            optional.Count,
            nodes,
            truncated,
            query.Seed);
    }

    private async ValueTask AddCandidatesAsync(List<Candidate> candidates, IReadOnlyList<ConceptUri> skills, ContextRelation relation, double weight, IReadOnlyList<ConceptUri>? relatedTo, int seed, CancellationToken cancellationToken)
    {
        if (skills.Count == 0)
        {
            return;
        }

        // How many occupations list each skill at all: a skill few occupations list says more about this one.
        var essentialFor = await graph.CountNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalFor = await graph.CountNeighboursManyAsync(skills, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < skills.Count; i++)
        {
            var listedBy = essentialFor[i] + optionalFor[i];
            var listedByOthers = Math.Max(0, listedBy - 1);
            var specificity = 1.0 / (1.0 + (listedByOthers < Log10OnePlus.Length ? Log10OnePlus[listedByOthers] : Math.Log10(1 + listedByOthers)));
            var relevance = weight * (0.5 + (0.5 * specificity));
            if (seed != 0)
            {
                relevance += 0.1 * Jitter(seed, skills[i]);
            }

            candidates.Add(new Candidate(skills[i], relation, relevance, relatedTo?[i]));
        }
    }

    /// <summary>A deterministic number in [0, 1) from the seed and the URI (FNV-1a; stable across runs and platforms).</summary>
    internal static double Jitter(int seed, ConceptUri uri)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in uri.Value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash ^= hash >> 15;
        hash *= 2246822519u;
        hash ^= hash >> 13;
        return (hash & 0xFFFFFF) / (double)0x1000000;
    }

    private readonly record struct Candidate(ConceptUri Uri, ContextRelation Relation, double Relevance, ConceptUri? RelatedTo);
}
