using System.Text.Json;
using System.Text.Json.Serialization;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Sample;

namespace SkillGraph.Tests.Graph;

/// <summary>
/// The embedded store updates its snapshot from each small write instead of reloading the file: after any sequence of
/// small writes it must answer every port read exactly as a store freshly opened on the same file does.
/// </summary>
public sealed class IncrementalSnapshotTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(), new UriKeys() } };
    private static readonly ConceptKind[] Kinds = [ConceptKind.Occupation, ConceptKind.Skill, ConceptKind.SkillGroup, ConceptKind.IscoGroup];
    private readonly string _directory = TestPaths.NewTempDirectory();

    [Theory]
    [InlineData(1, 4096, true)]
    [InlineData(2, 4096, true)]
    [InlineData(3, 4096, false)]
    [InlineData(6, 400, true)]
    [InlineData(7, 400, true)]
    [InlineData(4, 40, true)]
    [InlineData(5, 40, false)]
    public async Task After_random_small_writes_every_read_answers_as_a_fresh_load_of_the_file(int seed, int compactAfter, bool warm)
    {
        var path = Path.Combine(_directory, $"random-{seed}.db");
        using var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path, SeedSampleWhenEmpty = false, WarmSearchIndex = warm });
        store.CompactAfter = compactAfter;
        var sample = SampleGraph.Load();
        await store.WriteAsync(sample);
        var random = new Random(seed);
        var edits = new RandomEdits(random, sample);
        for (var step = 1; step <= 60; step++)
        {
            var (batch, fails) = edits.Next();
            if (fails)
            {
                await Assert.ThrowsAnyAsync<SkillGraphException>(() => store.WriteAsync(batch).AsTask());
            }
            else
            {
                await store.WriteAsync(batch);
                edits.Commit(batch);
            }

            if (step % 6 == 0)
            {
                await AssertSameAsFreshLoadAsync(store, path, random, edits.Words, $"seed {seed}, step {step}");
            }
        }
    }

    [Fact]
    public async Task A_label_edit_is_found_by_search_at_once()
    {
        using var store = await OpenSampleAsync("label.db");
        var developer = (await store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation)))[0];
        var concept = (await store.GetConceptsAsync([developer.Uri]))[0]!;

        await store.WriteAsync(new GraphBatch { Concepts = [new(concept with { PreferredLabel = "quantum gardener", Labels = [] }, concept.Version)] });

        var hits = await store.SearchAsync(new SearchQuery("quantum gard"));
        Assert.Equal(developer.Uri, Assert.Single(hits).Uri);
        Assert.Equal("quantum gardener", hits[0].PreferredLabel);
        Assert.DoesNotContain(await store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation, 200)), h => h.Uri == developer.Uri);
        Assert.Equal(concept.Version + 1, (await store.GetConceptsAsync([developer.Uri]))[0]!.Version);
        var listed = await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation) { LabelContains = "GARDENER" }, PageRequest.All);
        Assert.Equal([developer.Uri], listed.Items);
    }

    [Fact]
    public async Task A_removed_relation_disappears_from_both_directions()
    {
        using var store = await OpenSampleAsync("remove.db");
        var developer = (await store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation)))[0].Uri;
        var skills = await store.GetNeighboursAsync(developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All);
        var skill = skills.Items[skills.Items.Count / 2];
        var essentialBefore = (await store.CountAsync()).Essential;

        await store.WriteAsync(new GraphBatch { RemoveRelations = [new(developer, RelationType.EssentialSkill, skill)] });

        var after = await store.GetNeighboursAsync(developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All);
        Assert.Equal(skills.Items.Where(s => s != skill), after.Items);
        Assert.DoesNotContain(developer, (await store.GetNeighboursAsync(skill, RelationType.EssentialSkill, Direction.Incoming, PageRequest.All)).Items);
        Assert.Equal(essentialBefore - 1, (await store.CountAsync()).Essential);
    }

    [Fact]
    public async Task A_new_concept_is_listed_and_paged_in_URI_order()
    {
        using var store = await OpenSampleAsync("new.db");
        var skills = (await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), PageRequest.All)).Items;
        var developer = (await store.SearchAsync(new SearchQuery("software developer", ConceptKind.Occupation)))[0].Uri;
        var essential = (await store.GetNeighboursAsync(developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All)).Items;

        // A URI that sorts between two of the developer's skills, so that it lands inside the lists, not at an end.
        var uri = ConceptUri.Parse(essential[0].Value + "0");
        await store.WriteAsync(new GraphBatch
        {
            Concepts = [new(new Concept { Uri = uri, Kind = ConceptKind.Skill, PreferredLabel = "curate skill graphs" })],
            AddRelations = [new(developer, RelationType.EssentialSkill, uri)],
        });

        var listed = new List<ConceptUri>();
        string? after = null;
        do
        {
            var page = await store.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), new PageRequest(50, after));
            listed.AddRange(page.Items);
            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null);

        Assert.Equal(skills.Append(uri).Order(), listed);
        Assert.Equal(essential.Append(uri).Order(), (await store.GetNeighboursAsync(developer, RelationType.EssentialSkill, Direction.Outgoing, PageRequest.All)).Items);
        Assert.Equal(skills.Count + 1, (await store.CountAsync()).Skills);
        Assert.Equal(1, (await store.GetConceptsAsync([uri]))[0]!.Version);
        Assert.Equal(uri, (await store.SearchAsync(new SearchQuery("curate skill")))[0].Uri);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<SqliteGraphStore> OpenSampleAsync(string name)
    {
        var store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, name), SeedSampleWhenEmpty = false });
        await store.WriteAsync(SampleGraph.Load());
        return store;
    }

    private static async Task AssertSameAsFreshLoadAsync(SqliteGraphStore incremental, string path, Random random, IReadOnlyList<string> words, string when)
    {
        using var fresh = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = path, SeedSampleWhenEmpty = false });
        async Task<T> Same<T>(string what, Func<IGraphStore, ValueTask<T>> read)
        {
            var answer = await read(fresh);
            var expected = JsonSerializer.Serialize(answer, Json);
            var actual = JsonSerializer.Serialize(await read(incremental), Json);
            if (expected != actual)
            {
                Assert.Fail($"{when}: {what} differs.\nfresh:       {expected}\nincremental: {actual}");
            }

            return answer;
        }

        // Every page of a read, `size` at a time through the cursors, compared page by page.
        async Task SamePagesAsync(string what, Func<IGraphStore, PageRequest, ValueTask<Page<ConceptUri>>> read, int size)
        {
            var request = new PageRequest(size);
            for (var n = 0; ; n++)
            {
                var page = await Same($"{what} page {n}", async s => PageAnswer.Of(await read(s, request)));
                if (!page.HasNextPage)
                {
                    return;
                }

                request = new PageRequest(size, page.EndCursor);
            }
        }

        await Same("counts", s => s.CountAsync());
        var uris = new List<ConceptUri>();
        foreach (var kind in Kinds)
        {
            await Same($"all {kind}", s => s.ListConceptsAsync(new ConceptFilter(kind), PageRequest.All));
            await SamePagesAsync($"{kind} pages", (s, page) => s.ListConceptsAsync(new ConceptFilter(kind), page), 7);
            uris.AddRange((await fresh.ListConceptsAsync(new ConceptFilter(kind), PageRequest.All)).Items);
        }

        var missing = ConceptUri.Parse("http://example.org/nowhere");
        await Same("concepts", s => s.GetConceptsAsync([.. uris, missing]));
        for (var type = RelationType.EssentialSkill; type <= RelationType.OptionalRelatedSkill; type++)
        {
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming })
            {
                var (t, d) = (type, direction);
                await Same($"{t} {d} of many", s => s.GetNeighboursManyAsync([.. uris, missing], t, d, new PageRequest(3)));
                await Same($"all {t} {d} of many", s => s.GetAllNeighboursManyAsync([.. uris, missing], t, d));
                await Same($"{t} {d} counts", s => s.CountNeighboursManyAsync([.. uris, missing], t, d));
                foreach (var uri in uris)
                {
                    if ((await fresh.GetNeighboursAsync(uri, t, d, new PageRequest(0))).TotalCount > 2)
                    {
                        await SamePagesAsync($"{t} {d} of {uri}", (s, page) => s.GetNeighboursAsync(uri, t, d, page), 2);
                    }
                }
            }
        }

        for (var q = 0; q < 40; q++)
        {
            var word = words[random.Next(words.Count)];
            var text = (q % 4) switch
            {
                0 => word,
                1 => word[..Math.Min(word.Length, 2 + random.Next(3))],
                2 => word + " " + words[random.Next(words.Count)][..2],
                _ => words[random.Next(words.Count)] + " " + word,
            };
            ConceptKind? kind = (q % 3) switch { 0 => null, 1 => ConceptKind.Skill, _ => ConceptKind.Occupation };
            await Same($"search '{text}' {kind}", s => s.SearchAsync(new SearchQuery(text, kind, q % 2 == 0 ? 10 : SearchQuery.MaxResults)));
        }

        var byKind = new Dictionary<ConceptKind, ConceptUri[]>();
        foreach (var kind in Kinds)
        {
            byKind[kind] = [.. (await fresh.ListConceptsAsync(new ConceptFilter(kind), PageRequest.All)).Items];
        }

        ConceptUri Any(ConceptKind kind) => byKind[kind][random.Next(byKind[kind].Length)];
        var filters = new List<ConceptFilter>
        {
            new(ConceptKind.Skill) { LabelContains = words[random.Next(words.Count)] },
            new(ConceptKind.Occupation) { LabelContains = words[random.Next(words.Count)][..2] },
            new(ConceptKind.Skill) { SkillType = SkillType.Knowledge, ReuseLevel = ReuseLevel.CrossSector },
            new(ConceptKind.Skill) { InCollection = EscoCollections.Digital },
            new(ConceptKind.Occupation) { IscoGroupPrefix = "2" },
            new(ConceptKind.Occupation) { HasEssentialSkill = Any(ConceptKind.Skill) },
            new(ConceptKind.Occupation) { HasSkill = Any(ConceptKind.Skill) },
        };
        foreach (var filter in filters)
        {
            await SamePagesAsync($"list {filter}", (s, page) => s.ListConceptsAsync(filter, page), 3);
        }

        for (var w = 0; w < 8; w++)
        {
            var occupation = Any(ConceptKind.Occupation);
            var skill = Any(ConceptKind.Skill);
            ConceptUri[] held = [.. Enumerable.Range(0, 6).Select(_ => Any(ConceptKind.Skill))];
            await Same($"neighbourhood up from {skill}", s => s.GetNeighbourhoodAsync([new WalkStart(skill, 3), new WalkStart(occupation, 2)], RelationType.Broader, Direction.Outgoing));
            await Same($"neighbourhood down from {occupation}", s => s.GetNeighbourhoodAsync([new WalkStart(occupation, 3)], RelationType.Broader, Direction.Incoming));
            await Same($"occupation skills of {occupation}", s => s.GetOccupationSkillsAsync(occupation));
            await Same($"skill relations of {skill}", s => s.GetSkillRelationsAsync(skill, 10));
            await Same("skill listings", s => s.GetSkillListingsAsync(held));
            await Same($"peers of {occupation}", s => s.GetOccupationPeersAsync(occupation, withOptional: w % 2 == 0));
            await Same($"career candidates from {occupation}", s => s.GetCareerCandidatesAsync(occupation, held));
            await Same($"skill gap graph of {occupation}", s => s.GetSkillGapGraphAsync(occupation, held));
            await Same("skill links", s => s.GetSkillLinksAsync(held));
        }
    }

    /// <summary>Concept URIs as JSON strings, also as dictionary keys (what the walk answers hold).</summary>
    private sealed class UriKeys : JsonConverter<ConceptUri>
    {
        public override ConceptUri Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ConceptUri.Parse(reader.GetString());

        public override void Write(Utf8JsonWriter writer, ConceptUri value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, ConceptUri value, JsonSerializerOptions options) => writer.WritePropertyName(value.Value);
    }

    private sealed record PageAnswer(IReadOnlyList<ConceptUri> Items, int TotalCount, bool HasNextPage, string? EndCursor)
    {
        public static PageAnswer Of(Page<ConceptUri> page) => new(page.Items, page.TotalCount, page.HasNextPage, page.EndCursor);
    }

    /// <summary>
    /// Random small batches over the sample graph, each of one to three edits: label and content changes, new concepts
    /// (URIs anywhere in URI order), added and removed relations, unchanged rewrites, skipped rows, and batches that
    /// must fail (a relation to nowhere, a stale version). It keeps its own model of the graph to choose from.
    /// </summary>
    private sealed class RandomEdits
    {
        private readonly Random _random;
        private readonly Dictionary<ConceptUri, Concept> _concepts;
        private readonly List<ConceptUri> _uris;
        private readonly HashSet<Relation> _relations;

        public RandomEdits(Random random, GraphBatch graph)
        {
            _random = random;
            _concepts = graph.Concepts.ToDictionary(c => c.Concept.Uri, c => c.Concept);
            _uris = [.. _concepts.Keys.Order()];
            _relations = [.. graph.AddRelations];
            Words =
            [
                .. _concepts.Values.SelectMany(c => LabelText.Tokens(LabelText.Normalize(c.PreferredLabel))).Where(w => w.Length >= 3).Distinct().Order(StringComparer.Ordinal).Take(150),
                "steward", "curated", "zebra", "ångström", "c++",
            ];
        }

        public IReadOnlyList<string> Words { get; }

        public (GraphBatch Batch, bool Fails) Next()
        {
            var concepts = new Dictionary<ConceptUri, ConceptWrite>();
            var added = new List<Relation>();
            var removed = new List<Relation>();
            var skipped = new List<SkippedRow>();
            var fails = false;
            for (var edits = 1 + _random.Next(3); edits > 0; edits--)
            {
                switch (_random.Next(12))
                {
                    case 0 or 1:
                        var edited = Pick();
                        concepts[edited.Uri] = new(edited with { PreferredLabel = Label(), Labels = AltLabels() });
                        break;
                    case 2:
                        var changed = Pick();
                        concepts[changed.Uri] = new(changed with
                        {
                            Collections = changed.Collections ^ EscoCollections.Digital,
                            SkillType = changed.SkillType is null ? SkillType.Knowledge : null,
                            Kind = _random.Next(4) == 0 ? ConceptKind.Skill : changed.Kind,
                            ModifiedAt = new DateTimeOffset(2026, 11, 30, 12, _random.Next(60), 0, TimeSpan.FromHours(2)),
                        });
                        break;
                    case 3 or 4:
                        var kind = _random.Next(3) == 0 ? "occupation" : "skill";
                        var uri = ConceptUri.Parse($"http://data.europa.eu/esco/{kind}/{_random.Next(16):x}{Guid.NewGuid():N}");
                        concepts[uri] = new(new Concept
                        {
                            Uri = uri,
                            Kind = kind == "skill" ? ConceptKind.Skill : ConceptKind.Occupation,
                            PreferredLabel = Label(),
                            Labels = AltLabels(),
                            Code = kind == "occupation" ? "2" + _random.Next(1000) : null,
                        });
                        if (_random.Next(2) == 0)
                        {
                            added.Add(new(Pick().Uri, RelationType.EssentialSkill, uri));
                            added.Add(new(uri, RelationType.Broader, Pick().Uri));
                        }

                        break;
                    case 5 or 6:
                        added.Add(new(Pick().Uri, (RelationType)(1 + _random.Next(5)), Pick().Uri));
                        break;
                    case 7 or 8:
                        var relation = _relations.ElementAt(_random.Next(_relations.Count));
                        removed.Add(relation);
                        if (_random.Next(4) == 0)
                        {
                            added.Add(relation); // removed and added back in one batch: still there
                        }

                        break;
                    case 9:
                        var same = Pick();
                        concepts[same.Uri] = new(same);
                        removed.Add(new(same.Uri, RelationType.OptionalRelatedSkill, Pick().Uri)); // mostly not there: no change
                        break;
                    case 10:
                        skipped.Add(new SkippedRow("steward.csv", _random.Next(100), "essential", "unknown skill", "row " + _random.Next(1000)));
                        break;
                    default:
                        var fail = _random.Next(2) == 0;
                        fails |= fail;
                        if (fail && _random.Next(2) == 0)
                        {
                            added.Add(new(Pick().Uri, RelationType.EssentialSkill, ConceptUri.Parse("http://example.org/nowhere/" + _random.Next(1000))));
                        }
                        else if (fail)
                        {
                            var stale = Pick();
                            concepts[stale.Uri] = new(stale with { PreferredLabel = Label() }, ExpectedVersion: 999);
                        }
                        else
                        {
                            var twice = Pick();
                            concepts[twice.Uri] = new(twice with { PreferredLabel = twice.PreferredLabel + " " + Label() });
                        }

                        break;
                }
            }

            return (new GraphBatch { Concepts = [.. concepts.Values], AddRelations = added, RemoveRelations = removed, Skipped = skipped, Source = "steward" }, fails);
        }

        public void Commit(GraphBatch batch)
        {
            foreach (var write in batch.Concepts)
            {
                if (_concepts.TryAdd(write.Concept.Uri, write.Concept))
                {
                    _uris.Add(write.Concept.Uri);
                }
                else
                {
                    _concepts[write.Concept.Uri] = write.Concept;
                }
            }

            _relations.ExceptWith(batch.RemoveRelations);
            _relations.UnionWith(batch.AddRelations);
        }

        private Concept Pick() => _concepts[_uris[_random.Next(_uris.Count)]];

        private string Word() => Words[_random.Next(Words.Count)];

        private string Label() => string.Join(' ', Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Word()));

        private ConceptLabel[] AltLabels() =>
        [
            .. Enumerable.Range(0, _random.Next(4)).Select(i => new ConceptLabel(
                Label(),
                i == 2 ? LabelKind.Hidden : LabelKind.Alternative,
                i == 1 && _random.Next(2) == 0 ? "fr" : "en")),
        ];
    }
}
