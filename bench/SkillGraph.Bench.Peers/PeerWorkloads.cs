namespace SkillGraph.Bench.Peers;

/// <summary>
/// Parameter sets of the peer benchmark (ESCO v1.1.1). Mirrors bench/peers/kuzu/workloads.mjs: keep them in step.
/// </summary>
public static class PeerWorkloads
{
    public const string SoftwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    public const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";

    /// <summary>Always added to the held set of the skill-gap workload ("manage musical staff").</summary>
    public const string ExtraHeldSkill = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";

    /// <summary>ESCO CSV folder: $SKILLGRAPH_DATA/esco/v1.1.1, else ../shared/data/esco/v1.1.1 beside the repository (the peers resolve it on their own, like any independent implementation).</summary>
    public static string EscoDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("SKILLGRAPH_DATA") is { Length: > 0 } data ? data : Path.Combine(RepositoryRoot(), "..", "shared", "data"), "esco", "v1.1.1");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SkillGraph.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Default SQLite peer database: $SKILLGRAPH_SQLITE_DB, else /tmp/skillgraph-sqlite/esco-v1.1.1.db (outside the repo).</summary>
    public static string DefaultSqlitePath =>
        Environment.GetEnvironmentVariable("SKILLGRAPH_SQLITE_DB") is { Length: > 0 } db ? db : "/tmp/skillgraph-sqlite/esco-v1.1.1.db";

    public const int RelatedTop = 10;
    public const int NeighbourhoodTop = 20;

    /// <summary>Workload names, as used in the JSON reports.</summary>
    public const string OccupationContextName = "occupationContext";
    public const string RelatedOccupationsName = "relatedOccupations";
    public const string SkillGapName = "skillGap";
    public const string SkillNeighbourhood2HopName = "skillNeighbourhood2Hop";

    /// <summary>Occupations of workloads 1-3 (essential / optional skill counts).</summary>
    public static IReadOnlyList<string> Occupations { get; } =
    [
        SoftwareDeveloper, // software developer: 24 / 80
        "http://data.europa.eu/esco/occupation/49e4e358-8ba3-4a05-8ef9-abb73156f5f7", // chiropractor: 133 / 15 (most essential)
        "http://data.europa.eu/esco/occupation/4b05bef2-ded4-4b09-ab94-f4c6a555a775", // social worker: 61 / 196
        "http://data.europa.eu/esco/occupation/abae06d8-525f-4a2d-8bbd-67b559aad8f2", // temperature screener: 14 / 2
        "http://data.europa.eu/esco/occupation/ebff4fcf-6b69-4290-a55c-9bfe4cc7a1ef", // fishing net maker: 2 / 8
    ];

    /// <summary>Skills of workload 4 (number of occupations having it as essential skill).</summary>
    public static IReadOnlyList<string> Skills { get; } =
    [
        Java, // Java (computer programming): 3
        "http://data.europa.eu/esco/skill/339ac029-066a-4985-9f9d-b3d7c8fea0bb", // manage staff: 257 (most)
        "http://data.europa.eu/esco/skill/f632251a-4078-4546-b19f-7ef528d08325", // use IT tools: 46
        "http://data.europa.eu/esco/skill/1a6c7e0d-fc13-41d7-a5c0-8ca00606de89", // promote sustainable energy: 11
        "http://data.europa.eu/esco/skill/6b839893-1cfc-467d-89ce-b5daa5d0f78f", // use ballasts: 2
    ];

    /// <summary>
    /// Held-set rule of the skill-gap workload: the occupation's essential skill URIs sorted ordinally,
    /// every second one (indices 0, 2, 4, ...), plus <see cref="ExtraHeldSkill"/>; returned distinct and sorted.
    /// </summary>
    public static IReadOnlyList<string> HeldSkills(IEnumerable<string> essentialSkillUris)
    {
        ArgumentNullException.ThrowIfNull(essentialSkillUris);
        var sorted = essentialSkillUris.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var held = new SortedSet<string>(StringComparer.Ordinal) { ExtraHeldSkill };
        for (var i = 0; i < sorted.Count; i += 2)
        {
            held.Add(sorted[i]);
        }

        return [.. held];
    }
}
