using Mediator;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Keys.RevokeApiKey;

public sealed class RevokeApiKeyHandler(IApiKeyStore keys, TimeProvider clock) : ICommandHandler<RevokeApiKey, ApiKeyInfo>
{
    public async ValueTask<ApiKeyInfo> Handle(RevokeApiKey command, CancellationToken cancellationToken) =>
        (await keys.RevokeAsync(command.Name, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))?.Info
        ?? throw new SkillGraphException(ErrorCode.NotFound, $"no active API key is named '{command.Name}' (`skillgraph keys list` shows them).");
}
