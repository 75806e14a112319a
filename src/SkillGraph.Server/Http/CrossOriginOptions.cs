using System.ComponentModel.DataAnnotations;

namespace SkillGraph.Server.Http;

/// <summary>
/// Which web pages of other origins may call the server from a browser (section <c>Cors</c>, e.g.
/// <c>Cors__AllowedOrigins__0=https://careers.example.com</c>). Empty, the default: none — a browser refuses every
/// cross-origin call, because the server sends no CORS headers. Callers that are not browsers are not affected.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string Section = "Cors";

    /// <summary>The policy's name for <c>UseCors</c>.</summary>
    public const string Policy = "skillgraph";

    /// <summary>Origins such as <c>https://careers.example.com</c> (scheme, host and port; no path, no wildcard).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/')
                || !string.IsNullOrEmpty(uri.UserInfo))
            {
                yield return new ValidationResult(
                    $"Cors:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], e.g. https://careers.example.com; no path, no wildcard).",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
