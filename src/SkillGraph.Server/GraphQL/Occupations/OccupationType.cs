using System.Globalization;
using GraphQL.Types;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.IscoGroups;
using SkillGraph.Server.GraphQL.Nodes;
using SkillGraph.Server.GraphQL.Skills;

namespace SkillGraph.Server.GraphQL.Occupations;

public sealed class OccupationType : ObjectGraphType<Concept>
{
    public OccupationType(IEnumerable<IGraphTypeExtension<OccupationType>> extensions)
    {
        Name = "Occupation";
        Description = "An ESCO occupation.";
        Interface<NodeInterface>();
        Interface<ConceptInterface>();
        IsTypeOf = o => o is Concept { Kind: ConceptKind.Occupation };
        ConceptFields.AddTo(this);
        Field<StringGraphType>("definition").Resolve(c => c.Source.Definition);
        Field<StringGraphType>("scopeNote").Resolve(c => c.Source.ScopeNote);
        Field<StringGraphType>("modifiedAt").Description("ISO 8601.").Resolve(c => c.Source.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture));
        Field<IscoGroupType>("iscoGroup")
            .Description("The nearest ISCO group above the occupation.")
            .Resolve(c => c.Loaders().Ancestors(c.Source.Uri).ThenLoad(ancestors =>
                c.Loaders().Concepts([.. ancestors.Select(a => a.Uri)]).Then(concepts => concepts.FirstOrDefault(x => x?.Kind == ConceptKind.IscoGroup))));
        Field<NonNullGraphType<SkillConnectionType>>("essentialSkills")
            .Description("Skills the occupation requires.")
            .WithPaging()
            .Resolve(c => ConceptFields.Walk(c, RelationType.EssentialSkill, Direction.Outgoing));
        Field<NonNullGraphType<SkillConnectionType>>("optionalSkills")
            .Description("Skills that are optional for the occupation.")
            .WithPaging()
            .Resolve(c => ConceptFields.Walk(c, RelationType.OptionalSkill, Direction.Outgoing));
        foreach (var extension in extensions)
        {
            extension.Extend(this);
        }
    }
}

public sealed class OccupationConnectionType : ConnectionType<OccupationType, OccupationEdgeType>
{
    public OccupationConnectionType()
        : base("Occupation")
    {
    }
}

public sealed class OccupationEdgeType : EdgeType<OccupationType>
{
    public OccupationEdgeType()
        : base("Occupation")
    {
    }
}
