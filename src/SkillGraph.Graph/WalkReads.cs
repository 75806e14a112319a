using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>
/// What related occupations need of an occupation in one read (<see cref="IGraphStore.GetOccupationPeersAsync"/>): its
/// <see cref="Essential"/> and <see cref="Optional"/> skills, each by URI (no optional skills unless asked for); and for
/// the i-th of <see cref="Skills"/> (the essential, then the optional ones) the occupations that have it as an essential
/// skill (<see cref="EssentialFor"/>[i]) and as an optional one (<see cref="OptionalFor"/>[i], empty unless asked for), by URI.
/// </summary>
public sealed record OccupationPeers(IReadOnlyList<ConceptUri> Essential, IReadOnlyList<ConceptUri> Optional, NeighbourLists EssentialFor, NeighbourLists OptionalFor)
{
    /// <summary>The essential skills, then the optional ones: what <see cref="EssentialFor"/> and <see cref="OptionalFor"/> are aligned with.</summary>
    public IEnumerable<ConceptUri> Skills => Essential.Concat(Optional);
}

/// <summary>
/// What career moves need in one read (<see cref="IGraphStore.GetCareerCandidatesAsync"/>): <see cref="FromSkills"/>, the
/// essential and optional skills of the occupation moved from (by URI, none without one); the <see cref="Candidates"/>, every
/// other occupation that has one of the held skills (those given and <see cref="FromSkills"/>) as an essential skill, by URI;
/// and each candidate's essential skills (<see cref="CandidateEssential"/>[i]), by URI.
/// </summary>
public sealed record CareerCandidates(IReadOnlyList<ConceptUri> FromSkills, IReadOnlyList<ConceptUri> Candidates, NeighbourLists CandidateEssential);

/// <summary>
/// What a skill gap needs in one read (<see cref="IGraphStore.GetSkillGapGraphAsync"/>): the <see cref="Occupation"/> and
/// the <see cref="Held"/> skills as asked (<c>null</c> where unknown); the occupation's <see cref="Essential"/> and
/// <see cref="Optional"/> skills, by URI, with how many occupations have each as an essential skill
/// (<see cref="EssentialReach"/>, <see cref="OptionalReach"/>); and around each held skill that is a skill, by URI:
/// <see cref="Broader"/> (what it is narrower than, and for each of those that is a skill, what that is narrower than)
/// and <see cref="Narrower"/> (what is one step narrower than it); and how many occupations the graph holds
/// (<see cref="OccupationCount"/>, what "widely required" is measured against).
/// </summary>
public sealed record SkillGapGraph(
    Concept? Occupation,
    IReadOnlyList<Concept?> Held,
    IReadOnlyList<Concept> Essential,
    IReadOnlyList<int> EssentialReach,
    IReadOnlyList<Concept> Optional,
    IReadOnlyList<int> OptionalReach,
    IReadOnlyDictionary<ConceptUri, IReadOnlyList<ConceptUri>> Broader,
    IReadOnlyDictionary<ConceptUri, IReadOnlyList<ConceptUri>> Narrower,
    int OccupationCount);

/// <summary>
/// One hop over the ESCO skill–skill relations in one read (<see cref="IGraphStore.GetSkillLinksAsync"/>): for the i-th skill
/// asked, the skills it needs essentially (<see cref="EssentialOut"/>[i]) and that need it essentially
/// (<see cref="EssentialIn"/>[i]), likewise optionally, each by URI; and for every skill in those lists, how many
/// occupation–skill relations (essential or optional, of any occupation) end at it (<see cref="ListedBy"/>).
/// </summary>
public sealed record SkillLinks(
    NeighbourLists EssentialOut,
    NeighbourLists EssentialIn,
    NeighbourLists OptionalOut,
    NeighbourLists OptionalIn,
    IReadOnlyDictionary<ConceptUri, int> ListedBy)
{
    /// <summary>The four lists in the order a walk takes them: essential out, essential in, optional out, optional in.</summary>
    public IEnumerable<NeighbourLists> All => [EssentialOut, EssentialIn, OptionalOut, OptionalIn];
}
