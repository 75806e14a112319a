using GraphQL.Types;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Walks;

/// <summary>A concept as the graph walks name it: URI, preferred label, kind.</summary>
public sealed class ConceptRefType : ObjectGraphType<ConceptRef>
{
    public ConceptRefType()
    {
        Name = "ConceptRef";
        Description = "A concept named by a graph walk; query `occupation(uri)` or `skill(uri)` for the whole node.";
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(c => c.Source.Uri.Value);
        Field<NonNullGraphType<StringGraphType>>("label").Description("The preferred label.").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<ConceptKindType>>("kind").Resolve(c => c.Source.Kind);
    }
}

public sealed class ContextRelationType : EnumerationGraphType<ContextRelation>
{
    public ContextRelationType()
    {
        Name = "ContextRelation";
        Description = "How a skill belongs to an occupation's context.";
    }
}

public sealed class ContextSkillType : ObjectGraphType<ContextSkill>
{
    public ContextSkillType()
    {
        Name = "ContextSkill";
        Field<NonNullGraphType<ConceptRefType>>("skill").Resolve(c => c.Source.Skill);
        Field<NonNullGraphType<ContextRelationType>>("relation").Resolve(c => c.Source.Relation);
        Field<NonNullGraphType<FloatGraphType>>("relevance").Description("What ordered the skills before the budget cut them.").Resolve(c => c.Source.Relevance);
        Field<SkillTypeType>("skillType").Resolve(c => c.Source.SkillType);
        Field<ReuseLevelType>("reuseLevel").Resolve(c => c.Source.ReuseLevel);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("altLabels").Resolve(c => c.Source.AltLabels.ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("broader").Description("All direct broader concepts.").Resolve(c => c.Source.Broader);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("groupPath").Description("The chain of broader concepts, nearest first.").Resolve(c => c.Source.GroupPath);
        Field<ConceptRefType>("relatedTo").Description("For a linked skill: the context skill it is linked to.").Resolve(c => c.Source.RelatedTo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => WalkReasons.Of(c.Source));
    }
}

public sealed class OccupationContextType : ObjectGraphType<OccupationContext>
{
    public OccupationContextType()
    {
        Name = "OccupationContext";
        Description = "An occupation's subgraph cut to a node budget, as the teacher receives it.";
        Field<NonNullGraphType<ConceptRefType>>("occupation").Resolve(c => c.Source.Occupation);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<StringGraphType>("code").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("broader").Resolve(c => c.Source.Broader);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("hierarchyPath").Resolve(c => c.Source.HierarchyPath);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContextSkillType>>>>("skills").Description("Most relevant first.").Resolve(c => c.Source.Skills);
        Field<NonNullGraphType<IntGraphType>>("totalEssential").Resolve(c => c.Source.TotalEssential);
        Field<NonNullGraphType<IntGraphType>>("totalOptional").Resolve(c => c.Source.TotalOptional);
        Field<NonNullGraphType<IntGraphType>>("nodeCount").Resolve(c => c.Source.NodeCount);
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Resolve(c => c.Source.Truncated);
        Field<NonNullGraphType<IntGraphType>>("seed").Resolve(c => c.Source.Seed);
        Field<NonNullGraphType<StringGraphType>>("prompt").Description("The context rendered as prompt text.").Resolve(c => c.Source.ToPrompt());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => WalkReasons.Of(c.Source));
    }
}

public sealed class RelatedOccupationType : ObjectGraphType<RelatedOccupation>
{
    public RelatedOccupationType()
    {
        Name = "RelatedOccupation";
        Field<NonNullGraphType<ConceptRefType>>("occupation").Resolve(c => c.Source.Occupation);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Shared essential skills + optionalWeight × other shared skills.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("sharedEssential").Resolve(c => c.Source.SharedEssential);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("sharedOther").Resolve(c => c.Source.SharedOther);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => new[] { c.Source.Reason });
    }
}

public sealed class CoRequiredSkillType : ObjectGraphType<CoRequiredSkill>
{
    public CoRequiredSkillType()
    {
        Name = "CoRequiredSkill";
        Field<NonNullGraphType<ConceptRefType>>("skill").Resolve(c => c.Source.Skill);
        Field<NonNullGraphType<IntGraphType>>("occupations").Description("How many of the occupations requiring the asked skill also require this one.").Resolve(c => c.Source.Occupations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => new[] { c.Source.Reason });
    }
}

public sealed class LinkedSkillType : ObjectGraphType<LinkedSkill>
{
    public LinkedSkillType()
    {
        Name = "LinkedSkill";
        Field<NonNullGraphType<ConceptRefType>>("skill").Resolve(c => c.Source.Skill);
        Field<NonNullGraphType<StringGraphType>>("relation").Description("essential or optional (ESCO skill–skill relation).").Resolve(c => c.Source.Relation);
        Field<NonNullGraphType<BooleanGraphType>>("outgoing").Description("True when the asked skill is the one that needs this skill.").Resolve(c => c.Source.Outgoing);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => new[] { c.Source.Reason });
    }
}

public sealed class RelatedSkillsType : ObjectGraphType<RelatedSkills>
{
    public RelatedSkillsType()
    {
        Name = "RelatedSkills";
        Field<NonNullGraphType<ConceptRefType>>("skill").Resolve(c => c.Source.Skill);
        Field<NonNullGraphType<IntGraphType>>("occupationsRequiring").Resolve(c => c.Source.OccupationsRequiring);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoRequiredSkillType>>>>("coRequired").Resolve(c => c.Source.CoRequired);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkedSkillType>>>>("linked").Resolve(c => c.Source.Linked);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => WalkReasons.Of(c.Source));
    }
}

public sealed class HeldSkillType : ObjectGraphType<HeldSkill>
{
    public HeldSkillType()
    {
        Name = "HeldSkill";
        Field<NonNullGraphType<ConceptRefType>>("skill").Resolve(c => c.Source.Skill);
        Field<StringGraphType>("fromText").Description("The phrase of heldSkillsText it was resolved from.").Resolve(c => c.Source.FromText);
        Field<FloatGraphType>("matchScore").Resolve(c => c.Source.MatchScore);
    }
}

public sealed class PartialCoverType : ObjectGraphType<PartialCover>
{
    public PartialCoverType()
    {
        Name = "PartialCover";
        Description = "A held skill one or two broader-steps from a missing one.";
        Field<NonNullGraphType<ConceptRefType>>("heldSkill").Resolve(c => c.Source.HeldSkill);
        Field<NonNullGraphType<StringGraphType>>("how").Description("narrower: the held skill is more specific; broader: it is more general.").Resolve(c => c.Source.How);
        Field<NonNullGraphType<FloatGraphType>>("credit").Resolve(c => c.Source.Credit);
    }
}

public sealed class MissingSkillType : ObjectGraphType<MissingSkill>
{
    public MissingSkillType()
    {
        Name = "MissingSkill";
        Field<NonNullGraphType<ConceptRefType>>("skill").Resolve(c => c.Source.Skill);
        Field<NonNullGraphType<BooleanGraphType>>("essential").Resolve(c => c.Source.Essential);
        Field<NonNullGraphType<FloatGraphType>>("priority").Resolve(c => c.Source.Priority);
        Field<PartialCoverType>("cover").Resolve(c => c.Source.Cover);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => new[] { c.Source.Reason });
    }
}

public sealed class SkillGapType : ObjectGraphType<SkillGap>
{
    public SkillGapType()
    {
        Name = "SkillGap";
        Field<NonNullGraphType<ConceptRefType>>("occupation").Resolve(c => c.Source.Occupation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HeldSkillType>>>>("held").Resolve(c => c.Source.Held);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("unresolved").Description("Phrases of heldSkillsText that matched no skill.").Resolve(c => c.Source.Unresolved);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("coveredEssential").Resolve(c => c.Source.CoveredEssential);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("coveredOptional").Resolve(c => c.Source.CoveredOptional);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MissingSkillType>>>>("missingEssential").Description("Highest priority first.").Resolve(c => c.Source.MissingEssential);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MissingSkillType>>>>("missingOptional").Resolve(c => c.Source.MissingOptional);
        Field<NonNullGraphType<FloatGraphType>>("essentialCoverage").Resolve(c => c.Source.EssentialCoverage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => new[] { c.Source.Summary });
    }
}

public sealed class CareerMoveType : ObjectGraphType<CareerMove>
{
    public CareerMoveType()
    {
        Name = "CareerMove";
        Field<NonNullGraphType<ConceptRefType>>("occupation").Resolve(c => c.Source.Occupation);
        Field<NonNullGraphType<IntGraphType>>("essentialSkills").Resolve(c => c.Source.EssentialSkills);
        Field<NonNullGraphType<IntGraphType>>("missingEssentialCount").Resolve(c => c.Source.MissingEssentialCount);
        Field<NonNullGraphType<FloatGraphType>>("coverage").Resolve(c => c.Source.Coverage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("missingEssential").Resolve(c => c.Source.MissingEssential);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("sharedEssential").Resolve(c => c.Source.SharedEssential);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Resolve(c => new[] { c.Source.Reason });
    }
}

/// <summary>Readable reasons for the answers that have no single reason line of their own.</summary>
internal static class WalkReasons
{
    public static string[] Of(ContextSkill skill) => [skill.Relation switch
    {
        ContextRelation.Essential => $"{skill.Skill.Label} is an essential skill of the occupation",
        ContextRelation.Optional => $"{skill.Skill.Label} is an optional skill of the occupation",
        _ => $"{skill.Skill.Label} is linked by ESCO to {skill.RelatedTo?.Label ?? "a skill of the occupation"}",
    }];

    public static string[] Of(OccupationContext context) =>
    [
        $"{context.Occupation.Label}: {context.TotalEssential} essential and {context.TotalOptional} optional skills in ESCO",
        context.Truncated ? $"cut to a budget of {context.NodeCount} nodes, most relevant skills first" : "every skill fits the node budget",
    ];

    public static string[] Of(RelatedSkills related) =>
    [
        $"{related.Skill.Label} is essential for {related.OccupationsRequiring} occupations; co-required skills are counted over them",
        $"{related.Linked.Count} skills are linked to it by ESCO skill–skill relations",
    ];
}
