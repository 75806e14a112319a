namespace SkillGraph.Bench.Peers;

/// <summary>How an occupation holds a skill (occupationSkillRelations.csv relationType).</summary>
public enum SkillRelation
{
    Essential,
    Optional,
}

/// <summary>A node reference: URI and preferred label.</summary>
public sealed record NodeRef(string Uri, string Label);

/// <summary>One essential or optional skill of an occupation, with the skill's direct BROADER targets.</summary>
public sealed record ContextSkill(string Uri, string Label, SkillRelation Relation, IReadOnlyList<NodeRef> Broader);

/// <summary>Workload 1: an occupation's skills (with their broader concepts) and the occupation's broader concepts.</summary>
public sealed record OccupationContextResult(string OccupationUri, IReadOnlyList<NodeRef> Broader, IReadOnlyList<ContextSkill> Skills);

/// <summary>An occupation sharing <see cref="Shared"/> essential skills with the query occupation.</summary>
public sealed record RelatedOccupation(string Uri, string Label, int Shared);

/// <summary>Workload 2: top occupations by shared essential skills, in rank order.</summary>
public sealed record RelatedOccupationsResult(string OccupationUri, IReadOnlyList<RelatedOccupation> Top);

/// <summary>Workload 3: the occupation's essential and optional skills that are not held.</summary>
public sealed record SkillGapResult(
    string OccupationUri,
    IReadOnlyList<string> Held,
    IReadOnlyList<string> MissingEssential,
    IReadOnlyList<string> MissingOptional);

/// <summary>A skill and the number of occupations (of the 1-hop set) requiring it as essential.</summary>
public sealed record SkillCount(string Uri, string Label, int Count);

/// <summary>Workload 4: 2-hop skill neighbourhood via occupations that have the skill as essential, in rank order.</summary>
public sealed record SkillNeighbourhoodResult(string SkillUri, int Occupations, IReadOnlyList<SkillCount> Top);
