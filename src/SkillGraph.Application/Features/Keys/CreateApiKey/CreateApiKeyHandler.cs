using Mediator;

namespace SkillGraph.Application.Features.Keys.CreateApiKey;

public sealed class CreateApiKeyHandler(IApiKeyStore keys, TimeProvider clock) : ICommandHandler<CreateApiKey, CreatedApiKey>
{
    public async ValueTask<CreatedApiKey> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        var key = ApiKeySecret.New();
        var entry = new ApiKeyEntry(command.Name, command.Role, ApiKeySecret.Hash(key), clock.GetUtcNow(), null);
        await keys.AddAsync(entry, cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(entry.Info, key);
    }
}
