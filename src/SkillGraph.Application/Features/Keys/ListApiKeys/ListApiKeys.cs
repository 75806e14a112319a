using Mediator;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Application.Features.Keys.ListApiKeys;

/// <summary>Every API key, revoked ones included, oldest first: names, roles and dates, never a key.</summary>
[Requires(Permission.ManageKeys)]
public sealed record ListApiKeys : IQuery<IReadOnlyList<ApiKeyInfo>>;
