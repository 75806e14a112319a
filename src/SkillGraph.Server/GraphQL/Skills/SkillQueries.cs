using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Concepts.ListConcepts;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Skills;

public sealed class SkillQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<SkillNodeType>("skill")
            .Description("The skill with this URI, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .ResolveAsync(async c => await c.ConceptFollowingReplacementAsync(ConceptKind.Skill).ConfigureAwait(false));
        query.Field<SkillGroupType>("skillGroup")
            .Description("The skill group with this URI, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .ResolveAsync(async c => await c.ConceptFollowingReplacementAsync(ConceptKind.SkillGroup).ConfigureAwait(false));
        query.Field<NonNullGraphType<SkillConnectionType>>("skills")
            .Description("Skills that pass the filter, ordered by URI.")
            .Argument<SkillFilterType>("filter")
            .WithPaging()
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SkillFilter?>("filter") ?? new SkillFilter();
                var filter = new ConceptFilter(ConceptKind.Skill)
                {
                    LabelContains = input.LabelContains,
                    SkillType = input.SkillType,
                    ReuseLevel = input.ReuseLevel,
                    InCollection = input.InCollection ?? EscoCollections.None,
                };
                return await c.Loaders().Mediator.Send(new ListConcepts(filter, c.PageRequest()), c.CancellationToken).ConfigureAwait(false);
            });
    }
}

/// <summary>The filter of <c>skills</c>; every field that is set must hold.</summary>
public sealed class SkillFilter
{
    public string? LabelContains { get; set; }

    public SkillType? SkillType { get; set; }

    public ReuseLevel? ReuseLevel { get; set; }

    public EscoCollections? InCollection { get; set; }
}

public sealed class SkillFilterType : InputObjectGraphType<SkillFilter>
{
    public SkillFilterType()
    {
        Name = "SkillFilter";
        Description = "Every field that is set must hold.";
        Field(x => x.LabelContains, nullable: true).Description("Case- and accent-insensitive substring of the preferred or an alternative label.");
        Field<SkillTypeType>("skillType");
        Field<ReuseLevelType>("reuseLevel");
        Field<EscoCollectionType>("inCollection").Description("Member of this ESCO collection.");
    }
}
