using Mediator;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Application.Features.Keys.RevokeApiKey;

/// <summary>Revokes the active API key named <paramref name="Name"/> (<c>NOT_FOUND</c> when there is none).</summary>
[Requires(Permission.ManageKeys)]
public sealed record RevokeApiKey(string Name) : ICommand<ApiKeyInfo>;
