using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>A label search: <paramref name="Text"/> over the labels of concepts of <paramref name="Kind"/> (all kinds when null).</summary>
public sealed record SearchQuery(string Text, ConceptKind? Kind = null, int First = 10)
{
    public const int MaxResults = 200;
}

/// <summary>A concept that matched a search, with the label that matched and a relevance score in (0, 1].</summary>
public sealed record SearchHit(ConceptUri Uri, ConceptKind Kind, string PreferredLabel, string MatchedLabel, LabelKind MatchedLabelKind, double Score);

/// <summary>Filters for listing concepts; every set field must hold.</summary>
public sealed record ConceptFilter(ConceptKind Kind)
{
    /// <summary>Case- and diacritic-insensitive substring of the preferred or an alternative label.</summary>
    public string? LabelContains { get; init; }

    public SkillType? SkillType { get; init; }

    public ReuseLevel? ReuseLevel { get; init; }

    /// <summary>Occupations whose ISCO group code starts with this (e.g. "25" for ICT professionals).</summary>
    public string? IscoGroupPrefix { get; init; }

    public EscoCollections InCollection { get; init; }

    /// <summary>Occupations that list this skill as essential.</summary>
    public ConceptUri? HasEssentialSkill { get; init; }

    /// <summary>Occupations that list this skill as essential or optional.</summary>
    public ConceptUri? HasSkill { get; init; }
}

/// <summary>The size of the graph, and the rows the last import could not take.</summary>
public sealed record GraphCounts
{
    public int Occupations { get; init; }

    public int Skills { get; init; }

    public int SkillGroups { get; init; }

    public int IscoGroups { get; init; }

    public int Essential { get; init; }

    public int Optional { get; init; }

    /// <summary>Broader relations within the skill pillar (skill → skill, skill → group, group → group).</summary>
    public int SkillBroader { get; init; }

    /// <summary>Broader relations within the occupation pillar (occupation → occupation or ISCO group, ISCO → ISCO).</summary>
    public int OccupationBroader { get; init; }

    public int SkillSkill { get; init; }

    public int Labels { get; init; }

    public IReadOnlyDictionary<string, int> Collections { get; init; } = new Dictionary<string, int>();

    public ImportSummary? LastImport { get; init; }
}

/// <summary>What an import took and what it skipped, with the reason for each skipped row.</summary>
public sealed record ImportSummary(
    string Source,
    DateTimeOffset FinishedAt,
    int Skipped,
    IReadOnlyDictionary<string, int> SkippedByCategory,
    IReadOnlyDictionary<string, int> SkippedByReason,
    IReadOnlyList<SkippedRow> Examples);

/// <summary>A source row that was not imported. <paramref name="Category"/> is what it would have been (essential, optional, broader, skillSkill, collection).</summary>
public sealed record SkippedRow(string File, long Line, string Category, string Reason, string Detail);

/// <summary>
/// An occupation's skills for ranking (<see cref="IGraphStore.GetOccupationSkillsAsync"/>): <see cref="Essential"/> and
/// <see cref="Optional"/> each by URI; <see cref="EssentialListedBy"/>[i] (and <see cref="OptionalListedBy"/>[i]) counts
/// the ESSENTIAL_SKILL plus OPTIONAL_SKILL relations of all occupations that end at that skill.
/// </summary>
public sealed record OccupationSkills(IReadOnlyList<ConceptUri> Essential, IReadOnlyList<int> EssentialListedBy, IReadOnlyList<ConceptUri> Optional, IReadOnlyList<int> OptionalListedBy)
{
    public static OccupationSkills None { get; } = new([], [], [], []);
}

/// <summary>
/// The walk of related skills (<see cref="IGraphStore.GetSkillRelationsAsync"/>): <see cref="OccupationsRequiring"/>
/// occupations have the skill as essential; <see cref="CoRequired"/> are the skills most often essential for those same
/// occupations (the skill itself left out), most first then by URI, <see cref="CoRequiredBy"/>[i] for how many of them;
/// the four ESCO skill–skill lists, each by URI: <c>Out</c> where the skill is the one that needs the other.
/// </summary>
public sealed record SkillRelations(
    int OccupationsRequiring,
    IReadOnlyList<ConceptUri> CoRequired,
    IReadOnlyList<int> CoRequiredBy,
    IReadOnlyList<ConceptUri> EssentialOut,
    IReadOnlyList<ConceptUri> EssentialIn,
    IReadOnlyList<ConceptUri> OptionalOut,
    IReadOnlyList<ConceptUri> OptionalIn)
{
    public static SkillRelations None { get; } = new(0, [], [], [], [], [], []);
}

/// <summary>
/// What occupation suggestions need of some skills (<see cref="IGraphStore.GetSkillListingsAsync"/>): the graph's
/// <see cref="OccupationCount"/>; for the i-th skill asked, the occupations with it as essential
/// (<see cref="EssentialFor"/>[i]) and as optional (<see cref="OptionalFor"/>[i]), each by URI; and every occupation
/// in those lists once, by URI (<see cref="Occupations"/>), with the sizes of its essential and optional skill lists.
/// </summary>
public sealed record SkillListings(
    int OccupationCount,
    NeighbourLists EssentialFor,
    NeighbourLists OptionalFor,
    IReadOnlyList<ConceptUri> Occupations,
    IReadOnlyList<int> EssentialCounts,
    IReadOnlyList<int> OptionalCounts);
