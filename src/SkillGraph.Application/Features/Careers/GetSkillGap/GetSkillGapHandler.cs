using System.Globalization;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Careers.GetSkillGap;

/// <summary>
/// Covered = held ∩ required. A missing skill is partly covered by a held skill one or two broader-steps below it
/// (a more specific skill: credit 0.75 / 0.5) or above it (a more general one: 0.5 / 0.25). Missing skills are
/// ranked by priority = (1 − credit) × (0.5 + 0.5 × how widely the skill is required across occupations),
/// so an uncovered, widely useful skill comes first; ties by label.
/// </summary>
public sealed class GetSkillGapHandler(IGraphStore graph) : IQueryHandler<GetSkillGap, SkillGap>
{
    /// <summary>A text phrase resolves to a skill when the best label match scores at least this.</summary>
    public const double MinTextMatchScore = 0.6;

    private static readonly char[] Separators = [',', ';', '\n', '\r', '•', '|'];

    public async ValueTask<SkillGap> Handle(GetSkillGap query, CancellationToken cancellationToken)
    {
        var occupation = await graph.RequireAsync(query.Occupation, ConceptKind.Occupation, cancellationToken).ConfigureAwait(false);
        var held = new Dictionary<ConceptUri, HeldSkill>();
        var unknown = new List<string>();
        var heldConcepts = await graph.GetConceptsAsync(query.HeldSkills, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < query.HeldSkills.Count; i++)
        {
            if (heldConcepts[i] is { Kind: ConceptKind.Skill } concept)
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
        foreach (var phrase in (query.HeldSkillsText ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
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
        var essentialSet = essential.ToHashSet();
        var optional = (await graph.AllNeighboursAsync(occupation.Uri, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false))
            .Where(s => !essentialSet.Contains(s)).ToList();

        var missingEssential = essential.Where(s => !held.ContainsKey(s)).ToList();
        var missingOptional = optional.Where(s => !held.ContainsKey(s)).ToList();
        var covers = await FindPartialCoversAsync([.. missingEssential, .. missingOptional], held, cancellationToken).ConfigureAwait(false);
        var reach = await ReachAsync([.. missingEssential, .. missingOptional], cancellationToken).ConfigureAwait(false);
        var concepts = await graph.ConceptMapAsync([.. essential, .. optional, .. covers.Values.Select(c => c.HeldSkill.Uri)], cancellationToken).ConfigureAwait(false);

        List<MissingSkill> Missing(IEnumerable<ConceptUri> skills, bool isEssential) =>
        [.. skills.Select(s =>
            {
                covers.TryGetValue(s, out var cover);
                var priority = (1 - (cover?.Credit ?? 0)) * (0.5 + (0.5 * reach[s])) * (isEssential ? 1.0 : 0.5);
                var label = concepts[s].PreferredLabel;
                var reason = (isEssential ? $"{label} is essential for {occupation.PreferredLabel}" : $"{label} is optional for {occupation.PreferredLabel}")
                    + (cover is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; partly covered ({cover.Credit:0.##}) by {cover.HeldSkill.Label}, a {cover.How} skill you hold"));
                return new MissingSkill(ConceptRef.Of(concepts[s]), isEssential, Math.Round(priority, 4), cover, reason);
            })
            .OrderByDescending(m => m.Priority)
            .ThenBy(m => m.Skill.Label, StringComparer.Ordinal)];

        var coveredEssential = essential.Where(held.ContainsKey).Select(s => ConceptRef.Of(concepts[s])).ToList();
        var coveredOptional = optional.Where(held.ContainsKey).Select(s => ConceptRef.Of(concepts[s])).ToList();
        var coverage = essential.Count == 0 ? 1.0 : coveredEssential.Count / (double)essential.Count;
        var essentialMissing = Missing(missingEssential, true);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"You hold {coveredEssential.Count} of the {essential.Count} essential skills of {occupation.PreferredLabel} ({coverage:P0}) and {coveredOptional.Count} of its {optional.Count} optional skills; "
            + $"{missingEssential.Count} essential skills are missing, {covers.Keys.Count(essentialSet.Contains)} of them partly covered by skills you hold.");

        return new SkillGap(ConceptRef.Of(occupation), [.. held.Values], unresolved, coveredEssential, coveredOptional,
            essentialMissing, Missing(missingOptional, false), Math.Round(coverage, 4), summary);
    }

    /// <summary>For each missing skill, the best held skill one or two broader-steps above or below it.</summary>
    private async ValueTask<Dictionary<ConceptUri, PartialCover>> FindPartialCoversAsync(IReadOnlyList<ConceptUri> missing, Dictionary<ConceptUri, HeldSkill> held, CancellationToken cancellationToken)
    {
        var covers = new Dictionary<ConceptUri, PartialCover>();
        if (held.Count == 0 || missing.Count == 0)
        {
            return covers;
        }

        void Offer(ConceptUri skill, ConceptUri candidate, string how, double credit)
        {
            if (held.TryGetValue(candidate, out var h) && (!covers.TryGetValue(skill, out var current) || current.Credit < credit))
            {
                covers[skill] = new PartialCover(h.Skill, how, credit);
            }
        }

        foreach (var (direction, how, credits) in ((Direction, string, double[])[])[(Direction.Incoming, "narrower", [0.75, 0.5]), (Direction.Outgoing, "broader", [0.5, 0.25])])
        {
            var level1 = await graph.AllNeighboursOfManyAsync(missing, RelationType.Broader, direction, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                var first = level1[i].Items;
                foreach (var near in first)
                {
                    Offer(missing[i], near, how, credits[0]);
                }

                if (first.Count == 0)
                {
                    continue;
                }

                var level2 = await graph.AllNeighboursOfManyAsync(first, RelationType.Broader, direction, cancellationToken).ConfigureAwait(false);
                foreach (var page in level2)
                {
                    foreach (var far in page.Items)
                    {
                        Offer(missing[i], far, how, credits[1]);
                    }
                }
            }
        }

        return covers;
    }

    /// <summary>How widely each skill is required, in [0, 1]: log(1 + occupations requiring it) / log(1 + 3,000).</summary>
    private async ValueTask<Dictionary<ConceptUri, double>> ReachAsync(IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken)
    {
        var essentialFor = await graph.GetNeighboursManyAsync(skills, RelationType.EssentialSkill, Direction.Incoming, new PageRequest(0), cancellationToken).ConfigureAwait(false);
        var reach = new Dictionary<ConceptUri, double>(skills.Count);
        for (var i = 0; i < skills.Count; i++)
        {
            reach[skills[i]] = Math.Min(1.0, Math.Log(1 + essentialFor[i].TotalCount) / Math.Log(3001));
        }

        return reach;
    }
}
