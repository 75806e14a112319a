using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.GetChangeSet;
using SkillGraph.Application.Features.Curation.GetChangeSets;
using SkillGraph.Application.Features.Curation.GetReplacement;
using SkillGraph.Domain;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Walks;

namespace SkillGraph.Server.GraphQL.Curation;

/// <summary><c>concept(uri)</c> (any kind, what a steward edits), <c>changes(conceptUri, since, first, after)</c> and <c>changeSet(id)</c>: the change log, oldest first.</summary>
public sealed class ChangeQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<ConceptInterface>("concept")
            .Description("The concept of any kind with this URI, or null; a merged or replaced one answers with its replacement (extensions.redirects says so).")
            .Argument<NonNullGraphType<StringGraphType>>("uri")
            .ResolveAsync(async c => await c.ConceptFollowingReplacementAsync().ConfigureAwait(false));
        query.Field<NonNullGraphType<ChangeSetConnectionType>>("changes")
            .Description("The change log, oldest first: every change set, or those touching conceptUri, made at or after since.")
            .Argument<StringGraphType>("conceptUri")
            .Argument<DateTimeOffsetGraphType>("since")
            .WithPaging()
            .Sends(typeof(GetChangeSets))
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetChangeSets(
                ConceptArguments.OptionalUri(c.GetArgument<string?>("conceptUri"), "conceptUri"),
                c.GetArgument<DateTimeOffset?>("since"),
                c.PageRequest())).ConfigureAwait(false));
        query.Field<ChangeSetType>("changeSet")
            .Description("One change set by id; null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Sends(typeof(GetChangeSet))
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetChangeSet(c.GetArgument<string>("id"))).ConfigureAwait(false));
    }
}

/// <summary><c>history</c> and <c>replacedBy</c> on every concept type: the change sets that touched it, oldest first, and what replaces it.</summary>
public static class ConceptHistory
{
    public static void AddTo(ObjectGraphType<Concept> type)
    {
        type.Field<ConceptInterface>("replacedBy")
            .Description("For a deprecated or merged concept, the concept that replaces it (followed to the end); else null.")
            .Sends(typeof(GetReplacement))
            .ResolveAsync(async c => c.Source.Status != CurationDraft.Deprecated
                ? null
                : await WalkQueries.Send(c, new GetReplacement(c.Source.Uri)).ConfigureAwait(false) is { } uri
                    ? await c.Loaders().Concept(uri).GetResultAsync(c.CancellationToken).ConfigureAwait(false)
                    : null);
        type.Field<NonNullGraphType<ChangeSetConnectionType>>("history")
            .Description("The change sets that touched this concept, oldest first.")
            .WithPaging()
            .Sends(typeof(GetChangeSets))
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetChangeSets(c.Source.Uri, null, c.PageRequest())).ConfigureAwait(false));
    }
}
