using System.ComponentModel.DataAnnotations;

namespace SkillGraph.Server.Auth;

/// <summary>
/// Who may call the server (section <c>Auth</c>, bound and checked at start; environment <c>Auth__…</c>). API keys
/// (header <c>X-Api-Key</c>, made by <c>skillgraph keys create</c>) live in <see cref="KeysPath"/>, else in the embedded
/// store's file; JWT bearer tokens are accepted when <see cref="Jwt"/> names an authority or a signing key. Without a
/// key or token a caller has the rights of <c>app</c> in Development and none anywhere else.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The SQLite file of the API keys; empty: the embedded store's file (<c>--db</c>, <c>SKILLGRAPH_DB</c>, <c>Graph:Embedded:Path</c>).</summary>
    public string? KeysPath { get; set; }

    /// <summary>How old the server's copy of the keys may get: a new or revoked key takes effect within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan KeyRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public JwtOptions Jwt { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>
/// JWT bearer tokens (<c>Auth:Jwt</c>): either an OpenID Connect <see cref="Authority"/> (its signing keys are fetched
/// from its metadata) or a shared HMAC <see cref="SigningKey"/>; the token's <see cref="RoleClaim"/> names its roles.
/// </summary>
public sealed class JwtOptions : IValidatableObject
{
    /// <summary>The issuer's base URL (e.g. https://login.example.com/realm); its /.well-known/openid-configuration gives the keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience a token must name (<c>aud</c>); empty: not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer a token must name (<c>iss</c>) when it is signed with <see cref="SigningKey"/>; empty: not checked.</summary>
    public string? Issuer { get; set; }

    /// <summary>A shared secret (at least 32 characters) for HMAC-SHA256 tokens, instead of an authority. From a secret store, never a file in the repository.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that carries the roles (<c>analyst</c>, <c>app</c>, <c>steward</c>, <c>reviewer</c>, <c>admin</c>).</summary>
    [Required]
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim that names the caller (rate limits are per caller).</summary>
    [Required]
    public string NameClaim { get; set; } = "sub";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult("Auth:Jwt:SigningKey must be at least 32 characters (256 bits for HMAC-SHA256).", [nameof(SigningKey)]);
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(SigningKey))
        {
            yield return new ValidationResult("Auth:Jwt: give Authority or SigningKey, not both.", [nameof(Authority)]);
        }
    }
}

/// <summary>
/// Requests per caller (<c>Auth:RateLimits</c>; a key or token by its name, an anonymous caller by its IP address; the
/// anonymous callers of Development are not limited). Over the limit: 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>GraphQL requests per caller per <see cref="Window"/>.</summary>
    [Range(1, 10_000_000)]
    public int PermitsPerWindow { get; set; } = 600;

    /// <summary>Teacher calls (<c>generateJobDescription</c> fields, which may cost money) per caller per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int TeacherPermitsPerWindow { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
