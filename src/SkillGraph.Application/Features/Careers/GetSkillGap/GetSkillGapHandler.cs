using System.Globalization;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Careers.GetSkillGap;

/// <summary>
/// Covered = held ∩ required. A missing skill is partly covered by a held skill one or two broader-steps below it
/// (a more specific skill: credit 0.75 / 0.5) or one step above it (a more general one: 0.5). Missing skills are
/// ranked by priority = (1 − credit) × (0.5 + 0.5 × how widely the skill is required across occupations),
/// so an uncovered, widely useful skill comes first; ties by label.
/// </summary>
public sealed class GetSkillGapHandler(IGraphStore graph) : IQueryHandler<GetSkillGap, SkillGap>
{
    /// <summary>A text phrase resolves to a skill when the best label match scores at least this.</summary>
    public const double MinTextMatchScore = 0.6;

    private static readonly char[] Separators = [',', ';', '\n', '\r', '•', '|'];

    private static readonly double LogOccupations = Math.Log(3001);

    // ln(1 + n) for the reach counts a skill can have in ESCO; larger counts are computed.
    private static readonly double[] LogOnePlus = [.. Enumerable.Range(0, 4096).Select(n => Math.Log(1 + n))];

    // Walking up from a held skill finds what it is narrower than (one or two steps), walking down what it is
    // broader than (one step: a skill two steps more general says too little, and the fan-out is large).
    private static readonly (Direction Direction, string How, double Near, double Far)[] Walks =
        [(Direction.Outgoing, "narrower", 0.75, 0.5), (Direction.Incoming, "broader", 0.5, 0.0)];

    public async ValueTask<SkillGap> Handle(GetSkillGap query, CancellationToken cancellationToken)
    {
        // The occupation and the held skills in one batch.
        var asked = await graph.GetConceptsAsync([query.Occupation, .. query.HeldSkills], cancellationToken).ConfigureAwait(false);
        var occupation = GraphReads.Require(asked[0], query.Occupation, ConceptKind.Occupation);
        var held = new Dictionary<ConceptUri, HeldSkill>(query.HeldSkills.Count);
        var unknown = new List<string>();
        for (var i = 0; i < query.HeldSkills.Count; i++)
        {
            if (asked[i + 1] is { Kind: ConceptKind.Skill } concept)
            {
                held.TryAdd(concept.Uri, new HeldSkill(ConceptRef.Of(concept), null, null));
            }
            else
            {
                unknown.Add(query.HeldSkills[i].Value);
            }
        }

        if (unknown.Count > 0)
        {
            throw new ConceptNotFoundException($"heldSkillUris: no skill has the URI {string.Join(", ", unknown.Take(5))}");
        }

        var unresolved = new List<string>();
        var phrases = string.IsNullOrWhiteSpace(query.HeldSkillsText) ? [] : query.HeldSkillsText.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var phrase in phrases)
        {
            var hits = await graph.SearchAsync(new SearchQuery(phrase, ConceptKind.Skill, 1), cancellationToken).ConfigureAwait(false);
            if (hits.Count > 0 && hits[0].Score >= MinTextMatchScore)
            {
                held.TryAdd(hits[0].Uri, new HeldSkill(new ConceptRef(hits[0].Uri, hits[0].PreferredLabel, ConceptKind.Skill), phrase, hits[0].Score));
            }
            else
            {
                unresolved.Add(phrase);
            }
        }

        var essential = await graph.AllNeighboursAsync(occupation.Uri, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        // Neighbour lists come sorted by URI (the port's contract): set operations are merges, not hash sets.
        var optional = SortedExcept(
            await graph.AllNeighboursAsync(occupation.Uri, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false),
            essential);

        var missingEssential = new List<ConceptUri>(essential.Count);
        var coveredEssentialUris = new List<ConceptUri>();
        foreach (var skill in essential)
        {
            (held.ContainsKey(skill) ? coveredEssentialUris : missingEssential).Add(skill);
        }

        var missingOptional = new List<ConceptUri>(optional.Count);
        var coveredOptionalUris = new List<ConceptUri>();
        foreach (var skill in optional)
        {
            (held.ContainsKey(skill) ? coveredOptionalUris : missingOptional).Add(skill);
        }

        var covers = await FindPartialCoversAsync(held, missingEssential, missingOptional, cancellationToken).ConfigureAwait(false);
        var essentialReach = await graph.CountNeighboursManyAsync(missingEssential, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        var optionalReach = await graph.CountNeighboursManyAsync(missingOptional, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);

        // The missing skills, essential then optional, in one batch.
        var missingConcepts = await graph.GetConceptsAsync([.. missingEssential, .. missingOptional], cancellationToken).ConfigureAwait(false);

        List<MissingSkill> Missing(List<ConceptUri> skills, int offset, IReadOnlyList<int> reach, bool isEssential)
        {
            var list = new List<MissingSkill>(skills.Count);
            for (var i = 0; i < skills.Count; i++)
            {
                var concept = missingConcepts[offset + i];
                covers.TryGetValue(skills[i], out var cover);
                var widely = Math.Min(1.0, (reach[i] < LogOnePlus.Length ? LogOnePlus[reach[i]] : Math.Log(1 + reach[i])) / LogOccupations);
                var priority = (1 - (cover?.Credit ?? 0)) * (0.5 + (0.5 * widely)) * (isEssential ? 1.0 : 0.5);
                list.Add(new MissingSkill(ConceptRef.Of(concept!), isEssential, Math.Round(priority, 4), cover, occupation.PreferredLabel));
            }

            list.Sort(static (a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : string.CompareOrdinal(a.Skill.Label, b.Skill.Label));
            return list;
        }

        // Covered skills are held skills: reuse what the held list already resolved.
        List<ConceptRef> Covered(List<ConceptUri> skills)
        {
            var list = new List<ConceptRef>(skills.Count);
            foreach (var skill in skills)
            {
                list.Add(held[skill].Skill);
            }

            return list;
        }

        var coveredEssential = Covered(coveredEssentialUris);
        var coveredOptional = Covered(coveredOptionalUris);
        var coverage = essential.Count == 0 ? 1.0 : coveredEssential.Count / (double)essential.Count;
        var essentialMissing = Missing(missingEssential, 0, essentialReach, true);
        var optionalMissing = Missing(missingOptional, missingEssential.Count, optionalReach, false);
        return new SkillGap(ConceptRef.Of(occupation), [.. held.Values], unresolved, coveredEssential, coveredOptional,
            essentialMissing, optionalMissing, Math.Round(coverage, 4));
    }

    /// <summary>
    /// The skills that held skills partly cover, walking from the held skills one and two broader-steps up (the
    /// held skill is narrower than what it covers) and down (it is broader); the best credit wins.
    /// </summary>
    private async ValueTask<Dictionary<ConceptUri, PartialCover>> FindPartialCoversAsync(Dictionary<ConceptUri, HeldSkill> held, List<ConceptUri> missingEssential, List<ConceptUri> missingOptional, CancellationToken cancellationToken)
    {
        var covers = new Dictionary<ConceptUri, PartialCover>();
        var missing = new HashSet<ConceptUri>(missingEssential.Count + missingOptional.Count);
        missing.UnionWith(missingEssential);
        missing.UnionWith(missingOptional);
        if (held.Count == 0 || missing.Count == 0)
        {
            return covers;
        }

        var heldList = held.Keys.ToList();
        foreach (var (direction, how, near, far) in Walks)
        {
            // One batch per level: the held skills' neighbours, then all of those neighbours' neighbours.
            var level1 = await graph.AllNeighboursOfManyAsync(heldList, RelationType.Broader, direction, cancellationToken).ConfigureAwait(false);
            var nextUris = new List<ConceptUri>(level1.TotalCount);
            var nextFrom = new List<ConceptRef>(level1.TotalCount);
            for (var i = 0; i < heldList.Count; i++)
            {
                var heldSkill = held[heldList[i]].Skill;
                foreach (var target in level1[i])
                {
                    Offer(target, heldSkill, how, near);
                    nextUris.Add(target);
                    nextFrom.Add(heldSkill);
                }
            }

            if (far <= 0 || nextUris.Count == 0)
            {
                continue;
            }

            // Only a skill can be a step between two skills: skip the skill groups above held skills.
            var kinds = await graph.GetConceptsAsync(nextUris, cancellationToken).ConfigureAwait(false);
            var keep = 0;
            for (var i = 0; i < nextUris.Count; i++)
            {
                if (kinds[i]?.Kind == ConceptKind.Skill)
                {
                    nextUris[keep] = nextUris[i];
                    nextFrom[keep] = nextFrom[i];
                    keep++;
                }
            }

            nextUris.RemoveRange(keep, nextUris.Count - keep);
            nextFrom.RemoveRange(keep, nextFrom.Count - keep);
            var level2 = await graph.AllNeighboursOfManyAsync(nextUris, RelationType.Broader, direction, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < nextUris.Count; i++)
            {
                foreach (var target in level2[i])
                {
                    Offer(target, nextFrom[i], how, far);
                }
            }
        }

        return covers;

        void Offer(ConceptUri target, ConceptRef heldSkill, string how, double credit)
        {
            if (missing.Contains(target) && (!covers.TryGetValue(target, out var current) || current.Credit < credit))
            {
                covers[target] = new PartialCover(heldSkill, how, credit);
            }
        }
    }

    /// <summary>The items of <paramref name="sorted"/> that are not in <paramref name="exclude"/> (both sorted by URI).</summary>
    private static List<ConceptUri> SortedExcept(IReadOnlyList<ConceptUri> sorted, IReadOnlyList<ConceptUri> exclude)
    {
        var result = new List<ConceptUri>(sorted.Count);
        var j = 0;
        foreach (var item in sorted)
        {
            while (j < exclude.Count && exclude[j].CompareTo(item) < 0)
            {
                j++;
            }

            if (j >= exclude.Count || !exclude[j].Equals(item))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
