using GraphQL;
using GraphQL.Types;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Nodes;
using SkillGraph.Server.GraphQL.Occupations;

namespace SkillGraph.Server.GraphQL.Skills;

/// <summary>The GraphQL type <c>Skill</c> (named so as not to clash with the domain's <see cref="SkillType"/>).</summary>
public sealed class SkillNodeType : ObjectGraphType<Concept>
{
    public SkillNodeType(IEnumerable<IGraphTypeExtension<SkillNodeType>> extensions)
    {
        Name = "Skill";
        Description = "An ESCO skill, competence or knowledge concept.";
        Interface<NodeInterface>();
        Interface<ConceptInterface>();
        IsTypeOf = o => o is Concept { Kind: ConceptKind.Skill };
        ConceptFields.AddTo(this);
        Field<StringGraphType>("definition").Resolve(c => c.Source.Definition);
        Field<StringGraphType>("scopeNote").Resolve(c => c.Source.ScopeNote);
        Field<SkillTypeType>("skillType").Resolve(c => c.Source.SkillType);
        Field<ReuseLevelType>("reuseLevel").Resolve(c => c.Source.ReuseLevel);
        Field<NonNullGraphType<OccupationConnectionType>>("essentialFor")
            .Description("Occupations that list this skill as essential.")
            .WithPaging()
            .Resolve(c => ConceptFields.Walk(c, RelationType.EssentialSkill, Direction.Incoming));
        Field<NonNullGraphType<OccupationConnectionType>>("optionalFor")
            .Description("Occupations that list this skill as optional.")
            .WithPaging()
            .Resolve(c => ConceptFields.Walk(c, RelationType.OptionalSkill, Direction.Incoming));
        Field<NonNullGraphType<SkillConnectionType>>("relatedSkills")
            .Description("ESCO's skill–skill relations: the skills this one needs (ESSENTIAL) or may use (OPTIONAL).")
            .Argument<NonNullGraphType<SkillRelationType>>("relation", a => a.DefaultValue = SkillRelation.Essential)
            .WithPaging()
            .Resolve(c => ConceptFields.Walk(
                c,
                c.GetArgument<SkillRelation>("relation") == SkillRelation.Optional ? RelationType.OptionalRelatedSkill : RelationType.EssentialRelatedSkill,
                Direction.Outgoing));
        foreach (var extension in extensions)
        {
            extension.Extend(this);
        }
    }
}

public enum SkillRelation
{
    Essential = 1,
    Optional = 2,
}

public sealed class SkillRelationType : EnumerationGraphType<SkillRelation>
{
    public SkillRelationType()
    {
        Name = "SkillRelation";
        Description = "Kind of an ESCO skill–skill relation.";
    }
}

public sealed class SkillConnectionType : ConnectionType<SkillNodeType, SkillEdgeType>
{
    public SkillConnectionType()
        : base("Skill")
    {
    }
}

public sealed class SkillEdgeType : EdgeType<SkillNodeType>
{
    public SkillEdgeType()
        : base("Skill")
    {
    }
}

public sealed class SkillGroupType : ObjectGraphType<Concept>
{
    public SkillGroupType(IEnumerable<IGraphTypeExtension<SkillGroupType>> extensions)
    {
        Name = "SkillGroup";
        Description = "A group of the ESCO skills pillar (its hierarchy of skills, knowledge, languages, transversal skills).";
        Interface<NodeInterface>();
        Interface<ConceptInterface>();
        IsTypeOf = o => o is Concept { Kind: ConceptKind.SkillGroup };
        ConceptFields.AddTo(this);
        Field<StringGraphType>("scopeNote").Resolve(c => c.Source.ScopeNote);
        foreach (var extension in extensions)
        {
            extension.Extend(this);
        }
    }
}
