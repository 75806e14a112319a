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

    // ln(1 + n) for the reach counts a skill can have in ESCO; larger counts are computed.
    private static readonly double[] LogOnePlus = [.. Enumerable.Range(0, 4096).Select(n => Math.Log(1 + n))];

    // Walking up from a held skill finds what it is narrower than (one or two steps), walking down what it is
    // broader than (one step: a skill two steps more general says too little, and the fan-out is large).
    private const string NarrowerThan = "narrower";
    private const string BroaderThan = "broader";
    private const double NearNarrower = 0.75;
    private const double FarNarrower = 0.5;
    private const double NearBroader = 0.5;

    public async ValueTask<SkillGap> Handle(GetSkillGap query, CancellationToken cancellationToken)
    {
        // Read 1 (only with text): every phrase's best skill label, in one batch of searches.
        var phrases = string.IsNullOrWhiteSpace(query.HeldSkillsText) ? [] : query.HeldSkillsText.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = phrases.Length == 0
            ? []
            : await graph.SearchManyAsync([.. phrases.Select(p => new SearchQuery(p, ConceptKind.Skill, 1))], cancellationToken).ConfigureAwait(false);
        var fromText = new List<(SearchHit Hit, string Phrase)>(phrases.Length);
        var unresolved = new List<string>();
        for (var i = 0; i < phrases.Length; i++)
        {
            if (found[i] is [var best, ..] && best.Score >= MinTextMatchScore)
            {
                fromText.Add((best, phrases[i]));
            }
            else
            {
                unresolved.Add(phrases[i]);
            }
        }

        // Read 2: the occupation, its skills and the broader relations around the held skills.
        var graphAround = await graph.GetSkillGapGraphAsync(query.Occupation, [.. query.HeldSkills, .. fromText.Select(t => t.Hit.Uri)], cancellationToken).ConfigureAwait(false);
        var occupation = GraphReads.Require(graphAround.Occupation, query.Occupation, ConceptKind.Occupation);
        var held = new Dictionary<ConceptUri, HeldSkill>(query.HeldSkills.Count + fromText.Count);
        var unknown = new List<string>();
        for (var i = 0; i < query.HeldSkills.Count; i++)
        {
            if (graphAround.Held[i] is { Kind: ConceptKind.Skill } concept)
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

        foreach (var (hit, phrase) in fromText)
        {
            held.TryAdd(hit.Uri, new HeldSkill(new ConceptRef(hit.Uri, hit.PreferredLabel, ConceptKind.Skill), phrase, hit.Score));
        }

        // Skills come sorted by URI (the port's contract); an optional skill that is also essential counts as essential.
        var essentialUris = new HashSet<ConceptUri>(graphAround.Essential.Count);
        var missingEssential = new List<(Concept Skill, int Reach)>(graphAround.Essential.Count);
        var coveredEssentialUris = new List<ConceptUri>();
        for (var i = 0; i < graphAround.Essential.Count; i++)
        {
            var skill = graphAround.Essential[i];
            essentialUris.Add(skill.Uri);
            if (held.ContainsKey(skill.Uri))
            {
                coveredEssentialUris.Add(skill.Uri);
            }
            else
            {
                missingEssential.Add((skill, graphAround.EssentialReach[i]));
            }
        }

        var missingOptional = new List<(Concept Skill, int Reach)>(graphAround.Optional.Count);
        var coveredOptionalUris = new List<ConceptUri>();
        for (var i = 0; i < graphAround.Optional.Count; i++)
        {
            var skill = graphAround.Optional[i];
            if (essentialUris.Contains(skill.Uri))
            {
                continue;
            }

            if (held.ContainsKey(skill.Uri))
            {
                coveredOptionalUris.Add(skill.Uri);
            }
            else
            {
                missingOptional.Add((skill, graphAround.OptionalReach[i]));
            }
        }

        var covers = FindPartialCovers(held, graphAround, missingEssential, missingOptional);
        var logOccupations = Math.Log(1 + Math.Max(1, graphAround.OccupationCount));

        List<MissingSkill> Missing(List<(Concept Skill, int Reach)> skills, bool isEssential)
        {
            var list = new List<MissingSkill>(skills.Count);
            foreach (var (skill, reach) in skills)
            {
                covers.TryGetValue(skill.Uri, out var cover);
                var widely = Math.Min(1.0, (reach < LogOnePlus.Length ? LogOnePlus[reach] : Math.Log(1 + reach)) / logOccupations);
                var priority = (1 - (cover?.Credit ?? 0)) * (0.5 + (0.5 * widely)) * (isEssential ? 1.0 : 0.5);
                list.Add(new MissingSkill(ConceptRef.Of(skill), isEssential, Math.Round(priority, 4), cover, occupation.PreferredLabel));
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
        var coverage = graphAround.Essential.Count == 0 ? 1.0 : coveredEssential.Count / (double)graphAround.Essential.Count;
        return new SkillGap(ConceptRef.Of(occupation), [.. held.Values], unresolved, coveredEssential, coveredOptional,
            Missing(missingEssential, true), Missing(missingOptional, false), Math.Round(coverage, 4));
    }

    /// <summary>
    /// The skills that held skills partly cover: one and two broader-steps up from a held skill (it is narrower than what
    /// it covers; the second step only through a skill) and one step down (it is broader); the best credit wins, and
    /// among equals the first offered (up one step, up two, down; held skills in order).
    /// </summary>
    private static Dictionary<ConceptUri, PartialCover> FindPartialCovers(Dictionary<ConceptUri, HeldSkill> held, SkillGapGraph graphAround, List<(Concept Skill, int Reach)> missingEssential, List<(Concept Skill, int Reach)> missingOptional)
    {
        var covers = new Dictionary<ConceptUri, PartialCover>();
        var missing = new HashSet<ConceptUri>(missingEssential.Count + missingOptional.Count);
        missing.UnionWith(missingEssential.Select(m => m.Skill.Uri));
        missing.UnionWith(missingOptional.Select(m => m.Skill.Uri));
        if (held.Count == 0 || missing.Count == 0)
        {
            return covers;
        }

        IReadOnlyList<ConceptUri> Up(ConceptUri skill) => graphAround.Broader.TryGetValue(skill, out var list) ? list : [];
        foreach (var (uri, heldSkill) in held)
        {
            foreach (var target in Up(uri))
            {
                Offer(target, heldSkill.Skill, NarrowerThan, NearNarrower);
            }
        }

        foreach (var (uri, heldSkill) in held)
        {
            foreach (var step in Up(uri))
            {
                foreach (var target in Up(step))
                {
                    Offer(target, heldSkill.Skill, NarrowerThan, FarNarrower);
                }
            }
        }

        foreach (var (uri, heldSkill) in held)
        {
            foreach (var target in graphAround.Narrower.TryGetValue(uri, out var list) ? list : [])
            {
                Offer(target, heldSkill.Skill, BroaderThan, NearBroader);
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
}
