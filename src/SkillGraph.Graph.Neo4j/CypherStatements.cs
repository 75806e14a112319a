using System.Collections.Concurrent;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// The names of the statements the adapter sends; each is the file <c>cypher/{name}.cypher</c>, compiled into this
/// assembly as a resource. There is no Cypher text in the C# sources.
/// </summary>
public static class CypherStatements
{
    public const string Ping = "reads/ping";
    public const string GetConcepts = "reads/get-concepts";
    public const string NeighboursOutgoing = "reads/neighbours-outgoing";
    public const string NeighboursIncoming = "reads/neighbours-incoming";
    public const string ListConcepts = "reads/list-concepts";
    public const string Search = "reads/search";
    public const string BroaderNeighbourhood = "reads/broader-neighbourhood";
    public const string OccupationSkills = "reads/occupation-skills";
    public const string Count = "reads/count";
    public const string LockConcepts = "writes/lock-concepts";
    public const string UpsertConcepts = "writes/upsert-concepts";
    public const string DeleteConceptsNotIn = "writes/delete-concepts-not-in";
    public const string DeleteAllRelations = "writes/delete-all-relations";
    public const string RemoveRelations = "writes/remove-relations";
    public const string MissingConcepts = "writes/missing-concepts";
    public const string AddRelations = "writes/add-relations";
    public const string RecordImport = "writes/record-import";
    public const string SkillRelations = "reads/skill-relations";
    public const string SkillListings = "reads/skill-listings";
    public const string OccupationPeers = "reads/occupation-peers";
    public const string CareerCandidates = "reads/career-candidates";
    public const string SkillGap = "reads/skill-gap";
    public const string SearchMany = "reads/search-many";
    public const string SkillLinks = "reads/skill-links";
    public const string RecordChangeSet = "writes/record-change-set";
    public const string BroaderCycles = "writes/broader-cycles";
    public const string ChangeSets = "reads/change-sets";
    public const string ChangeSetById = "reads/change-set";
    public const string AddProposal = "writes/add-proposal";
    public const string ReviewProposal = "writes/review-proposal";
    public const string Proposals = "reads/proposals";
    public const string ProposalById = "reads/proposal";

    private static readonly ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    /// <summary>Every statement name, for tests and linting.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Ping, GetConcepts, NeighboursOutgoing, NeighboursIncoming, BroaderNeighbourhood, OccupationSkills, ListConcepts, Search, Count,
        LockConcepts, UpsertConcepts, DeleteConceptsNotIn, DeleteAllRelations, RemoveRelations, MissingConcepts, AddRelations, RecordImport,
        SkillRelations, SkillListings, OccupationPeers, CareerCandidates, SkillGap, SearchMany, SkillLinks,
        RecordChangeSet, ChangeSets, ChangeSetById, BroaderCycles, AddProposal, ReviewProposal, Proposals, ProposalById,
    ];

    /// <summary>The text of statement <paramref name="name"/>, exactly as the file holds it.</summary>
    public static string Text(string name) => Texts.GetOrAdd(name, static n =>
    {
        using var stream = typeof(CypherStatements).Assembly.GetManifestResourceStream($"cypher/{n}.cypher")
            ?? throw new InvalidOperationException($"cypher/{n}.cypher is not compiled into {typeof(CypherStatements).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
