using Mediator;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Application.Features.Keys.GetViewer;

public sealed class GetViewerHandler(ICurrentUser user) : IQueryHandler<GetViewer, Viewer>
{
    public ValueTask<Viewer> Handle(GetViewer query, CancellationToken cancellationToken)
    {
        var caller = user.Caller;
        var permissions = Enum.GetValues<Permission>()
            .Where(p => p != Permission.None && caller.Permissions.HasFlag(p))
            .Select(p => p.ToString())
            .ToList();
        return ValueTask.FromResult(new Viewer(caller.Name, caller.Roles.Select(Roles.Name).ToList(), permissions));
    }
}
