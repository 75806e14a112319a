using System.ComponentModel.DataAnnotations;

namespace SkillGraph.Application.Features.Curation;

/// <summary>Options of curation (section <c>Curation</c>); the host binds and validates them.</summary>
public sealed class CurationOptions
{
    public const string Section = "Curation";

    /// <summary>
    /// Where the URIs of concepts stewards create live: <c>{UriNamespace}{occupation|skill|skill-group}/{uuid}</c>. Use a
    /// namespace the organisation owns, never ESCO's.
    /// </summary>
    [Required]
    [RegularExpression("^https?://[^\\s]+/$", ErrorMessage = "Curation:UriNamespace must be an http(s) URI ending in '/'.")]
    public string UriNamespace { get; set; } = "https://skillgraph.example.org/concept/";

    /// <summary>
    /// When true, a steward's changes are proposals for a reviewer to accept: the direct mutations of a caller without
    /// <c>BypassReview</c> become proposals (GraphQL) and the writer refuses them (every other path); admins apply directly.
    /// </summary>
    public bool RequireReview { get; set; }

    /// <summary>
    /// How often a server reads the change log for changes other servers made (so that its student follows them); zero
    /// turns it off (one server). Default: every 2 seconds.
    /// </summary>
    public TimeSpan FollowChangesEvery { get; set; } = TimeSpan.FromSeconds(2);
}
