using System.Text.Json;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Neo4j.Tests;

/// <summary>
/// The graph behind <see cref="FakeQueryApi"/>: nodes as property maps, relationships as (source, type, target). It does
/// not parse Cypher; it answers each statement of cypher/ by its file name, with the meaning its comment states, so that
/// a contract test sees answers shaped as Neo4j shapes them.
/// </summary>
public sealed class FakeGraph
{
    private static readonly string[] Projection =
        ["uri", "kind", "preferredLabel", "description", "definition", "scopeNote", "status", "code", "skillType", "reuseLevel",
         "collections", "modifiedAt", "version", "labelTexts", "labelKinds", "labelLanguages"];

    private readonly Dictionary<string, Dictionary<string, object?>> _nodes;
    private readonly HashSet<(string Source, string Type, string Target)> _relationships;
    private readonly List<Dictionary<string, object?>> _runs;
    private readonly List<Dictionary<string, object?>> _changeSets;
    private readonly List<Dictionary<string, object?>> _proposals;

    public FakeGraph()
        : this([], [], [], [], [])
    {
    }

    private FakeGraph(Dictionary<string, Dictionary<string, object?>> nodes, HashSet<(string, string, string)> relationships, List<Dictionary<string, object?>> runs, List<Dictionary<string, object?>> changeSets, List<Dictionary<string, object?>> proposals)
    {
        _nodes = nodes;
        _relationships = relationships;
        _runs = runs;
        _changeSets = changeSets;
        _proposals = proposals;
    }

    public int NodeCount => _nodes.Count;

    public FakeGraph Clone() => new(
        _nodes.ToDictionary(kv => kv.Key, kv => new Dictionary<string, object?>(kv.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        [.. _relationships],
        [.. _runs],
        [.. _changeSets],
        [.. _proposals.Select(p => new Dictionary<string, object?>(p, StringComparer.Ordinal))]);

    public List<Dictionary<string, object?>> Run(string statement, JsonElement parameterJson)
    {
        var p = (Dictionary<string, object?>)TypedJson.Read(parameterJson)!;
        return statement switch
        {
            CypherStatements.Ping => [Row(("ok", 1L))],
            CypherStatements.GetConcepts => [.. Strings(p["uris"]).Where(_nodes.ContainsKey).Select(u => Row(("concept", Project(_nodes[u]))))],
            CypherStatements.NeighboursOutgoing => Neighbours(p, outgoing: true),
            CypherStatements.NeighboursIncoming => Neighbours(p, outgoing: false),
            CypherStatements.BroaderNeighbourhood => BroaderNeighbourhood(p),
            CypherStatements.OccupationSkills => OccupationSkills(p),
            CypherStatements.ListConcepts => ListConcepts(p),
            CypherStatements.Search => Search(p),
            CypherStatements.Count => [Count()],
            CypherStatements.LockConcepts => [.. Strings(p["uris"]).Where(_nodes.ContainsKey).Select(u => Row(("uri", u), ("version", _nodes[u]["version"]), ("contentHash", _nodes[u]["contentHash"])))],
            CypherStatements.UpsertConcepts => [Row(("written", (long)Upsert(p)))],
            CypherStatements.DeleteConceptsNotIn => [Row(("removed", (long)DeleteNotIn(Strings(p["keep"]))))],
            CypherStatements.DeleteAllRelations => [Row(("removed", (long)ClearRelationships()))],
            CypherStatements.RemoveRelations => [Row(("removed", (long)Relations(p).Count(r => _relationships.Remove(r))))],
            CypherStatements.MissingConcepts => [.. Strings(p["uris"]).Where(u => !_nodes.ContainsKey(u)).Select(u => Row(("uri", u)))],
            CypherStatements.AddRelations => [Row(("added", (long)Relations(p).Count(r => _nodes.ContainsKey(r.Source) && _nodes.ContainsKey(r.Target) && _relationships.Add(r))))],
            CypherStatements.RecordImport => RecordImport(p),
            CypherStatements.SkillRelations => SkillRelations(p),
            CypherStatements.SkillListings => SkillListings(p),
            CypherStatements.OccupationPeers => OccupationPeers(p),
            CypherStatements.CareerCandidates => CareerCandidates(p),
            CypherStatements.SkillGap => SkillGap(p),
            CypherStatements.SearchMany => SearchMany(p),
            CypherStatements.SkillLinks => SkillLinks(p),
            CypherStatements.RecordChangeSet => RecordChangeSet(p),
            CypherStatements.BroaderCycles => BroaderCycles(p),
            CypherStatements.ChangeSets => ChangeSets(p),
            CypherStatements.ChangeSetById => [.. _changeSets.Where(c => Equals(c["id"], p["id"])).Select(c => Row(("cs", c)))],
            CypherStatements.AddProposal => AddProposal(p),
            CypherStatements.ReviewProposal => ReviewProposal(p),
            CypherStatements.Proposals => Proposals(p),
            CypherStatements.ProposalById => [.. _proposals.Where(c => Equals(c["id"], p["id"])).Select(c => Row(("p", c)))],
            _ => throw new FakeCypherException("Neo.ClientError.Statement.SyntaxError", $"the fake does not know the statement '{statement}'"),
        };
    }

    private List<Dictionary<string, object?>> Neighbours(Dictionary<string, object?> p, bool outgoing)
    {
        var type = (string)p["type"]!;
        var after = p["after"] as string;
        var first = (int)Math.Min((long)p["first"]!, int.MaxValue);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var uri in Strings(p["uris"]))
        {
            var targets = _relationships
                .Where(r => r.Type == type && (outgoing ? r.Source : r.Target) == uri)
                .Select(r => outgoing ? r.Target : r.Source)
                .Order(StringComparer.Ordinal).ToList();
            var rest = targets.Where(t => after is null || string.CompareOrdinal(t, after) > 0).ToList();
            rows.Add(Row(("uri", uri), ("total", (long)targets.Count), ("items", rest.Take(first).ToList()), ("remaining", (long)rest.Count)));
        }

        return rows;
    }

    private List<Dictionary<string, object?>> BroaderNeighbourhood(Dictionary<string, object?> p)
    {
        List<string> Broader(string uri) => [.. _relationships.Where(r => r.Type == "BROADER" && r.Source == uri).Select(r => r.Target).Order(StringComparer.Ordinal)];
        var uris = Strings(p["uris"]);
        var depths = ((List<object?>)p["depths"]!).Cast<long>().ToList();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < uris.Count; i++)
        {
            // Every concept within depths[i] - 1 steps of a stored start: breadth first, level by level.
            var level = _nodes.ContainsKey(uris[i]) ? new List<string> { uris[i] } : [];
            for (var step = 0; step < depths[i] && level.Count > 0; step++)
            {
                reached.UnionWith(level);
                level = [.. level.SelectMany(Broader).Distinct()];
            }
        }

        return [.. reached.Order(StringComparer.Ordinal).Select(u => Row(("uri", u), ("targets", Broader(u))))];
    }

    private List<Dictionary<string, object?>> OccupationSkills(Dictionary<string, object?> p)
    {
        var uri = (string)p["uri"]!;
        return [.. _relationships
            .Where(r => r.Source == uri && r.Type is "ESSENTIAL_SKILL" or "OPTIONAL_SKILL")
            .OrderBy(r => r.Target, StringComparer.Ordinal)
            .Select(r => Row(("type", r.Type), ("uri", r.Target), ("listedBy", (long)_relationships.Count(x => x.Target == r.Target && x.Type is "ESSENTIAL_SKILL" or "OPTIONAL_SKILL"))))];
    }

    private List<Dictionary<string, object?>> SkillRelations(Dictionary<string, object?> p)
    {
        var uri = (string)p["uri"]!;
        if (!_nodes.ContainsKey(uri))
        {
            return [];
        }

        var occupations = Sources("ESSENTIAL_SKILL", uri);
        var coRequired = occupations.SelectMany(o => Targets("ESSENTIAL_SKILL", o)).Where(s => s != uri)
            .GroupBy(s => s, StringComparer.Ordinal)
            .Select(g => (Uri: g.Key, Count: (long)g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Uri, StringComparer.Ordinal)
            .Take((int)Math.Min((long)p["first"]!, int.MaxValue))
            .Select(g => (object?)new List<object?> { g.Uri, g.Count })
            .ToList();
        return
        [
            Row(
                ("occupations", (long)occupations.Count),
                ("coRequired", coRequired),
                ("essentialOut", Targets("ESSENTIAL_RELATED_SKILL", uri)),
                ("essentialIn", Sources("ESSENTIAL_RELATED_SKILL", uri)),
                ("optionalOut", Targets("OPTIONAL_RELATED_SKILL", uri)),
                ("optionalIn", Sources("OPTIONAL_RELATED_SKILL", uri))),
        ];
    }

    private List<Dictionary<string, object?>> SkillListings(Dictionary<string, object?> p)
    {
        var occupations = (long)_nodes.Values.Count(n => Equals(n["kind"], 1L));
        long Size(string occupation, string type) => _relationships.Count(r => r.Source == occupation && r.Type == type);
        List<object?> Listings(string skill, string type) =>
        [
            .. _relationships.Where(r => r.Target == skill && r.Type == type).Select(r => r.Source).Order(StringComparer.Ordinal)
                .Select(o => (object?)new List<object?> { o, Size(o, "ESSENTIAL_SKILL"), Size(o, "OPTIONAL_SKILL") }),
        ];
        return [.. Strings(p["uris"]).Where(_nodes.ContainsKey).Select(u => Row(
            ("uri", u), ("occupations", occupations), ("essentialFor", Listings(u, "ESSENTIAL_SKILL")), ("optionalFor", Listings(u, "OPTIONAL_SKILL"))))];
    }

    private List<string> Targets(string type, string source) => [.. _relationships.Where(r => r.Type == type && r.Source == source).Select(r => r.Target).Order(StringComparer.Ordinal)];

    private List<string> Sources(string type, string target) => [.. _relationships.Where(r => r.Type == type && r.Target == target).Select(r => r.Source).Order(StringComparer.Ordinal)];

    private List<Dictionary<string, object?>> OccupationPeers(Dictionary<string, object?> p)
    {
        var uri = (string)p["uri"]!;
        var withOptional = (bool)p["withOptional"]!;
        return [.. _relationships
            .Where(r => r.Source == uri && (r.Type == "ESSENTIAL_SKILL" || (withOptional && r.Type == "OPTIONAL_SKILL")))
            .OrderBy(r => r.Target, StringComparer.Ordinal)
            .Select(r => Row(
                ("type", r.Type),
                ("uri", r.Target),
                ("essentialFor", Sources("ESSENTIAL_SKILL", r.Target)),
                ("optionalFor", withOptional ? Sources("OPTIONAL_SKILL", r.Target) : [])))];
    }

    private List<Dictionary<string, object?>> CareerCandidates(Dictionary<string, object?> p)
    {
        var from = p["from"] as string;
        var fromSkills = from is null ? [] : Targets("ESSENTIAL_SKILL", from).Concat(Targets("OPTIONAL_SKILL", from)).Distinct().ToList();
        var held = fromSkills.Concat(Strings(p["held"])).ToHashSet(StringComparer.Ordinal);
        var candidates = _relationships
            .Where(r => r.Type == "ESSENTIAL_SKILL" && held.Contains(r.Target) && r.Source != from)
            .Select(r => r.Source).Distinct().Order(StringComparer.Ordinal).ToList();
        return candidates.Count == 0
            ? [Row(("fromSkills", fromSkills), ("candidate", null), ("essential", new List<string>()))]
            : [.. candidates.Select(c => Row(("fromSkills", fromSkills), ("candidate", c), ("essential", Targets("ESSENTIAL_SKILL", c))))];
    }

    private List<Dictionary<string, object?>> SkillGap(Dictionary<string, object?> p)
    {
        var uri = (string)p["uri"]!;
        var held = Strings(p["held"]);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var asked in held.Prepend(uri).Where(_nodes.ContainsKey))
        {
            rows.Add(Row(("part", "concept"), ("uri", asked), ("type", null), ("reach", null), ("targets", null), ("concept", Project(_nodes[asked]))));
        }

        foreach (var r in _relationships.Where(r => r.Source == uri && r.Type is "ESSENTIAL_SKILL" or "OPTIONAL_SKILL"))
        {
            rows.Add(Row(("part", "skill"), ("uri", r.Target), ("type", r.Type), ("reach", (long)Sources("ESSENTIAL_SKILL", r.Target).Count), ("targets", null), ("concept", Project(_nodes[r.Target]))));
        }

        bool IsSkill(string u) => _nodes.TryGetValue(u, out var n) && Equals(n["kind"], 2L);
        var heldSkills = held.Where(IsSkill).ToList();
        foreach (var n in heldSkills.Concat(heldSkills.SelectMany(h => Targets("BROADER", h)).Where(IsSkill)).Distinct())
        {
            rows.Add(Row(("part", "broader"), ("uri", n), ("type", null), ("reach", null), ("targets", Targets("BROADER", n)), ("concept", null)));
        }

        foreach (var h in heldSkills)
        {
            rows.Add(Row(("part", "narrower"), ("uri", h), ("type", null), ("reach", null), ("targets", Sources("BROADER", h)), ("concept", null)));
        }

        rows.Add(Row(("part", "count"), ("uri", null), ("type", null), ("reach", (long)_nodes.Values.Count(n => Equals(n["kind"], 1L))), ("targets", null), ("concept", null)));
        return rows;
    }

    private List<Dictionary<string, object?>> SkillLinks(Dictionary<string, object?> p)
    {
        List<object?> Links(IEnumerable<string> targets) =>
            [.. targets.Select(t => (object?)new List<object?> { t, (long)_relationships.Count(r => r.Target == t && r.Type is "ESSENTIAL_SKILL" or "OPTIONAL_SKILL") })];
        return [.. Strings(p["uris"]).Where(_nodes.ContainsKey).Select(u => Row(
            ("uri", u),
            ("essentialOut", Links(Targets("ESSENTIAL_RELATED_SKILL", u))),
            ("essentialIn", Links(Sources("ESSENTIAL_RELATED_SKILL", u))),
            ("optionalOut", Links(Targets("OPTIONAL_RELATED_SKILL", u))),
            ("optionalIn", Links(Sources("OPTIONAL_RELATED_SKILL", u)))))];
    }

    private List<Dictionary<string, object?>> BroaderCycles(Dictionary<string, object?> p)
    {
        foreach (var pair in ((List<object?>)p["pairs"]!).Cast<List<object?>>())
        {
            var (narrower, broader) = ((string)pair[0]!, (string)pair[1]!);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var level = new List<string> { broader };
            for (var step = 0; step < 32 && level.Count > 0; step++)
            {
                level = [.. level.SelectMany(u => Targets("BROADER", u)).Where(seen.Add)];
                if (level.Contains(narrower))
                {
                    return [Row(("narrower", narrower), ("broader", broader))];
                }
            }
        }

        return [];
    }

    private List<Dictionary<string, object?>> RecordChangeSet(Dictionary<string, object?> p)
    {
        if (_changeSets.Any(c => Equals(c["id"], p["id"])))
        {
            throw new FakeCypherException("Neo.ClientError.Schema.ConstraintValidationFailed", $"Node already exists with label `ChangeSet` and property `id` = '{p["id"]}'");
        }

        _changeSets.Add(new Dictionary<string, object?>(p, StringComparer.Ordinal));
        return [Row(("id", p["id"]))];
    }

    private List<Dictionary<string, object?>> AddProposal(Dictionary<string, object?> p)
    {
        if (_proposals.Any(c => Equals(c["id"], p["id"])))
        {
            throw new FakeCypherException("Neo.ClientError.Schema.ConstraintValidationFailed", $"Node already exists with label `Proposal` and property `id` = '{p["id"]}'");
        }

        _proposals.Add(new Dictionary<string, object?>(p, StringComparer.Ordinal) { ["status"] = "pending" });
        return [Row(("id", p["id"]))];
    }

    private List<Dictionary<string, object?>> ReviewProposal(Dictionary<string, object?> p)
    {
        var proposal = _proposals.FirstOrDefault(c => Equals(c["id"], p["id"]) && Equals(c["status"], "pending"));
        if (proposal is null)
        {
            return [];
        }

        foreach (var key in new[] { "status", "reviewer", "reviewComment", "reviewedAt", "changeSetId" })
        {
            proposal[key] = p[key];
        }

        return [Row(("id", p["id"]))];
    }

    private List<Dictionary<string, object?>> Proposals(Dictionary<string, object?> p)
    {
        var all = _proposals.Where(c => p["status"] is not string status || Equals(c["status"], status)).OrderBy(c => (string)c["id"]!, StringComparer.Ordinal).ToList();
        var rest = all.Where(c => p["after"] is not string after || string.CompareOrdinal((string)c["id"]!, after) > 0).ToList();
        return [Row(("total", (long)all.Count), ("page", rest.Take((int)(long)p["first"]!).Cast<object?>().ToList()), ("remaining", (long)rest.Count))];
    }

    private List<Dictionary<string, object?>> ChangeSets(Dictionary<string, object?> p)
    {
        var sets = _changeSets
            .Where(c => (p["concept"] is not string concept || Strings(c["concepts"]).Contains(concept))
                && (p["since"] is not string since || string.CompareOrdinal((string)c["createdAt"]!, since) >= 0))
            .OrderBy(c => (string)c["id"]!, StringComparer.Ordinal).ToList();
        var rest = sets.Where(c => p["after"] is not string after || string.CompareOrdinal((string)c["id"]!, after) > 0).ToList();
        return [Row(("total", (long)sets.Count), ("page", rest.Take((int)(long)p["first"]!).Cast<object?>().ToList()), ("remaining", (long)rest.Count))];
    }

    private List<Dictionary<string, object?>> SearchMany(Dictionary<string, object?> p)
    {
        var queries = ((List<object?>)p["queries"]!).Cast<Dictionary<string, object?>>().ToList();
        return [.. queries.Select((q, i) => Row(
            ("i", (long)i),
            ("concepts", Search(new Dictionary<string, object?> { ["kind"] = q["kind"], ["tokens"] = q["tokens"], ["limit"] = p["limit"] }).Select(r => r["concept"]).ToList())))];
    }

    private List<Dictionary<string, object?>> ListConcepts(Dictionary<string, object?> p)
    {
        var after = p["after"] as string;
        var first = (int)Math.Min((long)p["first"]!, int.MaxValue);
        var collections = Strings(p["collections"]);
        bool Has(string uri, string type, string target) => _relationships.Contains((uri, type, target));
        var uris = _nodes.Values.Where(n =>
                Equals(n["kind"], p["kind"])
                && (p["skillType"] is null || Equals(n.GetValueOrDefault("skillType"), p["skillType"]))
                && (p["reuseLevel"] is null || Equals(n.GetValueOrDefault("reuseLevel"), p["reuseLevel"]))
                && (p["iscoGroupPrefix"] is not string prefix || (n.GetValueOrDefault("code") is string code && code.StartsWith(prefix, StringComparison.Ordinal)))
                && collections.All(c => Strings(n.GetValueOrDefault("collectionNames")).Contains(c))
                && (p["labelContains"] is not string contains || (n.GetValueOrDefault("searchText") is string text && text.Contains(contains, StringComparison.Ordinal)))
                && (p["hasEssentialSkill"] is not string essential || Has((string)n["uri"]!, "ESSENTIAL_SKILL", essential))
                && (p["hasSkill"] is not string skill || Has((string)n["uri"]!, "ESSENTIAL_SKILL", skill) || Has((string)n["uri"]!, "OPTIONAL_SKILL", skill)))
            .Select(n => (string)n["uri"]!).Order(StringComparer.Ordinal).ToList();
        var rest = uris.Where(u => after is null || string.CompareOrdinal(u, after) > 0).ToList();
        return [Row(("total", (long)uris.Count), ("items", rest.Take(first).ToList()), ("remaining", (long)rest.Count))];
    }

    private List<Dictionary<string, object?>> Search(Dictionary<string, object?> p)
    {
        var tokens = Strings(p["tokens"]);
        return [.. _nodes.Values
            .Where(n => (p["kind"] is null || Equals(n["kind"], p["kind"]))
                && Strings(n.GetValueOrDefault("searchLabels")).Any(label => tokens.All(q => label.Split(' ').Any(w => w == q || (q.Length >= 2 && w.StartsWith(q, StringComparison.Ordinal))))))
            .Take((int)(long)p["limit"]!)
            .Select(n => Row(("concept", Project(n))))];
    }

    private Dictionary<string, object?> Count()
    {
        long Kind(long k) => _nodes.Values.Count(n => Equals(n["kind"], k));
        long Rels(params string[] types) => _relationships.Count(r => types.Contains(r.Type));
        long Broader(bool skillPillar) => _relationships.Count(r => r.Type == "BROADER" && ((long)_nodes[r.Source]["kind"]! is 2 or 3) == skillPillar);
        var names = new[] { "digital", "green", "transversal", "language", "research", "digComp" };
        var run = _runs.OrderByDescending(r => (string)r["finishedAt"]!, StringComparer.Ordinal).FirstOrDefault();
        return Row(
            ("occupations", Kind(1)), ("skills", Kind(2)), ("skillGroups", Kind(3)), ("iscoGroups", Kind(4)),
            ("labels", _nodes.Values.Sum(n => 1L + Strings(n.GetValueOrDefault("labelTexts")).Count)),
            ("essential", Rels("ESSENTIAL_SKILL")), ("optional", Rels("OPTIONAL_SKILL")),
            ("skillBroader", Broader(true)), ("occupationBroader", Broader(false)),
            ("skillSkill", Rels("ESSENTIAL_RELATED_SKILL", "OPTIONAL_RELATED_SKILL")),
            ("collections", names.ToDictionary(c => c, c => (object?)(long)_nodes.Values.Count(n => Strings(n.GetValueOrDefault("collectionNames")).Contains(c)))),
            ("lastImport", run));
    }

    private int Upsert(Dictionary<string, object?> p)
    {
        var rows = (List<object?>)p["rows"]!;
        foreach (var row in rows.Cast<Dictionary<string, object?>>())
        {
            var uri = (string)row["uri"]!;
            if (!_nodes.TryGetValue(uri, out var node))
            {
                _nodes[uri] = node = new Dictionary<string, object?>(StringComparer.Ordinal) { ["uri"] = uri };
            }

            foreach (var (key, value) in (Dictionary<string, object?>)row["properties"]!)
            {
                if (value is null)
                {
                    node.Remove(key);
                }
                else
                {
                    node[key] = value;
                }
            }
        }

        return rows.Count;
    }

    private int DeleteNotIn(List<string> keep)
    {
        var kept = keep.ToHashSet(StringComparer.Ordinal);
        var gone = _nodes.Keys.Where(u => !kept.Contains(u)).ToList();
        foreach (var uri in gone)
        {
            _nodes.Remove(uri);
        }

        _relationships.RemoveWhere(r => !_nodes.ContainsKey(r.Source) || !_nodes.ContainsKey(r.Target));
        return gone.Count;
    }

    private int ClearRelationships()
    {
        var count = _relationships.Count;
        _relationships.Clear();
        return count;
    }

    private List<Dictionary<string, object?>> RecordImport(Dictionary<string, object?> p)
    {
        _runs.Add(new Dictionary<string, object?>(p, StringComparer.Ordinal));
        return [Row(("finishedAt", p["finishedAt"]))];
    }

    private static IEnumerable<(string Source, string Type, string Target)> Relations(Dictionary<string, object?> p) =>
        ((List<object?>)p["relations"]!).Cast<Dictionary<string, object?>>().Select(r => ((string)r["source"]!, (string)r["type"]!, (string)r["target"]!)).ToList();

    private static Dictionary<string, object?> Project(Dictionary<string, object?> node) =>
        Projection.ToDictionary(k => k, k => node.GetValueOrDefault(k), StringComparer.Ordinal);

    private static List<string> Strings(object? list) => list is List<object?> l ? [.. l.Cast<string>()] : [];

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
}
