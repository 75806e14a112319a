using System.Globalization;
using System.Text;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.GetOccupationContext;

/// <summary>
/// An occupation's subgraph for a prompt or an app: its skills with their group paths, its hierarchy, and with
/// <paramref name="Hops"/> ≥ 1 the skills linked to those skills — ordered by relevance and cut to
/// <paramref name="MaxNodes"/> nodes. The same request and <paramref name="Seed"/> always give the same context;
/// a different seed varies which lower-ranked skills make the cut.
/// </summary>
public sealed record GetOccupationContext(ConceptUri Occupation, int MaxNodes = GetOccupationContext.DefaultMaxNodes, int Hops = 0, int Seed = 0, int GroupPathDepth = GetOccupationContext.DefaultGroupPathDepth)
    : IQuery<OccupationContext>, IValidatable
{
    public const int DefaultGroupPathDepth = 4;

    public const int DefaultMaxNodes = 80;
    public const int MaxNodesLimit = 1000;
    public const int MaxHops = 2;

    public IEnumerable<string> Validate() =>
        Check.Range("maxNodes", MaxNodes, 1, MaxNodesLimit).Concat(Check.Range("hops", Hops, 0, MaxHops)).Concat(Check.Range("groupPathDepth", GroupPathDepth, 0, 8));
}

/// <summary>How a skill belongs to the context.</summary>
public enum ContextRelation
{
    Essential = 1,
    Optional = 2,
    Related = 3,
}

/// <summary>
/// A skill in an occupation's context, with why it is there and where it sits in the skill pillar:
/// <see cref="Broader"/> are all its direct broader concepts, <see cref="GroupPath"/> the chain above it (nearest first).
/// </summary>
public sealed record ContextSkill(
    ConceptRef Skill,
    ContextRelation Relation,
    double Relevance,
    SkillType? SkillType,
    ReuseLevel? ReuseLevel,
    string? Description,
    IEnumerable<string> AltLabels,
    IReadOnlyList<ConceptRef> Broader,
    IReadOnlyList<ConceptRef> GroupPath,
    ConceptRef? RelatedTo);

public sealed record OccupationContext(
    ConceptRef Occupation,
    string? Description,
    string? Code,
    IReadOnlyList<string> AltLabels,
    IReadOnlyList<ConceptRef> Broader,
    IReadOnlyList<ConceptRef> HierarchyPath,
    IReadOnlyList<ContextSkill> Skills,
    int TotalEssential,
    int TotalOptional,
    int NodeCount,
    bool Truncated,
    int Seed)
{
    public IEnumerable<ContextSkill> Essential => Skills.Where(s => s.Relation == ContextRelation.Essential);

    public IEnumerable<ContextSkill> Optional => Skills.Where(s => s.Relation == ContextRelation.Optional);

    public IEnumerable<ContextSkill> Related => Skills.Where(s => s.Relation == ContextRelation.Related);

    /// <summary>The context as prompt text: the occupation, its hierarchy, then its skills by relation, most relevant first.</summary>
    public string ToPrompt()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Occupation: {Occupation.Label} <{Occupation.Uri}>").AppendLine();
        if (HierarchyPath.Count > 0)
        {
            text.Append("Hierarchy: ").AppendJoin(" > ", HierarchyPath.Select(h => h.Label)).AppendLine();
        }

        if (AltLabels.Count > 0)
        {
            text.Append("Also called: ").AppendJoin(", ", AltLabels.Take(8)).AppendLine();
        }

        if (!string.IsNullOrWhiteSpace(Description))
        {
            text.Append("Description: ").AppendLine(Description.ReplaceLineEndings(" "));
        }

        Section("Essential skills", Essential);
        Section("Optional skills", Optional);
        Section("Related skills", Related);
        if (Truncated)
        {
            text.Append(CultureInfo.InvariantCulture, $"(context cut to {NodeCount} nodes of {TotalEssential} essential and {TotalOptional} optional skills)").AppendLine();
        }

        return text.ToString();

        void Section(string title, IEnumerable<ContextSkill> skills)
        {
            var list = skills.ToList();
            if (list.Count == 0)
            {
                return;
            }

            text.AppendLine().Append(title).AppendLine(":");
            foreach (var skill in list)
            {
                text.Append("- ").Append(skill.Skill.Label);
                text.Append(" <").Append(skill.Skill.Uri.Value).Append('>');
                if (skill.SkillType is { } type)
                {
                    text.Append(type == Domain.SkillType.Knowledge ? " [knowledge]" : " [skill]");
                }

                if (skill.GroupPath.Count > 0)
                {
                    text.Append(" in ").AppendJoin(" > ", skill.GroupPath.Select(g => g.Label).Reverse());
                }

                if (skill.RelatedTo is { } relatedTo)
                {
                    text.Append(" (linked to ").Append(relatedTo.Label).Append(')');
                }

                var also = skill.AltLabels.Take(3).ToList();
                if (also.Count > 0)
                {
                    text.Append("; also: ").AppendJoin(", ", also);
                }

                text.AppendLine();
            }
        }
    }
}
