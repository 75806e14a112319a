using GraphQL;
using GraphQL.Types;
using Mediator;
using SkillGraph.Application.Features.Careers.GetCareerMoves;
using SkillGraph.Application.Features.Careers.GetSkillGap;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Application.Features.Skills.GetRelatedSkills;
using SkillGraph.Domain;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Occupations;

namespace SkillGraph.Server.GraphQL.Walks;

/// <summary>
/// The graph walks for apps: each field sends the application's Mediator request (the same the CLI and the
/// teacher send), so validation, logging, timing and metrics wrap it.
/// </summary>
public sealed class WalkQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<OccupationContextType>>("occupationContext")
            .Description("An occupation's subgraph (skills, their groups, its hierarchy; k hops further), most relevant first, cut to a node budget. Deterministic for a seed.")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .Argument<IntGraphType>("maxNodes", a => a.DefaultValue = GetOccupationContext.DefaultMaxNodes)
            .Argument<IntGraphType>("hops", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("seed", a => a.DefaultValue = 0)
            .ResolveAsync(async c => await Send(c, new GetOccupationContext(c.Uri(), c.GetArgument<int>("maxNodes"), c.GetArgument<int>("hops"), c.GetArgument<int>("seed"))).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelatedOccupationType>>>>("relatedOccupations")
            .Description("Occupations ranked by shared essential skills (and, weighted lower, shared optional ones), with the shared skills as the reason.")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<FloatGraphType>("optionalWeight", a => a.DefaultValue = 0.5)
            .ResolveAsync(async c => await Send(c, new GetRelatedOccupations(c.Uri(), c.GetArgument<int>("first"), c.GetArgument<double>("optionalWeight"))).ConfigureAwait(false));

        query.Field<NonNullGraphType<RelatedSkillsType>>("relatedSkills")
            .Description("Skills co-required with a skill (essential for the same occupations) and the skills ESCO links to it.")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .ResolveAsync(async c => await Send(c, new GetRelatedSkills(c.Uri(), c.GetArgument<int>("first"))).ConfigureAwait(false));

        query.Field<NonNullGraphType<SkillGapType>>("skillGap")
            .Description("The essential and optional skills of an occupation that the held skills lack, ranked, with partial cover by broader/narrower skills.")
            .Argument<NonNullGraphType<StringGraphType>>("occupationUri")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("heldSkillUris")
            .Argument<StringGraphType>("heldSkillsText", "Skill names separated by commas, semicolons or lines; resolved through label search.")
            .ResolveAsync(async c =>
            {
                var held = (c.GetArgument<List<string>?>("heldSkillUris") ?? []).Select(u => ConceptArguments.OptionalUri(u, "heldSkillUris")!).ToList();
                return await Send(c, new GetSkillGap(c.Uri("occupationUri"), held, c.GetArgument<string?>("heldSkillsText"))).ConfigureAwait(false);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerMoveType>>>>("careerMoves")
            .Description("Occupations reachable from an occupation (its skills count as held) and/or held skills, fewest missing essential skills first.")
            .Argument<StringGraphType>("from")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("heldSkillUris")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var held = (c.GetArgument<List<string>?>("heldSkillUris") ?? []).Select(u => ConceptArguments.OptionalUri(u, "heldSkillUris")!).ToList();
                return await Send(c, new GetCareerMoves(ConceptArguments.OptionalUri(c.GetArgument<string?>("from"), "from"), held, c.GetArgument<int>("first"))).ConfigureAwait(false);
            });

        query.Field<NonNullGraphType<GeneratedJobDescriptionType>>("generateJobDescription")
            .Description("A job description written by the teacher model from the occupation's graph context (configured provider; offline by default). Costs a model call unless cached.")
            .Argument<NonNullGraphType<StringGraphType>>("occupationUri")
            .Argument<IntGraphType>("seed", a => a.DefaultValue = 0)
            .Sends(typeof(GenerateJobDescription))
            .ResolveAsync(async c => await Send(c, new GenerateJobDescription(c.Uri("occupationUri"), c.GetArgument<int>("seed"))).ConfigureAwait(false));
    }

    internal static async Task<TResponse> Send<TResponse>(IResolveFieldContext context, IQuery<TResponse> request) =>
        await context.RequestServices!.GetRequiredService<IMediator>().Send(request, context.CancellationToken).ConfigureAwait(false);
}

/// <summary><c>Occupation.relatedOccupations</c>: the same walk as the root field, from an occupation node.</summary>
public sealed class OccupationRelatedOccupations : IGraphTypeExtension<OccupationType>
{
    public void Extend(OccupationType type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelatedOccupationType>>>>("relatedOccupations")
            .Description("Occupations ranked by shared skills (see Query.relatedOccupations).")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<FloatGraphType>("optionalWeight", a => a.DefaultValue = 0.5)
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetRelatedOccupations(c.Source.Uri, c.GetArgument<int>("first"), c.GetArgument<double>("optionalWeight"))).ConfigureAwait(false));
}

public sealed class GeneratedJobDescriptionType : ObjectGraphType<GeneratedJobDescription>
{
    public GeneratedJobDescriptionType()
    {
        Name = "GeneratedJobDescription";
        Field<NonNullGraphType<StringGraphType>>("occupationUri").Resolve(c => c.Source.OccupationUri.ToString());
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("jobDescription").Resolve(c => c.Source.JobDescription);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("skillUris").Resolve(c => c.Source.Skills.Select(s => s.Uri.ToString()).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("skillLabels").Resolve(c => c.Source.Skills.Select(s => s.Label).ToList());
        Field<NonNullGraphType<StringGraphType>>("teacher").Description("provider/model that wrote it.").Resolve(c => $"{c.Source.Teacher.Provider}/{c.Source.Teacher.Model}");
        Field<NonNullGraphType<BooleanGraphType>>("fromCache").Resolve(c => c.Source.FromCache);
    }
}
