using SkillGraph.Student;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The student's extraction path on real ONNX sessions — the MiniLM encoder from its NuGet package and a scorer graph
/// written by <see cref="ScorerModel"/> — with an untrained (identity) head over a small catalog, so it needs no
/// trained artefact. The trained model's figures come from <c>skillgraph eval</c> (bench/RESULTS.md).
/// </summary>
public sealed class ExtractorPipelineTests : IDisposable
{
    private static readonly SkillEntry[] Skills =
    [
        new("http://example.org/skill/java", "Java (computer programming)", ["Java"]),
        new("http://example.org/skill/cook", "cook meat", ["prepare meat dishes"]),
        new("http://example.org/skill/sql", "SQL", ["structured query language"]),
        new("http://example.org/skill/team", "work in teams", ["teamwork"]),
        new("http://example.org/skill/drive", "drive vehicles", ["driving"]),
    ];

    private readonly MiniLmEncoder _encoder = new(new MiniLmOptions { IntraOpThreads = 1 });

    [Fact]
    public void The_encoder_puts_related_phrases_closer_than_unrelated_ones()
    {
        var vectors = _encoder.Embed(["software developer", "programmer", "butcher"]);
        static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
        Assert.Equal(MiniLmEncoder.Dimension, vectors[0].Length);
        Assert.InRange(vectors[0].Sum(x => x * x), 0.99f, 1.01f);
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]) + 0.1f);
    }

    [Fact]
    public void The_server_setting_gives_the_same_vectors_alone_and_under_concurrent_calls()
    {
        // Two threads for a lone call, a one-thread session while another call runs: the answers must not depend on load.
        using var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2, Quantize = true, NarrowWhenBusy = true });
        string[] texts = ["write Java code", "prepare meat dishes in a kitchen", "structured query language", "drive a forklift truck"];
        var alone = texts.Select(t => encoder.Embed([t])[0]).ToArray();
        var together = new float[64][];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = encoder.Embed([texts[i % texts.Length]])[0]);
        for (var i = 0; i < together.Length; i++)
        {
            Assert.Equal(alone[i % texts.Length], together[i]);
        }
    }

    [Fact]
    public void The_tokenizer_keeps_character_offsets_of_words()
    {
        const string text = "Experience with Java and PostgreSQL.";
        var words = WordPieceTokenizer.SplitWords(text);
        Assert.All(words, w => Assert.InRange(w.End, w.Start + 1, text.Length));
        Assert.Contains(words, w => text[w.Start..w.End] == "Java");
        Assert.Contains(words, w => w.IsPunctuation && text[w.Start..w.End] == ".");
        Assert.Equal(WordPieceTokenizer.ClsId, _encoder.Tokenizer.Encode(text)[0]);
    }

    [Fact]
    public void Extraction_returns_catalog_skills_with_spans_that_point_at_the_evidence()
    {
        var catalog = new SkillCatalog(Skills);
        var index = SkillIndex.Build(catalog, _encoder);
        var scorer = new SkillScorer(ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count));
        using var extractor = new SkillExtractor(new TextEncoder(_encoder, null, SpanContext.Standalone), scorer, catalog);

        const string text = "We are hiring a backend engineer who writes Java every day and knows SQL databases.";
        var skills = extractor.Extract(text, top: 3);
        Assert.Equal(3, skills.Count);
        Assert.Contains(skills.Take(2), s => s.Uri == "http://example.org/skill/java");
        Assert.Contains(skills.Take(2), s => s.Uri == "http://example.org/skill/sql");
        Assert.True(skills[0].Score >= skills[1].Score && skills[1].Score >= skills[2].Score);
        var java = skills.Single(s => s.Uri == "http://example.org/skill/java");
        Assert.Contains("Java", text[java.Spans[0].Start..java.Spans[0].End], StringComparison.Ordinal);
    }

    [Fact]
    public void The_int8_scorer_ranks_as_the_float_graph_does_within_quantisation_noise()
    {
        // Decision 0035: the scorer runs its products in int8 by default. Against the float graph on the same vectors, each
        // skill's fused score moves by well under the gap between a mentioned skill and an unmentioned one.
        var catalog = new SkillCatalog(Skills);
        var index = SkillIndex.Build(catalog, _encoder);
        var graph = ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count);
        using var exact = new SkillScorer(graph, quantize: false);
        using var int8 = new SkillScorer(graph);
        var encoder = new TextEncoder(_encoder, null, SpanContext.Standalone);
        foreach (var text in new[] { "We are hiring a backend engineer who writes Java every day and knows SQL databases.", "Chef de partie: prepare meat dishes and work with the kitchen team." })
        {
            var encoded = encoder.Encode(text);
            var a = exact.Score(encoded, catalog.Count);
            var b = int8.Score(encoded, catalog.Count);
            var floatScores = a.Skills.Zip(a.Scores).ToDictionary(p => p.First, p => p.Second);
            var int8Scores = b.Skills.Zip(b.Scores).ToDictionary(p => p.First, p => p.Second);
            Assert.All(floatScores, p => Assert.InRange(int8Scores[p.Key], p.Value - 0.02f, p.Value + 0.02f));
            Assert.Equal(a.Skills.Take(2).Order(), b.Skills.Take(2).Order());
            Assert.NotEqual(a.Scores, b.Scores); // the int8 graph really ran
        }
    }

    [Fact]
    public async Task Batched_extraction_gives_each_request_the_skills_of_its_own_text()
    {
        var catalog = new SkillCatalog(Skills);
        var index = SkillIndex.Build(catalog, _encoder);
        var scorer = new SkillScorer(ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count));
        using var extractor = new SkillExtractor(new TextEncoder(_encoder, null, SpanContext.Standalone), scorer, catalog);
        using var batcher = new ExtractionBatcher(extractor, maxBatch: 4);
        (string Text, string Skill)[] requests =
        [
            ("We need someone who writes Java every day.", "java"),
            ("You will prepare meat dishes for our restaurant guests.", "cook"),
            ("Experience with structured query language is a must.", "sql"),
            ("A driving licence: you will drive vehicles to our clients.", "drive"),
        ];

        // All submitted at once: the worker serves them in batches, each answer still about its own text.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => batcher.ExtractAsync(requests[i % 4].Text, 1 + (i % 3))));
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(1 + (i % 3), answers[i].Count);
            Assert.Equal($"http://example.org/skill/{requests[i % 4].Skill}", answers[i][0].Uri);
        }

        Assert.Equal(12, batcher.Counts.Texts);
        Assert.True(batcher.Counts.Batches < 12, $"{batcher.Counts.Batches} batches for 12 texts");
        Assert.Equal(extractor.Extract(requests[1].Text, 1)[0].Uri, answers[1][0].Uri);
    }

    [Fact]
    public async Task Batched_extraction_drops_a_request_cancelled_while_it_waits()
    {
        var catalog = new SkillCatalog(Skills);
        var index = SkillIndex.Build(catalog, _encoder);
        var scorer = new SkillScorer(ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count));
        using var extractor = new SkillExtractor(new TextEncoder(_encoder, null, SpanContext.Standalone), scorer, catalog);
        using var batcher = new ExtractionBatcher(extractor, maxBatch: 1);
        var busy = string.Join(' ', Enumerable.Repeat("We need someone who writes Java every day and prepares meat dishes.", 150));

        // One text at a time: while the long text runs, the second waits in the queue, and its caller gives up.
        var first = batcher.ExtractAsync(busy, 3);
        using var gone = new CancellationTokenSource();
        var second = batcher.ExtractAsync("Experience with structured query language is a must.", 1, gone.Token);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.NotEmpty(await first);
        var third = await batcher.ExtractAsync("A driving licence: you will drive vehicles to our clients.", 1);
        Assert.Equal("http://example.org/skill/drive", third[0].Uri);

        Assert.Equal((2L, 2L, 1L), batcher.Counts); // the long text and the third; the cancelled one never ran
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batcher.ExtractAsync("Java", 1, gone.Token));
        Assert.Equal(2L, batcher.Counts.Dropped);
    }

    public void Dispose() => _encoder.Dispose();
}
