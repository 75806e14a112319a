using SkillGraph.Application.Authorization;

namespace SkillGraph.Application.Features.Keys;

/// <summary>
/// Where API keys are kept (the port of the key slices; the SQLite adapter is <c>SkillGraph.ApiKeys</c>). Only the
/// SHA-256 of a key is stored; the key itself is shown once, when it is created.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Adds a key; <c>CONFLICT</c> when an active key already has its name.</summary>
    Task AddAsync(ApiKeyEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyEntry>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the active key named <paramref name="name"/> revoked at <paramref name="at"/>; null when there is none.</summary>
    Task<ApiKeyEntry?> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>A stored key: its name, its role, the SHA-256 of the key (<see cref="ApiKeySecret.Hash"/>), when it was made and revoked.</summary>
public sealed record ApiKeyEntry(string Name, Role Role, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;

    public ApiKeyInfo Info => new(Name, Role, CreatedAt, RevokedAt);
}

/// <summary>What a listing shows of a key: never the key, nor its hash.</summary>
public sealed record ApiKeyInfo(string Name, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
