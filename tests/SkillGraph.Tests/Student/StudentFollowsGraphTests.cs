using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Student;
using SkillGraph.Student.Serving;
using SkillGraph.Tests.Features.Small;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The student follows graph changes on real ONNX sessions and a real SQLite store: only the labels a change adds are
/// embedded, the extractor answers with the store's skills as they are now, the label cache follows, and a change made
/// while the student loads is not lost.
/// </summary>
public sealed class StudentFollowsGraphTests : IAsyncLifetime
{
    private static readonly ConceptUri SousVide = ConceptUri.Parse("http://example.org/skill/sous-vide");
    private readonly string _directory = TestPaths.NewTempDirectory();
    // float encoder: a label's vector does not depend on what it is embedded with (the int8 one quantises per run)
    private readonly MiniLmEncoder _encoder = new(new MiniLmOptions());
    private SqliteGraphStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "tiny.db"), SeedSampleWhenEmpty = false });
        await _store.WriteAsync(TinyGraph.Batch());
    }

    public Task DisposeAsync()
    {
        _encoder.Dispose();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Following_a_change_embeds_only_the_labels_it_added_and_keeps_every_other_vector()
    {
        SkillEntry[] skills =
        [
            new("http://example.org/skill/cook", "cook meat", ["prepare meat dishes"]),
            new("http://example.org/skill/drive", "drive vehicles", ["driving"]),
            new("http://example.org/skill/java", "Java (computer programming)", ["Java"]),
            new("http://example.org/skill/sql", "SQL", ["structured query language"]),
            new("http://example.org/skill/team", "work in teams", ["teamwork"]),
        ];
        var before = new SkillCatalog(skills);
        var index = SkillIndex.Build(before, _encoder);
        var after = before.With(
            [
                new("http://example.org/skill/java", "program in Java", ["Java"]), // relabelled
                new("http://example.org/skill/sql", "SQL", ["structured query language", "write SQL queries"]), // a label added
                new("http://example.org/skill/sous-vide", "operate a sous-vide circulator", ["sous-vide cooking"]), // created
            ],
            ["http://example.org/skill/drive"]); // deprecated
        var embedded = new List<string>();

        var followed = index.Follow(before, after, labels =>
        {
            embedded.AddRange(labels);
            return _encoder.Embed(labels, 64);
        });

        string[] added = ["operate a sous-vide circulator", "program in Java", "sous-vide cooking", "write SQL queries"];
        Assert.Equal(added, embedded.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["http://example.org/skill/cook", "http://example.org/skill/java", "http://example.org/skill/sous-vide", "http://example.org/skill/sql", "http://example.org/skill/team"],
            after.Skills.Select(s => s.Uri));
        followed.EnsureMatches(after); // the fingerprint of the catalog a full rebuild would see
        var rebuilt = SkillIndex.Build(after, _encoder);
        Assert.Equal(rebuilt.AltOwner, followed.AltOwner);
        Assert.Same(index.Preferred[before.IndexOfUri("http://example.org/skill/team")], followed.Preferred[after.IndexOfUri("http://example.org/skill/team")]);
        Assert.Same(index.Alt[0], followed.Alt[0]); // "prepare meat dishes", kept
        for (var i = 0; i < after.Count; i++)
        {
            Assert.True(Cosine(rebuilt.Preferred[i], followed.Preferred[i]) > 0.999f, after[i].PreferredLabel);
        }

        for (var a = 0; a < rebuilt.Alt.Length; a++)
        {
            Assert.True(Cosine(rebuilt.Alt[a], followed.Alt[a]) > 0.999f, $"alternative label {a}");
        }

        var nothing = followed.Follow(after, after, _ => throw new InvalidOperationException("nothing is new, nothing is embedded"));
        Assert.Equal(followed.Preferred, nothing.Preferred);
    }

    [Fact]
    public async Task Concurrent_extractions_while_the_catalog_swaps_answer_from_one_catalog_or_the_other()
    {
        var without = new SkillCatalog(
        [
            new("http://example.org/skill/cook", "cook meat", ["prepare meat dishes"]),
            new("http://example.org/skill/java", "Java (computer programming)", ["Java"]),
        ]);
        var with = without.With([new("http://example.org/skill/sous-vide", "operate a sous-vide circulator", ["sous-vide cooking"])], []);
        SkillScorer ScorerOf(SkillCatalog catalog) => new(ScorerModel.Build(null, MiniLmEncoder.Dimension, SkillIndex.Build(catalog, _encoder).LabelMatrix(0.5f), catalog.Count));
        var scorers = new[] { ScorerOf(without), ScorerOf(with) };
        using var extractor = new SkillExtractor(new TextEncoder(_encoder, null, SpanContext.Phrase), scorers[0], without, [scorers[0]]);
        using var stop = new CancellationTokenSource();
        var answers = new System.Collections.Concurrent.ConcurrentBag<string[]>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                answers.Add([.. extractor.Extract("We cook meat with sous-vide cooking and write Java.", 3).Select(m => m.Uri)]);
            }
        })).ToArray();

        for (var swap = 0; swap < 20; swap++)
        {
            var catalog = swap % 2 == 0 ? with : without;
            extractor.Follow(catalog, ScorerOf(catalog)); // the one swapped out is disposed once its rankings end
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.All(answers, uris => Assert.True(uris.Length == 2 ? !uris.Contains("http://example.org/skill/sous-vide") : uris.Length == 3, string.Join(" ", uris)));
        Assert.Contains(answers, uris => uris.Length == 3);
        Assert.Contains(answers, uris => uris.Length == 2);
        scorers[1].Dispose();
    }

    [Fact]
    public async Task A_skill_written_to_the_store_is_extracted_once_the_student_follows_and_a_restart_finds_its_labels_cached()
    {
        var cache = Path.Combine(_directory, "student");
        var options = Options.Create(new StudentOptions { CacheDirectory = cache });
        using (var student = new StudentSkillExtractor(_store, options, NullLogger<StudentSkillExtractor>.Instance))
        {
            await student.WhenReady;
            const string text = "Our line cooks prepare fish with sous-vide cooking every day.";
            Assert.DoesNotContain(SousVide.Value, (await student.ExtractAsync(text, 3)).Skills.Select(s => s.Uri));

            await _store.WriteAsync(new GraphBatch { Concepts = [new ConceptWrite(SousVideSkill())], Source = "test" });
            var followed = await student.FollowAsync([SousVide]);

            Assert.Equal((1, 0, 2), (followed!.Changed, followed.Removed, followed.LabelsEmbedded));
            Assert.Equal(SousVide.Value, (await student.ExtractAsync(text, 1)).Skills[0].Uri);
            Assert.Null(await student.FollowAsync([SousVide, TinyGraph.Java])); // nothing new: nothing embedded, nothing swapped

            await _store.WriteAsync(new GraphBatch { Concepts = [new ConceptWrite(SousVideSkill() with { Status = "deprecated" })], Source = "test" });
            var gone = await student.FollowAsync([SousVide]);
            Assert.Equal((0, 1, 0), (gone!.Changed, gone.Removed, gone.LabelsEmbedded));
            Assert.DoesNotContain(SousVide.Value, (await student.ExtractAsync(text, 3)).Skills.Select(s => s.Uri));
        }

        // the cache holds the store's current catalog, and only it
        var catalog = await StoreCatalog.LoadAsync(_store);
        Assert.Equal([StudentModels.IndexPath(catalog, cache)], Directory.GetFiles(cache));
        SkillIndex.Load(StudentModels.IndexPath(catalog, cache)).EnsureMatches(catalog);
    }

    [Fact]
    public async Task A_change_committed_while_the_student_loads_is_followed_once_it_is_loaded()
    {
        var readCatalog = new TaskCompletionSource();
        using var mayFinishLoading = new ManualResetEventSlim();
        var store = AfterFirstRead.Wrap(_store, () =>
        {
            readCatalog.SetResult();
            mayFinishLoading.Wait(TimeSpan.FromMinutes(1));
        });
        var options = Options.Create(new StudentOptions { CacheDirectory = Path.Combine(_directory, "student") });
        using var student = new StudentSkillExtractor(store, options, NullLogger<StudentSkillExtractor>.Instance);
        var loading = student.WhenReady;
        await readCatalog.Task.WaitAsync(TimeSpan.FromMinutes(1)); // the load has read the skills: it will not see what follows

        await _store.WriteAsync(new GraphBatch { Concepts = [new ConceptWrite(SousVideSkill())], Source = "test" });
        Assert.Null(await student.FollowAsync([SousVide])); // still loading: kept for when it is loaded
        mayFinishLoading.Set();
        await loading.WaitAsync(TimeSpan.FromMinutes(2));

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (student.LastFollow is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(SousVide.Value, (await student.ExtractAsync("We want sous-vide cooking skills.", 1)).Skills[0].Uri);
        Assert.Equal(2, student.LastFollow!.LabelsEmbedded);
    }

    [Fact]
    public async Task The_graph_reranking_reads_a_relation_a_steward_added_after_the_student_follows_the_change()
    {
        var options = Options.Create(new StudentOptions { CacheDirectory = Path.Combine(_directory, "student"), GraphWeight = 0.1f });
        using var student = new StudentSkillExtractor(_store, options, NullLogger<StudentSkillExtractor>.Instance);
        await student.WhenReady;
        bool DeveloperNeedsCooking() => student.Get().Extractor.Reranking!.Prior.Listing(TinyGraph.Cooking.Value).Essential.Contains(TinyGraph.Developer);
        Assert.Equal(0.1f, student.Get().Extractor.Reranking!.Options.Weight);
        Assert.False(DeveloperNeedsCooking());

        await _store.WriteAsync(new GraphBatch { AddRelations = [new Relation(TinyGraph.Developer, RelationType.EssentialSkill, TinyGraph.Cooking)], Source = "test" });
        Assert.Null(await student.FollowAsync([TinyGraph.Developer, TinyGraph.Cooking])); // no label changed: the scorer stays

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!DeveloperNeedsCooking() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50); // the snapshot is read in the background, so the change answers as fast as before
        }

        Assert.True(DeveloperNeedsCooking());
    }

    [Fact]
    public async Task Tagged_spans_by_default_are_wider_than_best_ones_with_the_same_skills()
    {
        const string text = "You will design and build scalable microservices in Java and write SQL queries.";
        var best = Options.Create(new StudentOptions { CacheDirectory = Path.Combine(_directory, "student"), SpanExtent = SpanExtent.Best });
        var tagged = Options.Create(new StudentOptions { CacheDirectory = Path.Combine(_directory, "student") }); // the default
        using var plain = new StudentSkillExtractor(_store, best, NullLogger<StudentSkillExtractor>.Instance);
        using var widened = new StudentSkillExtractor(_store, tagged, NullLogger<StudentSkillExtractor>.Instance);
        await plain.WhenReady;
        await widened.WhenReady;

        var a = (await plain.ExtractAsync(text, 5)).Skills;
        var b = (await widened.ExtractAsync(text, 5)).Skills;

        Assert.Equal(SpanExtent.Best, plain.Get().Extractor.SpanExtent);
        Assert.Equal(SpanExtent.Tagged, widened.Get().Extractor.SpanExtent);
        Assert.Equal(a.Select(m => (m.Uri, m.Score)), b.Select(m => (m.Uri, m.Score)));
        var pairs = a.Zip(b).Where(p => p.First.Spans.Count > 0).ToList();
        Assert.All(pairs, p => Assert.True(p.Second.Spans[0].Start <= p.First.Spans[0].Start && p.Second.Spans[0].End >= p.First.Spans[0].End));
        Assert.Contains(pairs, p => p.Second.Spans[0].End - p.Second.Spans[0].Start > p.First.Spans[0].End - p.First.Spans[0].Start);
    }

    [Fact]
    public void A_span_that_is_a_label_gets_its_standalone_vector_in_a_long_text_and_the_table_follows_the_index_rows()
    {
        SkillEntry[] skills =
        [
            new("http://example.org/skill/python", "Python (computer programming)", ["Python", "write Python scripts for data analysis work"]),
            new("http://example.org/skill/sql", "SQL", ["structured query language"]),
            new("http://example.org/skill/team", "work in teams", ["teamwork"]),
        ];
        var catalog = new SkillCatalog(skills);
        var index = SkillIndex.Build(catalog, _encoder);
        var table = LabelSpanVectors.Build(catalog, index, _encoder.Tokenizer, maxWords: 4);
        var python = _encoder.Embed(["Python"])[0];

        // every label of at most four words, with its own row (the longer alternative label is never a candidate span)
        Assert.Equal(6, table.Count);
        var row = new float[MiniLmEncoder.Dimension];
        Assert.True(table.TryCopyTo(Tokens("Python"), row));
        Assert.Equal(index.Alt[0].Select(x => (float)(Half)x), row); // the index's row at its stored precision
        Assert.True(table.TryCopyTo(Tokens("structured query language"), row));
        Assert.Equal(index.Alt[2].Select(x => (float)(Half)x), row);
        Assert.False(table.TryCopyTo(Tokens("python scripts"), row));

        // in a long text (Phrase context) "Python" is pooled from its phrase; with the table it is the label's own vector
        const string text = "I built churn and demand forecasting models in Python with pandas and scikit-learn, and queried the warehouse with SQL.";
        var pooled = new TextEncoder(_encoder, null, SpanContext.Phrase).Encode(text);
        var labelled = new TextEncoder(_encoder, null, SpanContext.Phrase) { LabelSpans = table }.Encode(text);
        var at = pooled.Segments.Spans.ToList().FindIndex(sp => text[sp.Chars.Start..sp.Chars.End] == "Python");
        Assert.True(at >= 0, "no candidate span \"Python\"");
        Assert.True(Cosine(Unit(SpanVector(pooled, at)), python) < 0.95f, "the pooled vector is already the label's");
        Assert.Equal(1f, Cosine(Unit(SpanVector(labelled, at)), python), 2);
        var other = pooled.Segments.Spans.ToList().FindIndex(sp => text[sp.Chars.Start..sp.Chars.End] == "pandas");
        Assert.Equal(SpanVector(pooled, other), SpanVector(labelled, other)); // not a label: pooled as before

        // a followed index keeps its rows skill by skill: an added label maps to its new row
        var after = catalog.With([new("http://example.org/skill/sql", "SQL", ["structured query language", "write SQL queries"])], []);
        var followed = index.Follow(catalog, after, labels => _encoder.Embed(labels));
        Assert.True(LabelSpanVectors.Build(after, followed, _encoder.Tokenizer, 4).TryCopyTo(Tokens("write SQL queries"), row));
        Assert.Equal(1f, Cosine(row, _encoder.Embed(["write SQL queries"])[0]), 2);

        int[] Tokens(string label) => [.. _encoder.Tokenizer.Encode(label).Skip(1).SkipLast(1)];
    }

    [Fact]
    public void A_skill_keeps_no_alternative_label_that_an_occupation_has_and_a_followed_catalog_remembers_them()
    {
        var tool = new Concept
        {
            Uri = ConceptUri.Parse("http://example.org/skill/chef"),
            Kind = ConceptKind.Skill,
            PreferredLabel = "Chef (tools for software configuration management)",
            Labels = [new ConceptLabel("Chef", LabelKind.Alternative), new ConceptLabel("Chef Infra", LabelKind.Alternative)],
        };
        var occupations = new HashSet<string>(StringComparer.Ordinal) { "chef", "sous chef" };

        // "chef" names the cook: the tool keeps its other labels, and keeps them all where no occupation is known
        Assert.Equal(["Chef Infra"], StoreCatalog.Entry(tool, occupations).AltLabels);
        Assert.Equal(["Chef", "Chef Infra"], StoreCatalog.Entry(tool, new HashSet<string>()).AltLabels);
        var catalog = new SkillCatalog([StoreCatalog.Entry(tool, occupations)]) { OccupationLabels = occupations };
        Assert.Same(occupations, catalog.With([StoreCatalog.Entry(SousVideSkill(), occupations)], []).OccupationLabels);
    }

    private static float[] SpanVector(EncodedText encoded, int span) => encoded.SpanVectors.AsSpan(span * MiniLmEncoder.Dimension, MiniLmEncoder.Dimension).ToArray();

    private static float[] Unit(float[] v)
    {
        var copy = (float[])v.Clone();
        MiniLmEncoder.Normalize(copy);
        return copy;
    }

    private static Concept SousVideSkill() => new()
    {
        Uri = SousVide,
        Kind = ConceptKind.Skill,
        PreferredLabel = "operate a sous-vide circulator",
        Labels = [new ConceptLabel("sous-vide cooking", LabelKind.Alternative)],
    };

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}

/// <summary>A store that runs a callback after its first <see cref="IGraphStore.GetConceptsAsync"/> (the student's catalog read).</summary>
public class AfterFirstRead : DispatchProxy // not sealed: DispatchProxy derives from it
{
    private IGraphStore _inner = null!;
    private Action? _then;

    public static IGraphStore Wrap(IGraphStore inner, Action then)
    {
        var store = DispatchProxy.Create<IGraphStore, AfterFirstRead>();
        var proxy = (AfterFirstRead)(object)store;
        proxy._inner = inner;
        proxy._then = then;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        if (targetMethod.Name == nameof(IGraphStore.GetConceptsAsync))
        {
            Interlocked.Exchange(ref _then, null)?.Invoke();
        }

        return result;
    }
}
