using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Concepts.ListConcepts;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Occupations;

public sealed class OccupationQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<OccupationType>("occupation")
            .Description("The occupation with this URI, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .ResolveAsync(async c => await c.ConceptFollowingReplacementAsync(ConceptKind.Occupation).ConfigureAwait(false));
        query.Field<NonNullGraphType<OccupationConnectionType>>("occupations")
            .Description("Occupations that pass the filter, ordered by URI.")
            .Argument<OccupationFilterType>("filter")
            .WithPaging()
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<OccupationFilter?>("filter") ?? new OccupationFilter();
                var filter = new ConceptFilter(ConceptKind.Occupation)
                {
                    LabelContains = input.LabelContains,
                    IscoGroupPrefix = input.IscoGroup,
                    InCollection = input.InCollection ?? EscoCollections.None,
                    HasEssentialSkill = ConceptArguments.OptionalUri(input.HasEssentialSkill, "filter.hasEssentialSkill"),
                    HasSkill = ConceptArguments.OptionalUri(input.HasSkill, "filter.hasSkill"),
                };
                return await c.Loaders().Mediator.Send(new ListConcepts(filter, c.PageRequest()), c.CancellationToken).ConfigureAwait(false);
            });
    }
}

/// <summary>The filter of <c>occupations</c>; every field that is set must hold.</summary>
public sealed class OccupationFilter
{
    public string? LabelContains { get; set; }

    public string? IscoGroup { get; set; }

    public EscoCollections? InCollection { get; set; }

    public string? HasEssentialSkill { get; set; }

    public string? HasSkill { get; set; }
}

public sealed class OccupationFilterType : InputObjectGraphType<OccupationFilter>
{
    public OccupationFilterType()
    {
        Name = "OccupationFilter";
        Description = "Every field that is set must hold.";
        Field(x => x.LabelContains, nullable: true).Description("Case- and accent-insensitive substring of the preferred or an alternative label.");
        Field(x => x.IscoGroup, nullable: true).Description("ISCO code prefix, e.g. \"25\" (ICT professionals) or \"2512\".");
        Field<EscoCollectionType>("inCollection").Description("Member of this ESCO collection.");
        Field(x => x.HasEssentialSkill, nullable: true).Description("URI of a skill the occupation lists as essential.");
        Field(x => x.HasSkill, nullable: true).Description("URI of a skill the occupation lists as essential or optional.");
    }
}
