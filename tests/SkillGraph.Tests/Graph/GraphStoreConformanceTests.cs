using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Tests.Graph;

/// <summary>
/// What every <see cref="IGraphStore"/> adapter must do. An adapter's test class derives from this and says how
/// to create an empty store; the embedded adapter runs it here, the Neo4j adapter against the fake Query API and, when
/// NEO4J_URL is set, a live server (otherwise its store factory skips every test with that reason: SkippableFact).
/// </summary>
public abstract class GraphStoreConformanceTests
{
    protected static readonly ConceptUri Developer = U("occupation/developer");
    protected static readonly ConceptUri Tester = U("occupation/tester");
    protected static readonly ConceptUri Chef = U("occupation/chef");
    protected static readonly ConceptUri IctGroup = U("isco/C25");
    protected static readonly ConceptUri Programming = U("skill/programming");
    protected static readonly ConceptUri Java = U("skill/java");
    protected static readonly ConceptUri Testing = U("skill/testing");
    protected static readonly ConceptUri Cooking = U("skill/cooking");
    protected static readonly ConceptUri Creme = U("skill/creme");
    protected static readonly ConceptUri Computing = U("skillgroup/computing");

    /// <summary>A new, empty store that the test owns.</summary>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync();

    protected static ConceptUri U(string path) => ConceptUri.Parse("http://example.org/test/" + path);

    protected static GraphBatch SmallGraph() => new()
    {
        Source = "conformance",
        Concepts =
        [
            new(new Concept { Uri = IctGroup, Kind = ConceptKind.IscoGroup, PreferredLabel = "Software and applications developers", Code = "25" }),
            new(new Concept { Uri = Developer, Kind = ConceptKind.Occupation, PreferredLabel = "software developer", Code = "2512.4", Labels = [new("programmer", LabelKind.Alternative), new("coder", LabelKind.Hidden)] }),
            new(new Concept { Uri = Tester, Kind = ConceptKind.Occupation, PreferredLabel = "software tester", Code = "2519.1" }),
            new(new Concept { Uri = Chef, Kind = ConceptKind.Occupation, PreferredLabel = "chef", Code = "3434.1", Labels = [new("cuisinier", LabelKind.Alternative, "fr")] }),
            new(new Concept { Uri = Computing, Kind = ConceptKind.SkillGroup, PreferredLabel = "computing" }),
            new(new Concept { Uri = Programming, Kind = ConceptKind.Skill, PreferredLabel = "computer programming", SkillType = SkillType.Knowledge, ReuseLevel = ReuseLevel.CrossSector, Collections = EscoCollections.Digital }),
            new(new Concept { Uri = Java, Kind = ConceptKind.Skill, PreferredLabel = "Java (computer programming)", SkillType = SkillType.Knowledge, ReuseLevel = ReuseLevel.SectorSpecific, Labels = [new("Java", LabelKind.Alternative)], Collections = EscoCollections.Digital }),
            new(new Concept { Uri = Testing, Kind = ConceptKind.Skill, PreferredLabel = "perform software tests", SkillType = SkillType.SkillCompetence, ReuseLevel = ReuseLevel.SectorSpecific }),
            new(new Concept { Uri = Cooking, Kind = ConceptKind.Skill, PreferredLabel = "cook food", SkillType = SkillType.SkillCompetence, ReuseLevel = ReuseLevel.CrossSector }),
            new(new Concept { Uri = Creme, Kind = ConceptKind.Skill, PreferredLabel = "prepare crème brûlée", SkillType = SkillType.SkillCompetence, ReuseLevel = ReuseLevel.OccupationSpecific }),
        ],
        AddRelations =
        [
            new(Developer, RelationType.Broader, IctGroup),
            new(Tester, RelationType.Broader, IctGroup),
            new(Developer, RelationType.EssentialSkill, Programming),
            new(Developer, RelationType.EssentialSkill, Java),
            new(Developer, RelationType.OptionalSkill, Testing),
            new(Tester, RelationType.EssentialSkill, Testing),
            new(Tester, RelationType.OptionalSkill, Java),
            new(Chef, RelationType.EssentialSkill, Cooking),
            new(Chef, RelationType.OptionalSkill, Creme),
            new(Java, RelationType.Broader, Programming),
            new(Programming, RelationType.Broader, Computing),
            new(Testing, RelationType.Broader, Computing),
            new(Java, RelationType.OptionalRelatedSkill, Testing),
        ],
    };

    protected async Task<IGraphStore> CreateSmallGraphAsync()
    {
        var store = await CreateEmptyStoreAsync();
        await store.WriteAsync(SmallGraph());
        return store;
    }

    [SkippableFact]
    public async Task GetConcepts_returns_concepts_in_the_order_asked_and_null_for_unknown_uris()
    {
        using var store = await CreateSmallGraphAsync();
        var concepts = await store.GetConceptsAsync([Java, U("skill/nope"), Developer]);
        Assert.Equal(3, concepts.Count);
        Assert.Equal("Java (computer programming)", concepts[0]!.PreferredLabel);
        Assert.Null(concepts[1]);
        Assert.Equal(ConceptKind.Occupation, concepts[2]!.Kind);
        Assert.Contains(concepts[2]!.Labels, l => l is { Text: "programmer", Kind: LabelKind.Alternative, Language: "en" });
        Assert.Contains(concepts[2]!.Labels, l => l is { Text: "coder", Kind: LabelKind.Hidden });
        Assert.Equal(1, concepts[0]!.Version);
    }

    [SkippableFact]
    public async Task Neighbours_follow_relation_type_and_direction()
    {
        using var store = await CreateSmallGraphAsync();
        var essential = await store.GetNeighboursAsync(Developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All);
        Assert.Equal([Java, Programming], essential.Items.OrderBy(u => u).ToArray());
        Assert.Equal(2, essential.TotalCount);

        var essentialFor = await store.GetNeighboursAsync(Testing, RelationType.EssentialSkill, Direction.Incoming, PageRequest.All);
        Assert.Equal([Tester], essentialFor.Items);

        var narrower = await store.GetNeighboursAsync(IctGroup, RelationType.Broader, Direction.Incoming, PageRequest.All);
        Assert.Equal([Developer, Tester], narrower.Items.OrderBy(u => u).ToArray());

        var unknown = await store.GetNeighboursAsync(U("skill/nope"), RelationType.Broader, Direction.Outgoing, PageRequest.All);
        Assert.Empty(unknown.Items);
    }

    [SkippableFact]
    public async Task Neighbour_pages_are_ordered_by_uri_complete_and_without_duplicates()
    {
        using var store = await CreateSmallGraphAsync();
        var seen = new List<ConceptUri>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await store.GetNeighboursAsync(Computing, RelationType.Broader, Direction.Incoming, new PageRequest(1, after));
            seen.AddRange(page.Items);
            Assert.Equal(2, page.TotalCount);
            after = page.HasNextPage ? page.EndCursor : null;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(2, pages);
        Assert.Equal([Programming, Testing], seen);
        Assert.Equal(seen.OrderBy(u => u), seen);
    }

    [SkippableFact]
    public async Task Neighbours_of_many_equal_the_neighbours_of_each()
    {
        using var store = await CreateSmallGraphAsync();
        ConceptUri[] occupations = [Chef, Developer, U("occupation/nope"), Tester];
        var many = await store.GetNeighboursManyAsync(occupations, RelationType.OptionalSkill, Direction.Outgoing, new PageRequest(10));
        Assert.Equal(occupations.Length, many.Count);
        for (var i = 0; i < occupations.Length; i++)
        {
            var one = await store.GetNeighboursAsync(occupations[i], RelationType.OptionalSkill, Direction.Outgoing, new PageRequest(10));
            Assert.Equal(one.Items, many[i].Items);
        }
    }

    [SkippableFact]
    public async Task A_bad_cursor_is_refused_with_a_clear_message()
    {
        using var store = await CreateSmallGraphAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetNeighboursAsync(Developer, RelationType.EssentialSkill, Direction.Outgoing, new PageRequest(5, "garbage!")));
        Assert.Contains("garbage!", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("JAVA", "Java (computer programming)")]
    [InlineData("creme brulee", "prepare crème brûlée")]
    [InlineData("Crème", "prepare crème brûlée")]
    [InlineData("softw dev", "software developer")]
    [InlineData("programmer", "software developer")]
    public async Task Search_is_case_and_diacritic_insensitive_and_matches_prefixes(string text, string expected)
    {
        using var store = await CreateSmallGraphAsync();
        var hits = await store.SearchAsync(new SearchQuery(text));
        Assert.NotEmpty(hits);
        Assert.Equal(expected, hits[0].PreferredLabel);
        Assert.InRange(hits[0].Score, 0.0001, 1.0);
    }

    [SkippableFact]
    public async Task Search_ranks_an_exact_label_first_and_names_the_label_that_matched()
    {
        using var store = await CreateSmallGraphAsync();
        var hits = await store.SearchAsync(new SearchQuery("java"));
        Assert.Equal(Java, hits[0].Uri);
        Assert.Equal("Java", hits[0].MatchedLabel);
        Assert.Equal(LabelKind.Alternative, hits[0].MatchedLabelKind);

        var programming = await store.SearchAsync(new SearchQuery("computer programming"));
        Assert.Equal(Programming, programming[0].Uri);
        Assert.Equal(1.0, programming[0].Score);
        Assert.True(programming[1].Score < programming[0].Score);
    }

    [SkippableFact]
    public async Task Search_filters_by_kind_needs_every_word_and_ignores_hidden_labels()
    {
        using var store = await CreateSmallGraphAsync();
        var skills = await store.SearchAsync(new SearchQuery("software", ConceptKind.Skill));
        Assert.Equal([Testing], skills.Select(h => h.Uri));
        Assert.Empty(await store.SearchAsync(new SearchQuery("software cook")));
        Assert.Empty(await store.SearchAsync(new SearchQuery("coder")));
        Assert.Empty(await store.SearchAsync(new SearchQuery("   ")));
    }

    [SkippableFact]
    public async Task List_concepts_applies_every_filter_and_pages()
    {
        using var store = await CreateSmallGraphAsync();
        async Task<ConceptUri[]> List(ConceptFilter filter) => [.. (await store.ListConceptsAsync(filter, PageRequest.All)).Items];

        Assert.Equal([Chef, Developer, Tester], await List(new ConceptFilter(ConceptKind.Occupation)));
        Assert.Equal([Developer, Tester], await List(new ConceptFilter(ConceptKind.Occupation) { IscoGroupPrefix = "25" }));
        Assert.Equal([Developer], await List(new ConceptFilter(ConceptKind.Occupation) { HasEssentialSkill = Java }));
        Assert.Equal([Developer, Tester], await List(new ConceptFilter(ConceptKind.Occupation) { HasSkill = Java }));
        Assert.Equal([Java, Programming], await List(new ConceptFilter(ConceptKind.Skill) { InCollection = EscoCollections.Digital }));
        Assert.Equal([Java, Programming], await List(new ConceptFilter(ConceptKind.Skill) { SkillType = SkillType.Knowledge }));
        Assert.Equal([Creme], await List(new ConceptFilter(ConceptKind.Skill) { ReuseLevel = ReuseLevel.OccupationSpecific }));
        Assert.Equal([Creme], await List(new ConceptFilter(ConceptKind.Skill) { LabelContains = "BRULEE" }));
        Assert.Equal([Developer], await List(new ConceptFilter(ConceptKind.Occupation) { LabelContains = "program" }));

        var first = await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), new PageRequest(2));
        Assert.True(first.HasNextPage);
        Assert.Equal(3, first.TotalCount);
        var second = await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), new PageRequest(2, first.EndCursor));
        Assert.Equal([Tester], second.Items);
        Assert.False(second.HasNextPage);
    }

    [SkippableFact]
    public async Task Counts_follow_the_graph()
    {
        using var store = await CreateSmallGraphAsync();
        var counts = await store.CountAsync();
        Assert.Equal(3, counts.Occupations);
        Assert.Equal(5, counts.Skills);
        Assert.Equal(1, counts.SkillGroups);
        Assert.Equal(1, counts.IscoGroups);
        Assert.Equal(4, counts.Essential);
        Assert.Equal(3, counts.Optional);
        Assert.Equal(3, counts.SkillBroader);
        Assert.Equal(2, counts.OccupationBroader);
        Assert.Equal(1, counts.SkillSkill);
        Assert.Equal(2, counts.Collections["digital"]);
    }

    [SkippableFact]
    public async Task GetNeighbourhood_walks_up_broader_to_each_starts_depth_in_URI_order()
    {
        using var store = await CreateSmallGraphAsync();
        WalkStart[] starts = [new(Java, 2), new(Developer, 1), new(U("skill/nope"), 3), new(Testing, 8)];
        var walk = await store.GetNeighbourhoodAsync(starts, RelationType.Broader, Direction.Outgoing);

        // Java 2 deep: Java and Programming (not Computing, two steps up); Testing 8 deep: Testing, Computing.
        Assert.Equal([Java, Developer, U("skill/nope"), Testing, Programming, Computing], walk.Concepts); // the starts, then the rest by URI
        AssertSameAs(starts, ExpectedWalk(starts, RelationType.Broader, outgoing: true), walk);
        Assert.Equal([Programming], walk.OfStart(0));
        Assert.Equal([IctGroup], walk.OfStart(1));
        Assert.Equal(0, walk.OfStart(2).Count);
        Assert.Equal([Programming, Computing], walk.FirstNeighbourPath(Java, 8));
        Assert.Empty(walk.FirstNeighbourPath(Computing, 8));
    }

    [SkippableFact]
    public async Task GetNeighbourhood_of_eight_steps_gives_whole_paths_and_walks_any_relation()
    {
        using var store = await CreateSmallGraphAsync();
        var up = await store.GetNeighbourhoodAsync([new(Java, 8), new(Tester, 8)], RelationType.Broader, Direction.Outgoing);
        AssertSameAs([new(Java, 8), new(Tester, 8)], ExpectedWalk([new(Java, 8), new(Tester, 8)], RelationType.Broader, outgoing: true), up);
        Assert.Equal([Programming, Computing], up.FirstNeighbourPath(Java, 8));
        Assert.Equal([Programming], up.FirstNeighbourPath(Java, 1));
        Assert.Equal([IctGroup], up.FirstNeighbourPath(Tester, 8));

        WalkStart[] down = [new(Testing, 3)];
        var listedBy = await store.GetNeighbourhoodAsync(down, RelationType.EssentialSkill, Direction.Incoming);
        AssertSameAs(down, ExpectedWalk(down, RelationType.EssentialSkill, outgoing: false), listedBy);
        Assert.Equal([Tester], listedBy.OfStart(0));
    }

    [SkippableFact]
    public async Task GetNeighbourhood_refuses_a_depth_outside_one_to_eight()
    {
        using var store = await CreateSmallGraphAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.GetNeighbourhoodAsync([new(Java, 0)], RelationType.Broader, Direction.Outgoing));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.GetNeighbourhoodAsync([new(Java, Neighbourhood.MaxDepth + 1)], RelationType.Broader, Direction.Outgoing));
    }

    [SkippableFact]
    public async Task GetOccupationSkills_lists_essential_and_optional_skills_by_URI_with_how_often_each_is_listed()
    {
        using var store = await CreateSmallGraphAsync();
        var relations = SmallGraph().AddRelations;
        int ListedBy(ConceptUri skill) => relations.Count(r => r.Target == skill && r.Type is RelationType.EssentialSkill or RelationType.OptionalSkill);
        foreach (var occupation in (ConceptUri[])[Developer, Tester, Chef])
        {
            var skills = await store.GetOccupationSkillsAsync(occupation);
            var essential = relations.Where(r => r.Source == occupation && r.Type == RelationType.EssentialSkill).Select(r => r.Target).Order().ToList();
            var optional = relations.Where(r => r.Source == occupation && r.Type == RelationType.OptionalSkill).Select(r => r.Target).Order().ToList();
            Assert.Equal(essential, skills.Essential);
            Assert.Equal(optional, skills.Optional);
            Assert.Equal(essential.Select(ListedBy), skills.EssentialListedBy);
            Assert.Equal(optional.Select(ListedBy), skills.OptionalListedBy);
        }

        var developer = await store.GetOccupationSkillsAsync(Developer);
        Assert.Equal([Java, Programming], developer.Essential);
        Assert.Equal([2, 1], developer.EssentialListedBy); // Java: essential here, optional for the tester
        var unknown = await store.GetOccupationSkillsAsync(U("occupation/nope"));
        Assert.Empty(unknown.Essential);
        Assert.Empty(unknown.Optional);
    }

    [SkippableFact]
    public async Task GetSkillRelations_counts_co_required_skills_most_first_and_lists_skill_skill_relations_by_URI()
    {
        using var store = await CreateSmallGraphAsync();
        var relations = SmallGraph().AddRelations;
        List<ConceptUri> Targets(ConceptUri source, RelationType type) => [.. relations.Where(r => r.Source == source && r.Type == type).Select(r => r.Target).Order()];
        List<ConceptUri> Sources(ConceptUri target, RelationType type) => [.. relations.Where(r => r.Target == target && r.Type == type).Select(r => r.Source).Order()];
        foreach (var skill in (ConceptUri[])[Programming, Java, Testing, Cooking, Creme])
        {
            foreach (var first in (int[])[1, 20])
            {
                var walk = await store.GetSkillRelationsAsync(skill, first);
                var occupations = Sources(skill, RelationType.EssentialSkill);
                var expected = occupations.SelectMany(o => Targets(o, RelationType.EssentialSkill)).Where(s => s != skill)
                    .GroupBy(s => s).Select(g => (Uri: g.Key, Count: g.Count()))
                    .OrderByDescending(g => g.Count).ThenBy(g => g.Uri).Take(first).ToList();
                Assert.Equal(occupations.Count, walk.OccupationsRequiring);
                Assert.Equal(expected.Select(e => e.Uri), walk.CoRequired);
                Assert.Equal(expected.Select(e => e.Count), walk.CoRequiredBy);
                Assert.Equal(Targets(skill, RelationType.EssentialRelatedSkill), walk.EssentialOut);
                Assert.Equal(Sources(skill, RelationType.EssentialRelatedSkill), walk.EssentialIn);
                Assert.Equal(Targets(skill, RelationType.OptionalRelatedSkill), walk.OptionalOut);
                Assert.Equal(Sources(skill, RelationType.OptionalRelatedSkill), walk.OptionalIn);
            }
        }

        var java = await store.GetSkillRelationsAsync(Java, 20);
        Assert.Equal(1, java.OccupationsRequiring);
        Assert.Equal([Programming], java.CoRequired); // the developer's other essential skill
        Assert.Equal([1], java.CoRequiredBy);
        Assert.Equal([Testing], java.OptionalOut);
        Assert.Equal([Java], (await store.GetSkillRelationsAsync(Testing, 20)).OptionalIn);
        var unknown = await store.GetSkillRelationsAsync(U("skill/nope"), 20);
        Assert.Equal(0, unknown.OccupationsRequiring);
        Assert.Empty(unknown.CoRequired);
        Assert.Empty(unknown.EssentialOut);
        Assert.Empty(unknown.OptionalIn);
    }

    [SkippableFact]
    public async Task GetSkillListings_gives_each_skills_occupations_by_URI_and_their_skill_list_sizes()
    {
        using var store = await CreateSmallGraphAsync();
        var relations = SmallGraph().AddRelations;
        List<ConceptUri> Sources(ConceptUri target, RelationType type) => [.. relations.Where(r => r.Target == target && r.Type == type).Select(r => r.Source).Order()];
        int Size(ConceptUri source, RelationType type) => relations.Count(r => r.Source == source && r.Type == type);
        ConceptUri[] skills = [Testing, Java, U("skill/nope"), Cooking];
        var listings = await store.GetSkillListingsAsync(skills);

        Assert.Equal(3, listings.OccupationCount);
        for (var i = 0; i < skills.Length; i++)
        {
            Assert.Equal(Sources(skills[i], RelationType.EssentialSkill), listings.EssentialFor[i]);
            Assert.Equal(Sources(skills[i], RelationType.OptionalSkill), listings.OptionalFor[i]);
        }

        List<ConceptUri> occupations = [.. skills.SelectMany(s => Sources(s, RelationType.EssentialSkill).Concat(Sources(s, RelationType.OptionalSkill))).Distinct().Order()];
        Assert.Equal([Chef, Developer, Tester], occupations.Order()); // the small graph's three occupations list these skills
        Assert.Equal(occupations, listings.Occupations);
        Assert.Equal(occupations.Select(o => Size(o, RelationType.EssentialSkill)), listings.EssentialCounts);
        Assert.Equal(occupations.Select(o => Size(o, RelationType.OptionalSkill)), listings.OptionalCounts);
        Assert.Equal([Developer], listings.OptionalFor[0]); // the developer has testing as an optional skill
    }

    /// <summary>The walk computed from <see cref="SmallGraph"/>'s relations, breadth first: concept → its neighbours by URI.</summary>
    private static SortedDictionary<ConceptUri, List<ConceptUri>> ExpectedWalk(IEnumerable<WalkStart> starts, RelationType type, bool outgoing)
    {
        var relations = SmallGraph().AddRelations.Where(r => r.Type == type).ToList();
        List<ConceptUri> Next(ConceptUri uri) => [.. relations.Where(r => (outgoing ? r.Source : r.Target) == uri).Select(r => outgoing ? r.Target : r.Source).Order()];
        var expected = new SortedDictionary<ConceptUri, List<ConceptUri>>();
        foreach (var start in starts)
        {
            var level = new List<ConceptUri> { start.Uri };
            for (var step = 0; step < start.Depth && level.Count > 0; step++)
            {
                foreach (var uri in level)
                {
                    expected[uri] = Next(uri);
                }

                level = [.. level.SelectMany(Next).Distinct()];
            }
        }

        return expected;
    }

    private static void AssertSameAs(WalkStart[] starts, SortedDictionary<ConceptUri, List<ConceptUri>> expected, Neighbourhood walk)
    {
        Assert.Equal([.. starts.Select(s => s.Uri), .. expected.Keys.Where(u => !starts.Any(s => s.Uri == u))], walk.Concepts);
        Assert.Equal(starts.Length, walk.StartCount);
        for (var i = 0; i < walk.Concepts.Count; i++)
        {
            Assert.Equal(expected[walk.Concepts[i]], walk.Neighbours[i]);
            Assert.Equal(expected[walk.Concepts[i]], walk.Of(walk.Concepts[i]));
        }
    }

    [SkippableFact]
    public async Task Writing_the_same_graph_again_changes_nothing_and_keeps_versions()
    {
        using var store = await CreateSmallGraphAsync();
        var result = await store.WriteAsync(SmallGraph() with { ReplaceAll = true });
        Assert.Equal(0, result.Inserted);
        Assert.Equal(0, result.Updated);
        Assert.Equal(SmallGraph().Concepts.Count, result.Unchanged);
        var java = (await store.GetConceptsAsync([Java]))[0]!;
        Assert.Equal(1, java.Version);
        Assert.Equal(4, (await store.CountAsync()).Essential);
    }

    [SkippableFact]
    public async Task A_changed_concept_gets_the_next_version_and_a_stale_writer_is_refused()
    {
        using var store = await CreateSmallGraphAsync();
        var java = (await store.GetConceptsAsync([Java]))[0]!;
        await store.WriteAsync(new GraphBatch { Concepts = [new(java with { Description = "A language." }, ExpectedVersion: 1)] });
        var updated = (await store.GetConceptsAsync([Java]))[0]!;
        Assert.Equal(2, updated.Version);
        Assert.Equal("A language.", updated.Description);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await store.WriteAsync(new GraphBatch { Concepts = [new(java with { Description = "Stale." }, ExpectedVersion: 1)] }));
        Assert.Equal(2, conflict.Actual);
        Assert.Equal("A language.", (await store.GetConceptsAsync([Java]))[0]!.Description);
    }

    [SkippableFact]
    public async Task A_failing_write_changes_nothing()
    {
        using var store = await CreateSmallGraphAsync();
        var newSkill = new Concept { Uri = U("skill/kotlin"), Kind = ConceptKind.Skill, PreferredLabel = "Kotlin" };
        await Assert.ThrowsAsync<GraphWriteException>(async () => await store.WriteAsync(new GraphBatch
        {
            Concepts = [new(newSkill)],
            AddRelations = [new(Developer, RelationType.OptionalSkill, newSkill.Uri), new(Developer, RelationType.OptionalSkill, U("skill/missing"))],
        }));

        Assert.Null((await store.GetConceptsAsync([newSkill.Uri]))[0]);
        Assert.Equal(3, (await store.CountAsync()).Optional);
    }

    [SkippableFact]
    public async Task Replacing_the_graph_removes_what_the_new_one_lacks()
    {
        using var store = await CreateSmallGraphAsync();
        var smaller = SmallGraph() with
        {
            ReplaceAll = true,
            Concepts = [.. SmallGraph().Concepts.Where(c => c.Concept.Uri != Creme)],
            AddRelations = [.. SmallGraph().AddRelations.Where(r => r.Target != Creme)],
        };
        var result = await store.WriteAsync(smaller);
        Assert.Equal(1, result.Removed);
        Assert.Null((await store.GetConceptsAsync([Creme]))[0]);
        Assert.Empty((await store.GetNeighboursAsync(Chef, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All)).Items);
    }

    [SkippableFact]
    public async Task Relations_can_be_removed()
    {
        using var store = await CreateSmallGraphAsync();
        await store.WriteAsync(new GraphBatch { RemoveRelations = [new(Developer, RelationType.EssentialSkill, Java)] });
        var essential = await store.GetNeighboursAsync(Developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All);
        Assert.Equal([Programming], essential.Items);
        Assert.Equal([Programming], (await store.GetNeighboursAsync(Java, RelationType.Broader, Direction.Outgoing, PageRequest.All)).Items);
    }

    [SkippableFact]
    public async Task Readers_see_the_old_or_the_new_graph_while_a_writer_writes()
    {
        using var store = await CreateSmallGraphAsync();
        var extra = Enumerable.Range(0, 2000)
            .Select(i => new ConceptWrite(new Concept { Uri = U($"skill/extra{i:D4}"), Kind = ConceptKind.Skill, PreferredLabel = $"extra skill {i}" }))
            .ToList();
        var write = Task.Run(async () => await store.WriteAsync(new GraphBatch
        {
            Concepts = extra,
            AddRelations = [.. extra.Select(e => new Relation(Chef, RelationType.OptionalSkill, e.Concept.Uri))],
        }));

        var observed = new HashSet<int>();
        while (!write.IsCompleted)
        {
            var page = await store.GetNeighboursAsync(Chef, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All);
            Assert.Equal(page.TotalCount, page.Items.Count);
            observed.Add(page.TotalCount);
            var optional = (await store.CountAsync()).Optional;
            Assert.True(optional is 3 or 2003, $"{optional} optional relations");
        }

        await write;
        Assert.Equal(2001, (await store.GetNeighboursAsync(Chef, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All)).TotalCount);
        Assert.True(observed.IsSubsetOf([1, 2001]), string.Join(",", observed));
    }

    [SkippableFact]
    public async Task The_walk_reads_answer_as_their_composition_from_the_neighbour_reads()
    {
        using var store = await CreateSmallGraphAsync();
        static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value);
        static string Sorted(IReadOnlyDictionary<ConceptUri, IReadOnlyList<ConceptUri>> map) => Json(map.OrderBy(e => e.Key).Select(e => new { e.Key, Value = e.Value.ToArray() }));
        ConceptUri[] held = [Java, Testing, Cooking, U("skill/nope"), Tester, Java];
        foreach (var occupation in (ConceptUri[])[Developer, Tester, Chef, U("occupation/nope")])
        {
            var gap = await store.GetSkillGapGraphAsync(occupation, held);
            var composedGap = await ComposedReads.SkillGapGraphAsync(store, occupation, held, CancellationToken.None);
            Assert.Equal(Json(composedGap.Occupation), Json(gap.Occupation));
            Assert.Equal(Json(composedGap.Held), Json(gap.Held));
            Assert.Equal(Json(composedGap.Essential), Json(gap.Essential));
            Assert.Equal(composedGap.EssentialReach, gap.EssentialReach);
            Assert.Equal(Json(composedGap.Optional), Json(gap.Optional));
            Assert.Equal(composedGap.OptionalReach, gap.OptionalReach);
            Assert.Equal(Sorted(composedGap.Broader), Sorted(gap.Broader));
            Assert.Equal(Sorted(composedGap.Narrower), Sorted(gap.Narrower));

            foreach (var withOptional in (bool[])[true, false])
            {
                var peers = await store.GetOccupationPeersAsync(occupation, withOptional);
                var composedPeers = await ComposedReads.OccupationPeersAsync(store, occupation, withOptional, CancellationToken.None);
                Assert.Equal(Json(composedPeers), Json(peers));
            }

            var moves = await store.GetCareerCandidatesAsync(occupation, [Cooking]);
            Assert.Equal(Json(await ComposedReads.CareerCandidatesAsync(store, occupation, [Cooking], CancellationToken.None)), Json(moves));
        }

        var developerGap = await store.GetSkillGapGraphAsync(Developer, held);
        Assert.Equal([Programming, Computing], developerGap.Broader[Java].Concat(developerGap.Broader[Programming]));
        Assert.Empty(developerGap.Narrower[Java]);
        Assert.False(developerGap.Narrower.ContainsKey(Programming), "narrower is walked from held skills only");
        var links = await store.GetSkillLinksAsync([Java, Testing, Cooking]);
        var composedLinks = await ComposedReads.SkillLinksAsync(store, [Java, Testing, Cooking], CancellationToken.None);
        Assert.Equal(Json(composedLinks.All), Json(links.All));
        Assert.Equal(composedLinks.ListedBy.OrderBy(l => l.Key), links.ListedBy.OrderBy(l => l.Key));
        Assert.Equal([Testing], links.OptionalOut[0]);
    }

    [SkippableFact]
    public async Task A_change_set_is_logged_with_its_write_and_read_back_by_concept_time_and_page()
    {
        using var store = await CreateSmallGraphAsync();
        var start = DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 3; i++)
        {
            var java = (await store.GetConceptsAsync([Java]))[0]!;
            var at = start.AddMinutes(i);
            await store.WriteAsync(new GraphBatch
            {
                Concepts = [new(java with { PreferredLabel = $"Java {i}", ModifiedAt = at }, java.Version)],
                ChangeSet = new ChangeSet(ChangeSet.NewId(at), "steward", $"rename {i}", at, [new FieldChange(Java, "preferredLabel", $"\"{java.PreferredLabel}\"", $"\"Java {i}\"")]),
            });
        }

        await store.WriteAsync(new GraphBatch
        {
            AddRelations = [new(Chef, RelationType.OptionalSkill, Java)],
            ChangeSet = new ChangeSet(ChangeSet.NewId(start.AddMinutes(5)), "reviewer", "java for chefs", start.AddMinutes(5), [new FieldChange(Chef, "optionalSkill", null, $"\"{Java.Value}\"")]),
        });

        var all = await store.GetChangeSetsAsync(new ChangeFilter(), PageRequest.All);
        Assert.Equal(4, all.TotalCount);
        Assert.Equal(["rename 0", "rename 1", "rename 2", "java for chefs"], all.Items.Select(c => c.Comment));
        var javaHistory = await store.GetChangeSetsAsync(new ChangeFilter(Java), new PageRequest(2));
        Assert.Equal(3, javaHistory.TotalCount);
        Assert.Equal(["rename 0", "rename 1"], javaHistory.Items.Select(c => c.Comment));
        Assert.True(javaHistory.HasNextPage);
        var rest = await store.GetChangeSetsAsync(new ChangeFilter(Java), new PageRequest(2, javaHistory.EndCursor));
        Assert.Equal(["rename 2"], rest.Items.Select(c => c.Comment));
        Assert.False(rest.HasNextPage);
        var since = await store.GetChangeSetsAsync(new ChangeFilter(null, start.AddMinutes(2)), PageRequest.All);
        Assert.Equal(["rename 2", "java for chefs"], since.Items.Select(c => c.Comment));

        var one = await store.GetChangeSetAsync(all.Items[3].Id);
        Assert.Equal("reviewer", one!.Author);
        Assert.Equal(start.AddMinutes(5), one.CreatedAt);
        Assert.Equal([new FieldChange(Chef, "optionalSkill", null, $"\"{Java.Value}\"")], one.Changes);
        Assert.Null(await store.GetChangeSetAsync("nope"));

        // A write that fails logs nothing.
        var stale = (await store.GetConceptsAsync([Java]))[0]!;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.WriteAsync(new GraphBatch
        {
            Concepts = [new(stale with { PreferredLabel = "Java stale" }, stale.Version - 1)],
            ChangeSet = new ChangeSet(ChangeSet.NewId(start.AddMinutes(9)), "steward", "stale", start.AddMinutes(9), [new FieldChange(Java, "preferredLabel", null, null)]),
        }));
        Assert.Equal(4, (await store.GetChangeSetsAsync(new ChangeFilter(), PageRequest.All)).TotalCount);
    }

    [SkippableFact]
    public async Task A_proposal_is_stored_pending_listed_by_status_and_reviewed_once_an_acceptance_with_the_write_that_applies_it()
    {
        using var store = await CreateSmallGraphAsync();
        var proposals = Assert.IsAssignableFrom<IProposalStore>(store);
        var start = DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        const string Batch = """[{"op":"addRelation","input":{"type":"OPTIONAL","from":"x","to":"y"}}]""";
        var first = new Proposal(ChangeSet.NewId(start), "steward", "java for chefs", start, Batch);
        var second = new Proposal(ChangeSet.NewId(start.AddMinutes(1)), "steward", "rename java", start.AddMinutes(1), "[]");
        await proposals.AddProposalAsync(first);
        await proposals.AddProposalAsync(second);
        Assert.Equal(ErrorCode.Conflict, (await Assert.ThrowsAnyAsync<SkillGraphException>(async () => await proposals.AddProposalAsync(first))).Code);

        Assert.Equal(first, await proposals.GetProposalAsync(first.Id));
        Assert.Null(await proposals.GetProposalAsync("nope"));
        var pending = await proposals.GetProposalsAsync(ProposalStatus.Pending, new PageRequest(1));
        Assert.Equal((2, true), (pending.TotalCount, pending.HasNextPage));
        Assert.Equal([first.Id], pending.Items.Select(p => p.Id));
        var next = await proposals.GetProposalsAsync(ProposalStatus.Pending, new PageRequest(1, pending.EndCursor));
        Assert.Equal([second.Id], next.Items.Select(p => p.Id));

        // Rejected once; a second review of it is refused.
        var rejection = new ProposalReview(second.Id, ProposalStatus.Rejected, "reviewer", "not now", start.AddMinutes(2));
        await proposals.ReviewProposalAsync(rejection);
        await Assert.ThrowsAsync<ProposalNotPendingException>(async () => await proposals.ReviewProposalAsync(rejection with { Comment = "again" }));
        Assert.Equal(second with { Status = ProposalStatus.Rejected, Reviewer = "reviewer", ReviewComment = "not now", ReviewedAt = start.AddMinutes(2) }, await proposals.GetProposalAsync(second.Id));

        // Accepted with the write that applies it: the change set names the reviewer; a second acceptance writes nothing.
        var changeSet = new ChangeSet(ChangeSet.NewId(start.AddMinutes(3)), "steward", "java for chefs", start.AddMinutes(3), [new FieldChange(Chef, "optionalSkill", null, $"\"{Java.Value}\"")], Reviewer: "reviewer");
        var accept = new ProposalReview(first.Id, ProposalStatus.Accepted, "reviewer", "good", start.AddMinutes(3), changeSet.Id);
        await store.WriteAsync(new GraphBatch { AddRelations = [new(Chef, RelationType.OptionalSkill, Java)], ChangeSet = changeSet, Review = accept });
        Assert.Equal("reviewer", (await store.GetChangeSetAsync(changeSet.Id))!.Reviewer);
        Assert.Equal((ProposalStatus.Accepted, changeSet.Id), ((await proposals.GetProposalAsync(first.Id))!.Status, (await proposals.GetProposalAsync(first.Id))!.ChangeSetId));
        var again = changeSet with { Id = ChangeSet.NewId(start.AddMinutes(4)) };
        await Assert.ThrowsAsync<ProposalNotPendingException>(async () => await store.WriteAsync(new GraphBatch { AddRelations = [new(Chef, RelationType.OptionalSkill, Testing)], ChangeSet = again, Review = accept }));
        Assert.Null(await store.GetChangeSetAsync(again.Id));
        Assert.DoesNotContain(Testing, (await store.GetNeighboursAsync(Chef, RelationType.OptionalSkill, Direction.Outgoing, PageRequest.All)).Items);
        Assert.Equal(0, (await proposals.GetProposalsAsync(ProposalStatus.Pending, PageRequest.All)).TotalCount);
        Assert.Equal(2, (await proposals.GetProposalsAsync(null, PageRequest.All)).TotalCount);
    }
}
