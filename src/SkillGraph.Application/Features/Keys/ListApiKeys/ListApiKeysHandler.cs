using Mediator;

namespace SkillGraph.Application.Features.Keys.ListApiKeys;

public sealed class ListApiKeysHandler(IApiKeyStore keys) : IQueryHandler<ListApiKeys, IReadOnlyList<ApiKeyInfo>>
{
    public async ValueTask<IReadOnlyList<ApiKeyInfo>> Handle(ListApiKeys query, CancellationToken cancellationToken) =>
        [.. (await keys.ListAsync(cancellationToken).ConfigureAwait(false)).Select(k => k.Info)];
}
