using SkillGraph.Domain;

namespace SkillGraph.Graph.Neo4j;

/// <summary>
/// The Neo4j adapter of <see cref="IGraphStore"/> over the HTTP Query API (docs/decisions/0013). Every statement is a
/// file of <c>cypher/</c>; every batch read is one statement over <c>UNWIND $uris</c>, so a DataLoader batch or a walk
/// step is one request whatever the number of concepts. Reads run as READ; a write batch is one explicit transaction.
/// </summary>
public sealed class Neo4jGraphStore : IGraphStore, IProposalStore
{
    private readonly QueryApiClient _client;
    private readonly Neo4jOptions _options;

    internal Neo4jGraphStore(Neo4jOptions options, HttpMessageHandler? transport = null)
    {
        Neo4jOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _client = new QueryApiClient(options, transport);
    }

    /// <summary>Where this store lives, for messages: "http://host:7474 (database neo4j)".</summary>
    public string Target => _client.Target;

    public override string ToString() => Target;

    /// <summary>
    /// Checks the options, then runs one cheap read without retries: an unreachable server, refused credentials or an
    /// unknown database fail at once with one line (<see cref="GraphStoreException"/>) naming the URL and the database.
    /// </summary>
    public static Task<Neo4jGraphStore> ConnectAsync(Neo4jOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, null, cancellationToken);

    /// <summary>
    /// The same from configuration (section <see cref="Neo4jOptions.Section"/>, e.g. <c>Graph__Neo4j__Url</c> in the
    /// environment), checked first: what a host without the options pipeline (the CLI, the bench) connects with.
    /// </summary>
    public static Task<Neo4jGraphStore> ConnectAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var options = new Neo4jOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(Neo4jOptions.Section), options);
        Neo4jOptionsValidator.ThrowIfInvalid(options);
        return ConnectAsync(options, cancellationToken);
    }

    internal static async Task<Neo4jGraphStore> ConnectAsync(Neo4jOptions options, HttpMessageHandler? transport, CancellationToken cancellationToken = default)
    {
        var store = new Neo4jGraphStore(options, transport);
        try
        {
            await store._client.ReadAsync(CypherStatements.Ping, new Dictionary<string, object?>(), cancellationToken, retry: false).ConfigureAwait(false);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public async ValueTask<IReadOnlyList<Concept?>> GetConceptsAsync(IReadOnlyList<ConceptUri> uris, CancellationToken cancellationToken = default)
    {
        var result = new Concept?[uris.Count];
        if (uris.Count == 0)
        {
            return result;
        }

        var distinct = Distinct(uris);
        var rows = await _client.ReadAsync(CypherStatements.GetConcepts, new Dictionary<string, object?> { ["uris"] = distinct }, cancellationToken).ConfigureAwait(false);
        var byUri = new Dictionary<string, Concept>(rows.Rows.Count, StringComparer.Ordinal);
        foreach (var row in rows.Rows)
        {
            if (row.Map("concept") is { } map)
            {
                var concept = ConceptProperties.FromMap(map);
                byUri[concept.Uri.Value] = concept;
            }
        }

        for (var i = 0; i < uris.Count; i++)
        {
            result[i] = byUri.GetValueOrDefault(uris[i].Value);
        }

        return result;
    }

    public async ValueTask<Page<ConceptUri>> GetNeighboursAsync(ConceptUri uri, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default) =>
        (await GetNeighboursManyAsync([uri], type, direction, page, cancellationToken).ConfigureAwait(false))[0];

    public async ValueTask<IReadOnlyList<Page<ConceptUri>>> GetNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var pages = new Page<ConceptUri>[uris.Count];
        if (uris.Count == 0)
        {
            return pages;
        }

        var rows = await _client.ReadAsync(
            direction == Direction.Outgoing ? CypherStatements.NeighboursOutgoing : CypherStatements.NeighboursIncoming,
            new Dictionary<string, object?>
            {
                ["uris"] = Distinct(uris),
                ["type"] = ConceptProperties.RelationshipType(type),
                ["after"] = after,
                ["first"] = Math.Max(0, page.First),
            },
            cancellationToken).ConfigureAwait(false);
        var byUri = new Dictionary<string, Page<ConceptUri>>(rows.Rows.Count, StringComparer.Ordinal);
        foreach (var row in rows.Rows)
        {
            var items = row.List("items");
            var uris2 = new ConceptUri[items.Count];
            for (var i = 0; i < uris2.Length; i++)
            {
                uris2[i] = ConceptUri.Parse((string)items[i]!);
            }

            var total = row.Int("total");
            var remaining = row.Int("remaining");
            byUri[row.String("uri")!] = total == 0 && page.After is null
                ? Page<ConceptUri>.Empty
                : Page<ConceptUri>.WithEndKey(uris2, total, uris2.Length > 0 ? uris2[^1].Value : null, page.After, remaining > uris2.Length);
        }

        for (var i = 0; i < uris.Count; i++)
        {
            pages[i] = byUri.GetValueOrDefault(uris[i].Value) ?? (page.After is null ? Page<ConceptUri>.Empty : Page<ConceptUri>.WithEndKey([], 0, null, page.After, false));
        }

        return pages;
    }

    public async ValueTask<IReadOnlyList<int>> CountNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        [.. (await GetNeighboursManyAsync(uris, type, direction, new PageRequest(0), cancellationToken).ConfigureAwait(false)).Select(p => p.TotalCount)];

    public async ValueTask<NeighbourLists> GetAllNeighboursManyAsync(IReadOnlyList<ConceptUri> uris, RelationType type, Direction direction, CancellationToken cancellationToken = default) =>
        NeighbourLists.FromPages(await GetNeighboursManyAsync(uris, type, direction, PageRequest.All, cancellationToken).ConfigureAwait(false));

    /// <summary>A walk up <see cref="RelationType.Broader"/> is one statement; other walks go a level a request.</summary>
    public async ValueTask<Neighbourhood> GetNeighbourhoodAsync(IReadOnlyList<WalkStart> starts, RelationType type, Direction direction, CancellationToken cancellationToken = default)
    {
        if (type != RelationType.Broader || direction != Direction.Outgoing)
        {
            return await Neighbourhood.WalkAsync(this, starts, type, direction, cancellationToken).ConfigureAwait(false);
        }

        Neighbourhood.CheckDepths(starts);
        var lists = new Dictionary<ConceptUri, ConceptUri[]>();
        if (starts.Count > 0)
        {
            var rows = await _client.ReadAsync(
                CypherStatements.BroaderNeighbourhood,
                new Dictionary<string, object?> { ["uris"] = starts.Select(s => s.Uri.Value).ToArray(), ["depths"] = starts.Select(s => s.Depth).ToArray() },
                cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Rows)
            {
                var targets = row.List("targets").Select(t => ConceptUri.Parse((string)t!)).ToArray();
                Array.Sort(targets);
                lists[ConceptUri.Parse(row.String("uri"))] = targets;
            }
        }

        return Neighbourhood.From(starts, lists);
    }

    public async ValueTask<OccupationSkills> GetOccupationSkillsAsync(ConceptUri occupation, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(CypherStatements.OccupationSkills, new Dictionary<string, object?> { ["uri"] = occupation.Value }, cancellationToken).ConfigureAwait(false);
        var essential = new List<(ConceptUri Uri, int ListedBy)>();
        var optional = new List<(ConceptUri Uri, int ListedBy)>();
        var essentialType = ConceptProperties.RelationshipType(RelationType.EssentialSkill);
        foreach (var row in rows.Rows)
        {
            (row.String("type") == essentialType ? essential : optional).Add((ConceptUri.Parse(row.String("uri")), row.Int("listedBy")));
        }

        essential.Sort((a, b) => a.Uri.CompareTo(b.Uri));
        optional.Sort((a, b) => a.Uri.CompareTo(b.Uri));
        return new OccupationSkills([.. essential.Select(e => e.Uri)], [.. essential.Select(e => e.ListedBy)], [.. optional.Select(o => o.Uri)], [.. optional.Select(o => o.ListedBy)]);
    }

    /// <summary>The related-skills walk in one statement (<c>reads/skill-relations</c>).</summary>
    public async ValueTask<SkillRelations> GetSkillRelationsAsync(ConceptUri skill, int first, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(
            CypherStatements.SkillRelations,
            new Dictionary<string, object?> { ["uri"] = skill.Value, ["first"] = Math.Max(0, first) },
            cancellationToken).ConfigureAwait(false);
        if (rows.Rows.Count == 0)
        {
            return SkillRelations.None;
        }

        var row = rows.Rows[0];
        static ConceptUri[] Uris(List<object?> list) => [.. list.Select(u => ConceptUri.Parse((string)u!))];
        var coRequired = row.List("coRequired").Cast<List<object?>>().ToList();
        return new SkillRelations(
            row.Int("occupations"),
            [.. coRequired.Select(p => ConceptUri.Parse((string)p[0]!))],
            [.. coRequired.Select(p => (int)(Values.AsLong(p[1]) ?? 0))],
            Uris(row.List("essentialOut")),
            Uris(row.List("essentialIn")),
            Uris(row.List("optionalOut")),
            Uris(row.List("optionalIn")));
    }

    /// <summary>The listings of occupation suggestions in one statement (<c>reads/skill-listings</c>).</summary>
    public async ValueTask<SkillListings> GetSkillListingsAsync(IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(
            CypherStatements.SkillListings,
            new Dictionary<string, object?> { ["uris"] = Distinct(skills) },
            cancellationToken).ConfigureAwait(false);
        var occupationCount = rows.Rows.Count > 0 ? rows.Rows[0].Int("occupations") : (await CountAsync(cancellationToken).ConfigureAwait(false)).Occupations;
        var bySkill = ByUri(rows);
        var sizes = new SortedDictionary<ConceptUri, (int Essential, int Optional)>();
        NeighbourLists Lists(string field) => EntryLists(skills, bySkill, field, (occupation, listing) =>
            sizes[occupation] = ((int)(Values.AsLong(listing[1]) ?? 0), (int)(Values.AsLong(listing[2]) ?? 0)));

        var essentialFor = Lists("essentialFor");
        var optionalFor = Lists("optionalFor");
        return new SkillListings(occupationCount, essentialFor, optionalFor, [.. sizes.Keys], [.. sizes.Values.Select(v => v.Essential)], [.. sizes.Values.Select(v => v.Optional)]);
    }

    public async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var first = Math.Clamp(query.First, 0, SearchQuery.MaxResults);
        var tokens = LabelText.Tokens(LabelText.Normalize(query.Text));
        if (tokens.Length == 0 || first == 0)
        {
            return [];
        }

        var rows = await _client.ReadAsync(
            CypherStatements.Search,
            new Dictionary<string, object?> { ["kind"] = query.Kind is { } k ? (int)k : null, ["tokens"] = tokens, ["limit"] = _options.SearchCandidates },
            cancellationToken).ConfigureAwait(false);
        var candidates = rows.Rows.Select(r => r.Map("concept")).OfType<Dictionary<string, object?>>().Select(ConceptProperties.FromMap);
        return SearchScorer.Rank(candidates, query.Text, first);
    }

    /// <summary>Every search's candidates in one statement (<c>reads/search-many</c>), each scored as <see cref="SearchAsync"/> scores them.</summary>
    public async ValueTask<IReadOnlyList<IReadOnlyList<SearchHit>>> SearchManyAsync(IReadOnlyList<SearchQuery> queries, CancellationToken cancellationToken = default)
    {
        var answers = new IReadOnlyList<SearchHit>[queries.Count];
        var asked = new List<(int Index, string[] Tokens)>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            answers[i] = [];
            var tokens = LabelText.Tokens(LabelText.Normalize(queries[i].Text));
            if (tokens.Length > 0 && queries[i].First > 0)
            {
                asked.Add((i, tokens));
            }
        }

        if (asked.Count == 0)
        {
            return answers;
        }

        var rows = await _client.ReadAsync(
            CypherStatements.SearchMany,
            new Dictionary<string, object?>
            {
                ["queries"] = asked.Select(a => new Dictionary<string, object?> { ["kind"] = queries[a.Index].Kind is { } k ? (int)k : null, ["tokens"] = a.Tokens }).ToArray(),
                ["limit"] = _options.SearchCandidates,
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows.Rows)
        {
            var query = queries[asked[row.Int("i")].Index];
            var candidates = row.List("concepts").OfType<Dictionary<string, object?>>().Select(ConceptProperties.FromMap);
            answers[asked[row.Int("i")].Index] = SearchScorer.Rank(candidates, query.Text, Math.Clamp(query.First, 0, SearchQuery.MaxResults));
        }

        return answers;
    }

    /// <summary>The related-occupations walk in one statement (<c>reads/occupation-peers</c>).</summary>
    public async ValueTask<OccupationPeers> GetOccupationPeersAsync(ConceptUri occupation, bool withOptional, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(
            CypherStatements.OccupationPeers,
            new Dictionary<string, object?> { ["uri"] = occupation.Value, ["withOptional"] = withOptional },
            cancellationToken).ConfigureAwait(false);
        var essentialType = ConceptProperties.RelationshipType(RelationType.EssentialSkill);
        var ordered = rows.Rows.OrderBy(r => r.String("type") == essentialType ? 0 : 1).ThenBy(r => ConceptUri.Parse(r.String("uri"))).ToList();
        var essentialCount = ordered.Count(r => r.String("type") == essentialType);
        return new OccupationPeers(
            [.. ordered.Take(essentialCount).Select(r => ConceptUri.Parse(r.String("uri")))],
            [.. ordered.Skip(essentialCount).Select(r => ConceptUri.Parse(r.String("uri")))],
            Lists(ordered, "essentialFor"),
            Lists(ordered, "optionalFor"));
    }

    /// <summary>The career-moves walk in one statement (<c>reads/career-candidates</c>).</summary>
    public async ValueTask<CareerCandidates> GetCareerCandidatesAsync(ConceptUri? from, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(
            CypherStatements.CareerCandidates,
            new Dictionary<string, object?> { ["from"] = from?.Value, ["held"] = Distinct(held) },
            cancellationToken).ConfigureAwait(false);
        var fromSkills = rows.Rows.Count == 0 ? [] : SortedUris(rows.Rows[0].List("fromSkills"));
        var ordered = rows.Rows.Where(r => r.GetValueOrDefault("candidate") is string).OrderBy(r => ConceptUri.Parse(r.String("candidate"))).ToList();
        return new CareerCandidates(fromSkills, [.. ordered.Select(r => ConceptUri.Parse(r.String("candidate")))], Lists(ordered, "essential"));
    }

    /// <summary>The skill-gap walk in one statement (<c>reads/skill-gap</c>).</summary>
    public async ValueTask<SkillGapGraph> GetSkillGapGraphAsync(ConceptUri occupation, IReadOnlyList<ConceptUri> held, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(
            CypherStatements.SkillGap,
            new Dictionary<string, object?> { ["uri"] = occupation.Value, ["held"] = Distinct(held) },
            cancellationToken).ConfigureAwait(false);
        var concepts = new Dictionary<ConceptUri, Concept>();
        var skills = new List<(bool Essential, Concept Skill, int Reach)>();
        var broader = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>();
        var narrower = new Dictionary<ConceptUri, IReadOnlyList<ConceptUri>>();
        var essentialType = ConceptProperties.RelationshipType(RelationType.EssentialSkill);
        var occupationCount = 0;
        foreach (var row in rows.Rows)
        {
            if (row.String("part") == "count")
            {
                occupationCount = row.Int("reach");
                continue;
            }

            var uri = ConceptUri.Parse(row.String("uri"));
            switch (row.String("part"))
            {
                case "concept":
                    concepts[uri] = ConceptProperties.FromMap(row.Map("concept")!);
                    break;
                case "skill":
                    skills.Add((row.String("type") == essentialType, ConceptProperties.FromMap(row.Map("concept")!), row.Int("reach")));
                    break;
                case "broader":
                    broader[uri] = SortedUris(row.List("targets"));
                    break;
                case "narrower":
                    narrower[uri] = SortedUris(row.List("targets"));
                    break;
                default:
                    throw new Neo4jQueryException("SkillGraph.UnexpectedAnswer", CypherStatements.SkillGap, $"a row of unknown part '{row.String("part")}'");
            }
        }

        skills.Sort((a, b) => a.Skill.Uri.CompareTo(b.Skill.Uri));
        var essential = skills.Where(s => s.Essential).ToList();
        var optional = skills.Where(s => !s.Essential).ToList();
        return new SkillGapGraph(
            concepts.GetValueOrDefault(occupation),
            [.. held.Select(h => concepts.GetValueOrDefault(h))],
            [.. essential.Select(s => s.Skill)],
            [.. essential.Select(s => s.Reach)],
            [.. optional.Select(s => s.Skill)],
            [.. optional.Select(s => s.Reach)],
            broader,
            narrower,
            occupationCount);
    }

    /// <summary>One hop over the skill–skill relations in one statement (<c>reads/skill-links</c>).</summary>
    public async ValueTask<SkillLinks> GetSkillLinksAsync(IReadOnlyList<ConceptUri> skills, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(
            CypherStatements.SkillLinks,
            new Dictionary<string, object?> { ["uris"] = Distinct(skills) },
            cancellationToken).ConfigureAwait(false);
        var bySkill = ByUri(rows);
        var listedBy = new Dictionary<ConceptUri, int>();
        NeighbourLists Lists(string field) => EntryLists(skills, bySkill, field, (target, link) => listedBy[target] = (int)(Values.AsLong(link[1]) ?? 0));

        return new SkillLinks(Lists("essentialOut"), Lists("essentialIn"), Lists("optionalOut"), Lists("optionalIn"), listedBy);
    }

    /// <summary>The change log, oldest first (<c>reads/change-sets</c>).</summary>
    public async ValueTask<Page<ChangeSet>> GetChangeSetsAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var first = Math.Clamp(page.First, 0, PageRequest.MaxPageSize);
        var row = (await _client.ReadAsync(
            CypherStatements.ChangeSets,
            new Dictionary<string, object?>
            {
                ["concept"] = filter.Concept?.Value,
                ["since"] = filter.Since is { } since ? ChangeSetProperties.Timestamp(since) : null,
                ["after"] = after,
                ["first"] = first,
            },
            cancellationToken).ConfigureAwait(false)).Single;
        var total = row.Int("total");
        if (total == 0 && after is null)
        {
            return Page<ChangeSet>.Empty;
        }

        var items = row.List("page").OfType<Dictionary<string, object?>>().Select(ChangeSetProperties.FromMap).ToList();
        return Page<ChangeSet>.WithEndKey(items, total, items.Count > 0 ? items[^1].Id : null, page.After, row.Int("remaining") > items.Count);
    }

    /// <summary>Stores a pending proposal (<c>writes/add-proposal</c>, in a transaction of its own).</summary>
    public async ValueTask AddProposalAsync(Proposal proposal, CancellationToken cancellationToken = default)
    {
        var (transaction, _) = await _client.BeginAsync(CypherStatements.AddProposal, ProposalProperties.ToParameters(proposal), cancellationToken).ConfigureAwait(false);
        try
        {
            await _client.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _client.RollbackAsync(transaction).ConfigureAwait(false);
        }
    }

    /// <summary>One proposal (<c>reads/proposal</c>).</summary>
    public async ValueTask<Proposal?> GetProposalAsync(string id, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(CypherStatements.ProposalById, new Dictionary<string, object?> { ["id"] = id }, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Count == 0 ? null : ProposalProperties.FromMap(rows.Rows[0].Map("p")!);
    }

    /// <summary>Proposals, oldest first (<c>reads/proposals</c>).</summary>
    public async ValueTask<Page<Proposal>> GetProposalsAsync(ProposalStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var first = Math.Clamp(page.First, 0, PageRequest.MaxPageSize);
        var row = (await _client.ReadAsync(
            CypherStatements.Proposals,
            new Dictionary<string, object?> { ["status"] = status is { } s ? ProposalStatuses.Name(s) : null, ["after"] = after, ["first"] = first },
            cancellationToken).ConfigureAwait(false)).Single;
        var total = row.Int("total");
        if (total == 0 && after is null)
        {
            return Page<Proposal>.Empty;
        }

        var items = row.List("page").OfType<Dictionary<string, object?>>().Select(ProposalProperties.FromMap).ToList();
        return Page<Proposal>.WithEndKey(items, total, items.Count > 0 ? items[^1].Id : null, page.After, row.Int("remaining") > items.Count);
    }

    /// <summary>Records a review (a rejection) in a transaction of its own (<c>writes/review-proposal</c>).</summary>
    public async ValueTask ReviewProposalAsync(ProposalReview review, CancellationToken cancellationToken = default)
    {
        var (transaction, rows) = await _client.BeginAsync(CypherStatements.ReviewProposal, ProposalProperties.ToParameters(review), cancellationToken).ConfigureAwait(false);
        try
        {
            if (rows.Rows.Count == 0)
            {
                throw new ProposalNotPendingException(review.Id);
            }

            await _client.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _client.RollbackAsync(transaction).ConfigureAwait(false);
        }
    }

    /// <summary>One change set (<c>reads/change-set</c>).</summary>
    public async ValueTask<ChangeSet?> GetChangeSetAsync(string id, CancellationToken cancellationToken = default)
    {
        var rows = await _client.ReadAsync(CypherStatements.ChangeSetById, new Dictionary<string, object?> { ["id"] = id }, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Count == 0 ? null : ChangeSetProperties.FromMap(rows.Rows[0].Map("cs")!);
    }

    private static ConceptUri[] SortedUris(List<object?> list)
    {
        var uris = list.Select(u => ConceptUri.Parse((string)u!)).ToArray();
        Array.Sort(uris);
        return uris;
    }

    /// <summary>The rows of a statement that answers one row per concept, by their <c>uri</c> column.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, object?>> ByUri(QueryResult rows)
    {
        var byUri = new Dictionary<string, IReadOnlyDictionary<string, object?>>(rows.Rows.Count, StringComparer.Ordinal);
        foreach (var row in rows.Rows)
        {
            byUri[row.String("uri")!] = row;
        }

        return byUri;
    }

    /// <summary>
    /// For the i-th of <paramref name="asked"/>, the entries (<c>[uri, figures…]</c>) of its row's list <paramref name="field"/>
    /// as one <see cref="NeighbourLists"/> (an unknown concept: an empty list); <paramref name="entry"/> sees each entry's
    /// URI and figures.
    /// </summary>
    private static NeighbourLists EntryLists(IReadOnlyList<ConceptUri> asked, Dictionary<string, IReadOnlyDictionary<string, object?>> byUri, string field, Action<ConceptUri, List<object?>> entry)
    {
        var offsets = new int[asked.Count + 1];
        var targets = new List<ConceptUri>();
        for (var i = 0; i < asked.Count; i++)
        {
            if (byUri.TryGetValue(asked[i].Value, out var row))
            {
                foreach (var item in row.List(field).Cast<List<object?>>())
                {
                    var target = ConceptUri.Parse((string)item[0]!);
                    targets.Add(target);
                    entry(target, item);
                }
            }

            offsets[i + 1] = targets.Count;
        }

        return new NeighbourLists([.. targets], offsets);
    }

    /// <summary>The URI lists in field <paramref name="field"/> of each row, as one <see cref="NeighbourLists"/> (each list by URI).</summary>
    private static NeighbourLists Lists(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, string field)
    {
        var offsets = new int[rows.Count + 1];
        var targets = new List<ConceptUri>();
        for (var i = 0; i < rows.Count; i++)
        {
            targets.AddRange(SortedUris(rows[i].List(field)));
            offsets[i + 1] = targets.Count;
        }

        return new NeighbourLists([.. targets], offsets);
    }

    public async ValueTask<Page<ConceptUri>> ListConceptsAsync(ConceptFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.After is { } cursor ? Cursor.Decode(cursor) : null;
        var row = (await _client.ReadAsync(
            CypherStatements.ListConcepts,
            new Dictionary<string, object?>
            {
                ["kind"] = (int)filter.Kind,
                ["skillType"] = filter.SkillType is { } st ? (int)st : null,
                ["reuseLevel"] = filter.ReuseLevel is { } rl ? (int)rl : null,
                ["iscoGroupPrefix"] = filter.IscoGroupPrefix,
                ["collections"] = ConceptProperties.CollectionNames(filter.InCollection),
                ["labelContains"] = filter.LabelContains is { } text ? LabelText.Normalize(text) : null,
                ["hasEssentialSkill"] = filter.HasEssentialSkill?.Value,
                ["hasSkill"] = filter.HasSkill?.Value,
                ["after"] = after,
                ["first"] = Math.Max(0, page.First),
            },
            cancellationToken).ConfigureAwait(false)).Single;
        var items = row.List("items").Select(u => ConceptUri.Parse((string)u!)).ToArray();
        var total = row.Int("total");
        if (total == 0 && page.After is null)
        {
            return Page<ConceptUri>.Empty;
        }

        return Page<ConceptUri>.WithEndKey(items, total, items.Length > 0 ? items[^1].Value : null, page.After, row.Int("remaining") > items.Length);
    }

    public async ValueTask<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var row = (await _client.ReadAsync(CypherStatements.Count, new Dictionary<string, object?>(), cancellationToken).ConfigureAwait(false)).Single;
        var collections = new Dictionary<string, int>(StringComparer.Ordinal);
        if (row.Map("collections") is { } map)
        {
            foreach (var (name, value) in map)
            {
                collections[name] = (int)(Values.AsLong(value) ?? 0);
            }
        }

        return new GraphCounts
        {
            Occupations = row.Int("occupations"),
            Skills = row.Int("skills"),
            SkillGroups = row.Int("skillGroups"),
            IscoGroups = row.Int("iscoGroups"),
            Essential = row.Int("essential"),
            Optional = row.Int("optional"),
            SkillBroader = row.Int("skillBroader"),
            OccupationBroader = row.Int("occupationBroader"),
            SkillSkill = row.Int("skillSkill"),
            Labels = row.Int("labels"),
            Collections = collections,
            LastImport = row.Map("lastImport") is { } run ? ImportRuns.FromMap(run) : null,
        };
    }

    public ValueTask<WriteResult> WriteAsync(GraphBatch batch, IProgress<WriteProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new Neo4jGraphWriter(_client, _options, progress).WriteAsync(batch, cancellationToken);

    public void Dispose() => _client.Dispose();

    private static string[] Distinct(IReadOnlyList<ConceptUri> uris)
    {
        var seen = new HashSet<string>(uris.Count, StringComparer.Ordinal);
        var result = new List<string>(uris.Count);
        foreach (var uri in uris)
        {
            if (seen.Add(uri.Value))
            {
                result.Add(uri.Value);
            }
        }

        return [.. result];
    }
}
