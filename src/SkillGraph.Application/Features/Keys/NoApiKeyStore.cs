using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Keys;

/// <summary>What <see cref="IApiKeyStore"/> resolves to in a host that keeps no keys: every call is refused with <c>STORE_UNAVAILABLE</c>.</summary>
internal sealed class NoApiKeyStore : IApiKeyStore
{
    public Task AddAsync(ApiKeyEntry entry, CancellationToken cancellationToken = default) => throw Missing();

    public Task<IReadOnlyList<ApiKeyEntry>> ListAsync(CancellationToken cancellationToken = default) => throw Missing();

    public Task<ApiKeyEntry?> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default) => throw Missing();

    private static SkillGraphException Missing() => new(ErrorCode.StoreUnavailable, "this host keeps no API keys: no key store was configured.");
}
