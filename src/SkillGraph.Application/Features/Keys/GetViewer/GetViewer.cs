using Mediator;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Application.Features.Keys.GetViewer;

/// <summary>Who the caller is and what they may do, so a client shows only the controls that would be allowed.</summary>
public sealed record GetViewer : IQuery<Viewer>;

/// <summary>The caller's name (null: anonymous), roles and permissions (wire names: <c>steward</c>, <c>Apply</c>, …).</summary>
public sealed record Viewer(string? Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);
