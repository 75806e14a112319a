using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>The integrity rules (<see cref="IntegrityRules"/>), each a check against the graph as it is before the write; a violation throws.</summary>
public static class GraphIntegrity
{
    /// <summary>The concepts at <paramref name="uris"/>, each existing and not deprecated; <paramref name="field"/> names the input.</summary>
    public static async ValueTask<Concept[]> RequireLiveAsync(IGraphStore graph, string field, IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken)
    {
        var concepts = await graph.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < uris.Count; i++)
        {
            if (concepts[i] is null)
            {
                throw new IntegrityViolationException(IntegrityRules.MissingConcept, field, [uris[i]], $"{field}: no concept has the URI {uris[i]}.");
            }

            if (concepts[i]!.Status == CurationDraft.Deprecated)
            {
                throw new IntegrityViolationException(IntegrityRules.DeprecatedConcept, field, [uris[i]], $"{field}: {Name(concepts[i]!)} is deprecated; relate a concept that is not.");
            }
        }

        return [.. concepts.Select(c => c!)];
    }

    /// <summary>A relation of <paramref name="type"/> may join <paramref name="from"/> to <paramref name="to"/> (kinds, and not a concept to itself).</summary>
    public static void CheckKinds(RelationType type, Concept from, Concept to)
    {
        var allowed = type switch
        {
            RelationType.EssentialSkill or RelationType.OptionalSkill => from.Kind == ConceptKind.Occupation && to.Kind == ConceptKind.Skill,
            RelationType.EssentialRelatedSkill or RelationType.OptionalRelatedSkill => from.Kind == ConceptKind.Skill && to.Kind == ConceptKind.Skill,
            RelationType.Broader => (from.Kind, to.Kind) switch
            {
                (ConceptKind.Skill, ConceptKind.Skill or ConceptKind.SkillGroup) => true,
                (ConceptKind.SkillGroup, ConceptKind.SkillGroup) => true,
                (ConceptKind.Occupation, ConceptKind.Occupation or ConceptKind.IscoGroup) => true,
                (ConceptKind.IscoGroup, ConceptKind.IscoGroup) => true,
                _ => false,
            },
            _ => false,
        };
        if (!allowed || from.Uri == to.Uri)
        {
            throw new IntegrityViolationException(
                IntegrityRules.WrongKind,
                "to",
                [from.Uri, to.Uri],
                from.Uri == to.Uri
                    ? $"a concept cannot be related to itself ({Name(from)})."
                    : $"a {CurationDraft.FieldOf(type)} relation cannot go from {Name(from)} ({from.Kind}) to {Name(to)} ({to.Kind}).");
        }
    }

    /// <summary>Making <paramref name="narrower"/> narrower than <paramref name="broader"/> must not close a cycle: <paramref name="narrower"/> may not be above <paramref name="broader"/>.</summary>
    public static async ValueTask CheckNoCycleAsync(IGraphStore graph, Concept narrower, Concept broader, CancellationToken cancellationToken)
    {
        var seen = new HashSet<ConceptUri> { broader.Uri };
        var level = new List<ConceptUri> { broader.Uri };
        var path = new Dictionary<ConceptUri, ConceptUri>();
        while (level.Count > 0)
        {
            var up = await graph.GetAllNeighboursManyAsync(level, RelationType.Broader, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
            var next = new List<ConceptUri>();
            for (var i = 0; i < level.Count; i++)
            {
                foreach (var above in up[i])
                {
                    if (above == narrower.Uri)
                    {
                        var cycle = new List<ConceptUri> { narrower.Uri, level[i] };
                        for (var at = level[i]; path.TryGetValue(at, out var below); at = below)
                        {
                            cycle.Add(below);
                        }

                        cycle.Reverse();
                        throw new IntegrityViolationException(
                            IntegrityRules.BroaderCycle,
                            "to",
                            cycle,
                            $"{Name(narrower)} is already broader than {Name(broader)} (through {string.Join(" → ", cycle)}): the relation would close a cycle in the hierarchy.");
                    }

                    if (seen.Add(above))
                    {
                        path[above] = level[i];
                        next.Add(above);
                    }
                }
            }

            level = next;
        }
    }

    /// <summary>
    /// One preferred label per language (the English one is <see cref="Concept.PreferredLabel"/>); no other concept of the
    /// kind has the same preferred label unless <paramref name="allowDuplicate"/>; a label that is another concept's
    /// preferred or alternative label is a warning.
    /// </summary>
    public static async ValueTask CheckLabelsAsync(IGraphStore graph, Concept concept, bool allowDuplicate, CurationDraft draft, CancellationToken cancellationToken)
    {
        var preferredByLanguage = concept.Labels.Where(l => l.Kind == LabelKind.Preferred).GroupBy(l => l.Language).FirstOrDefault(g => g.Key == "en" || g.Count() > 1);
        if (string.IsNullOrWhiteSpace(concept.PreferredLabel) || preferredByLanguage is not null)
        {
            throw new IntegrityViolationException(IntegrityRules.PreferredLabel, "preferredLabel", [concept.Uri], $"{concept.Uri} must have exactly one preferred label in {preferredByLanguage?.Key ?? "en"}.");
        }

        var label = LabelText.Normalize(concept.PreferredLabel);
        foreach (var hit in await graph.SearchAsync(new SearchQuery(concept.PreferredLabel, concept.Kind, 20), cancellationToken).ConfigureAwait(false))
        {
            if (hit.Uri == concept.Uri || LabelText.Normalize(hit.MatchedLabel) != label)
            {
                continue;
            }

            if (hit.MatchedLabelKind == LabelKind.Preferred && !allowDuplicate)
            {
                throw new IntegrityViolationException(
                    IntegrityRules.DuplicateLabel,
                    "preferredLabel",
                    [concept.Uri, hit.Uri],
                    $"preferredLabel: '{concept.PreferredLabel}' is already the preferred label of {hit.PreferredLabel} ({hit.Uri}); choose another or set allowDuplicateLabel.");
            }

            draft.Warn($"preferredLabel '{concept.PreferredLabel}' is also the {(hit.MatchedLabelKind == LabelKind.Preferred ? "preferred" : "alternative")} label of {hit.PreferredLabel} ({hit.Uri}).");
        }

        foreach (var alt in concept.AltLabels())
        {
            var normalized = LabelText.Normalize(alt);
            foreach (var hit in await graph.SearchAsync(new SearchQuery(alt, null, 20), cancellationToken).ConfigureAwait(false))
            {
                if (hit.Uri != concept.Uri && hit.MatchedLabelKind == LabelKind.Preferred && LabelText.Normalize(hit.MatchedLabel) == normalized)
                {
                    draft.Warn($"altLabel '{alt}' is the preferred label of {hit.PreferredLabel} ({hit.Uri}).");
                }
            }
        }
    }

    /// <summary>An occupation keeps at least one essential skill after <paramref name="skill"/> is removed from it (and what the draft already changed).</summary>
    public static async ValueTask CheckKeepsEssentialAsync(CurationDraft draft, Concept occupation, ConceptUri skill, CancellationToken cancellationToken)
    {
        var essential = (await draft.Graph.AllNeighboursAsync(occupation.Uri, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false)).ToHashSet();
        bool Mine(Relation r) => r.Source == occupation.Uri && r.Type == RelationType.EssentialSkill;
        essential.ExceptWith(draft.Removed.Where(Mine).Select(r => r.Target));
        essential.UnionWith(draft.Added.Where(Mine).Select(r => r.Target));
        essential.Remove(skill);
        if (essential.Count == 0)
        {
            throw new IntegrityViolationException(
                IntegrityRules.LastEssentialSkill,
                "to",
                [occupation.Uri, skill],
                $"{Name(occupation)} would keep no essential skill; add another essential skill first.");
        }
    }

    private static string Name(Concept concept) => $"'{concept.PreferredLabel}' ({concept.Uri})";
}
