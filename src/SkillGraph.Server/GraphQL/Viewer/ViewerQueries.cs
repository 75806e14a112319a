using GraphQL.Types;
using SkillGraph.Application.Features.Keys.GetViewer;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Walks;

namespace SkillGraph.Server.GraphQL.Viewer;

/// <summary><c>viewer</c>: the caller and what it may do (the studio shows edit controls only to those who may edit).</summary>
public sealed class ViewerQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ViewerType>>("viewer")
            .Description("The caller: its name (null when anonymous), roles and permissions.")
            .Sends(typeof(GetViewer))
            .ResolveAsync(async c => await WalkQueries.Send(c, new GetViewer()).ConfigureAwait(false));
}

public sealed class ViewerType : ObjectGraphType<Application.Features.Keys.GetViewer.Viewer>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "Who sends the request and what they may do.";
        Field<StringGraphType>("name").Description("The API key's or token's name; null when anonymous.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Description("analyst, app, steward, reviewer, admin.").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("permissions")
            .Description("Read, UseStudent, SpendTeacher, Propose, Apply, Review, BypassReview, ManageKeys.")
            .Resolve(c => c.Source.Permissions);
    }
}
