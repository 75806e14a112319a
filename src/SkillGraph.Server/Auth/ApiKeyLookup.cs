using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Features.Keys;

namespace SkillGraph.Server.Auth;

/// <summary>
/// The active API keys by their SHA-256, read from the key store and kept in memory: a copy older than
/// <see cref="AuthOptions.KeyRefresh"/> (5 s) is read again before it answers, so a new or revoked key takes effect within
/// that time; a key that is not in the copy reads the store again at most once a second (a key made a moment ago works at
/// once; a flood of wrong keys costs one read a second). A presented key is hashed and looked up by its hash, never compared
/// as text, and never kept.
/// </summary>
public sealed class ApiKeyLookup(IApiKeyStore store, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan MissRefresh = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly TimeSpan _refresh = options.Value.KeyRefresh;
    private volatile Snapshot? _snapshot;

    /// <summary>The active key whose hash is the hash of <paramref name="key"/>, else null.</summary>
    public async ValueTask<ApiKeyEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(key);
        var snapshot = await CurrentAsync(_refresh, cancellationToken).ConfigureAwait(false);
        if (snapshot.Keys.TryGetValue(hash, out var entry))
        {
            return entry;
        }

        snapshot = await CurrentAsync(Min(_refresh, MissRefresh), cancellationToken).ConfigureAwait(false);
        return snapshot.Keys.GetValueOrDefault(hash);
    }

    private async ValueTask<Snapshot> CurrentAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && clock.GetElapsedTime(fresh.ReadAt) < maxAge)
        {
            return fresh;
        }

        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } other && clock.GetElapsedTime(other.ReadAt) < maxAge)
            {
                return other; // read by another request while this one waited
            }

            var readAt = clock.GetTimestamp();
            var keys = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Where(k => k.IsActive).ToFrozenDictionary(k => k.Hash, StringComparer.Ordinal);
            return _snapshot = new Snapshot(keys, readAt);
        }
        finally
        {
            _reading.Release();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record Snapshot(FrozenDictionary<string, ApiKeyEntry> Keys, long ReadAt);
}
