using System.ComponentModel.DataAnnotations;
using SkillGraph.Graph;

namespace SkillGraph.Server;

/// <summary>
/// Limits that protect the service from expensive requests (section <c>GraphQL:Limits</c>). Every refusal names
/// the limit (by the property name in camelCase) and its value.
/// </summary>
public sealed class GraphQLLimits
{
    public const string Section = "GraphQL:Limits";

    public static GraphQLLimits Default { get; } = new();

    /// <summary>Deepest allowed nesting of fields (introspection as GraphiQL sends it needs 13).</summary>
    [Range(2, 100)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Highest allowed cost: every field costs 1, times the page sizes (<c>first</c>) of the lists above it, so
    /// 50 occupations × 100 skills × 3 fields cost about 15,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>
    /// What one field that runs a model costs in <see cref="MaxComplexity"/> (the student's <c>extractSkills</c>,
    /// <c>matchResume</c>, <c>suggestOccupations</c>, … and the teacher's fields): with the defaults a document holds at most
    /// ten, so aliases cannot multiply the most expensive work (found by the fuzzer: 1,500 aliased student fields ran to the
    /// time limit).
    /// </summary>
    [Range(1, 10_000_000)]
    public int ModelFieldCost { get; set; } = 5_000;

    /// <summary>Largest <c>first</c> of a connection.</summary>
    [Range(1, PageRequest.MaxPageSize)]
    public int MaxPageSize { get; set; } = 500;

    /// <summary>Most fields, fragment spreads and inline fragments a document may hold (checked before validation).</summary>
    [Range(1, 1_000_000)]
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Largest request body in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Longest a request may execute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
