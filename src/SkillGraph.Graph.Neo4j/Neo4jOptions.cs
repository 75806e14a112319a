using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SkillGraph.Graph.Neo4j;

/// <summary>Where and how to reach Neo4j (section <c>Graph:Neo4j</c>); the host binds and validates them.</summary>
public sealed class Neo4jOptions
{
    public const string Section = "Graph:Neo4j";

    /// <summary>The HTTP root of the server, e.g. <c>http://localhost:7474</c> (the Query API is under <c>/db/{database}/query/v2</c>).</summary>
    [Required]
    [Url]
    public string Url { get; set; } = "http://localhost:7474";

    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9.\\-]*$", ErrorMessage = "Database must be a Neo4j database name (letters, digits, '.' and '-').")]
    public string Database { get; set; } = "neo4j";

    /// <summary>Basic authentication (with <see cref="Password"/>); leave empty when <see cref="Token"/> is set.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>A bearer token (SSO / Aura), instead of user and password.</summary>
    public string? Token { get; set; }

    /// <summary>How long one try of one request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take, all tries together (a big import batch needs more).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "06:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long opening a TCP connection may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of a failed read or transaction start (transient errors, 503, resets), and of a whole write on a transient error.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Concepts or relations sent in one statement of a write.</summary>
    [Range(1, 100_000)]
    public int WriteChunkSize { get; set; } = 5_000;

    /// <summary>At most this many search candidates are scored.</summary>
    [Range(1, 100_000)]
    public int SearchCandidates { get; set; } = 5_000;

    /// <summary>The Query API endpoint of <see cref="Database"/>.</summary>
    public Uri QueryEndpoint => new(new Uri(Url.EndsWith('/') ? Url : Url + "/"), $"db/{Uri.EscapeDataString(Database)}/query/v2");
}

/// <summary>What DataAnnotations cannot say: credentials are user and password, or a token, not both or half.</summary>
public sealed class Neo4jOptionsValidator : IValidateOptions<Neo4jOptions>
{
    public ValidateOptionsResult Validate(string? name, Neo4jOptions options)
    {
        var failures = new List<string>();
        var hasUser = !string.IsNullOrEmpty(options.User);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        var hasToken = !string.IsNullOrEmpty(options.Token);
        if (hasToken && (hasUser || hasPassword))
        {
            failures.Add($"{Neo4jOptions.Section}: set User and Password, or Token, not both.");
        }

        if (hasUser != hasPassword)
        {
            failures.Add($"{Neo4jOptions.Section}: User and Password go together.");
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add($"{Neo4jOptions.Section}:Url '{options.Url}' is not an http(s) URL (the Query API is HTTP; bolt:// is not used).");
        }

        if (options.RequestTimeout > options.TotalTimeout)
        {
            failures.Add($"{Neo4jOptions.Section}: RequestTimeout ({options.RequestTimeout}) is longer than TotalTimeout ({options.TotalTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>DataAnnotations and this validator together, for callers without a host (the CLI, tests); throws one line.</summary>
    public static void ThrowIfInvalid(Neo4jOptions options)
    {
        var results = new List<ValidationResult>();
        var failures = new List<string>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{Neo4jOptions.Section}: {r.ErrorMessage}"));
        }

        var custom = new Neo4jOptionsValidator().Validate(null, options);
        if (custom.Failed)
        {
            failures.AddRange(custom.Failures);
        }

        if (failures.Count > 0)
        {
            throw new GraphStoreException(string.Join(" ", failures));
        }
    }
}
