using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Student;

namespace SkillGraph.Tests.Student;

/// <summary>The span tagger (decision 0027): its decoding rules, how tagged spans widen answers, and its file.</summary>
public sealed class SpanTaggerTests : IDisposable
{
    private static readonly SkillEntry[] Skills =
    [
        new("http://example.org/skill/java", "Java (computer programming)", ["Java"]),
        new("http://example.org/skill/micro", "design microservices", ["microservices"]),
        new("http://example.org/skill/sql", "SQL", ["structured query language"]),
        new("http://example.org/skill/team", "work in teams", ["teamwork"]),
    ];

    private static readonly TaggedWord Out = new(0.05f, 0.05f);
    private static readonly TaggedWord Begin = new(0.8f, 0.1f);
    private static readonly TaggedWord In = new(0.1f, 0.8f);

    private readonly MiniLmEncoder _encoder = new(new MiniLmOptions { IntraOpThreads = 1, Quantize = true });
    private readonly string _folder = Directory.CreateTempSubdirectory("skillgraph-tagger-").FullName;

    [Fact]
    public void A_span_runs_over_the_words_above_the_threshold()
    {
        Assert.Equal(new[] { (1, 3), (5, 5) }, SpanTagger.Decode([Out, Begin, In, In, Out, Begin], 0.5f, splitAtBegin: false, trimPunctuation: false));
        Assert.Equal(new[] { (0, 1) }, SpanTagger.Decode([In, In, new TaggedWord(0.2f, 0.2f)], 0.5f, false, false));
        Assert.Equal(new[] { (0, 2) }, SpanTagger.Decode([In, In, new TaggedWord(0.2f, 0.2f)], 0.4f, false, false));
        Assert.Empty(SpanTagger.Decode([Out, Out], 0.5f, false, false));
    }

    [Fact]
    public void A_likelier_begin_starts_a_new_span_only_when_splitting_at_begins()
    {
        TaggedWord[] words = [Begin, In, Begin, In];
        Assert.Equal(new[] { (0, 1), (2, 3) }, SpanTagger.Decode(words, 0.5f, splitAtBegin: true, trimPunctuation: false));
        Assert.Equal(new[] { (0, 3) }, SpanTagger.Decode(words, 0.5f, splitAtBegin: false, trimPunctuation: false));
    }

    [Fact]
    public void No_span_continues_past_a_sentence_end()
    {
        TaggedWord[] words = [Begin, In with { SentenceEnd = true, Punctuation = true }, In, In];
        Assert.Equal(new[] { (0, 1), (2, 3) }, SpanTagger.Decode(words, 0.5f, false, false));
    }

    [Fact]
    public void Trimming_drops_punctuation_at_the_edges_and_spans_of_punctuation_only()
    {
        TaggedWord[] words = [Begin with { Punctuation = true }, In, In with { Punctuation = true }, Out, In with { Punctuation = true }];
        Assert.Equal(new[] { (1, 1) }, SpanTagger.Decode(words, 0.5f, false, trimPunctuation: true));
        Assert.Equal(new[] { (0, 2), (4, 4) }, SpanTagger.Decode(words, 0.5f, false, trimPunctuation: false));
    }

    [Fact]
    public void A_span_joins_the_tagged_span_of_its_chunk_that_overlaps_it_most()
    {
        var chunk = new TextSpan(0, 100);
        var other = new TextSpan(100, 200);
        (TextSpan, TextSpan)[] tagged = [(chunk, new TextSpan(0, 12)), (chunk, new TextSpan(14, 40)), (other, new TextSpan(100, 150))];
        Assert.Equal(new TextSpan(14, 40), TaggedSpans.Widen(new TextSpan(20, 30), tagged));
        Assert.Equal(new TextSpan(8, 40), TaggedSpans.Widen(new TextSpan(8, 20), tagged)); // overlaps both: 4 vs 6 characters
        Assert.Equal(new TextSpan(50, 60), TaggedSpans.Widen(new TextSpan(50, 60), tagged));
        Assert.Equal(new TextSpan(40, 45), TaggedSpans.Widen(new TextSpan(40, 45), tagged));
    }

    [Fact]
    public void Tagged_spans_contain_the_best_spans_within_one_sentence_and_leave_scores_alone()
    {
        var tagger = SpanTagger.LoadShipped();
        Assert.NotNull(tagger);
        var catalog = new SkillCatalog(Skills);
        var index = SkillIndex.Build(catalog, _encoder);
        var scorer = new SkillScorer(ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count));
        using var extractor = new SkillExtractor(new TextEncoder(_encoder, null, SpanContext.Standalone), scorer, catalog) { Tagger = tagger };
        const string text = "You will design and build scalable microservices in Java. Experience with SQL databases and teamwork in agile teams is required.";
        extractor.SpanExtent = SpanExtent.Best;
        var best = extractor.Extract(text, top: 4);
        extractor.SpanExtent = SpanExtent.Tagged;
        var tagged = extractor.Extract(text, top: 4);

        Assert.Equal(best.Select(m => (m.Uri, m.Score)), tagged.Select(m => (m.Uri, m.Score)));
        var sentenceEnd = text.IndexOf('.', StringComparison.Ordinal);
        for (var i = 0; i < best.Count; i++)
        {
            var (b, t) = (best[i].Spans[0], tagged[i].Spans[0]);
            Assert.True(t.Start <= b.Start && b.End <= t.End, $"{text[t.Start..t.End]} does not contain {text[b.Start..b.End]}");
            Assert.True(t.End <= sentenceEnd + 1 || t.Start > sentenceEnd, $"{text[t.Start..t.End]} crosses the sentence end");
        }

        Assert.Contains(tagged.Zip(best), p => p.First.Spans[0] != p.Second.Spans[0]); // the tagger does widen something here
    }

    [Fact]
    public void A_widened_span_loses_punctuation_and_stop_words_at_its_edges_but_never_its_best_span()
    {
        const string text = "Strong experience in Java, unit testing, and project management.";
        TextSpan Of(string words) => new(text.IndexOf(words, StringComparison.Ordinal), text.IndexOf(words, StringComparison.Ordinal) + words.Length);

        Assert.Equal(Of("unit testing"), TaggedSpans.Tidy(text, Of("unit testing, and"), Of("testing")));
        Assert.Equal(Of("Java"), TaggedSpans.Tidy(text, Of("experience in Java,"), Of("Java")));
        Assert.Equal(Of("project management"), TaggedSpans.Tidy(text, Of("and project management."), Of("management")));
        // the best span itself is never cut, even when it is a stop word or punctuation
        Assert.Equal(Of("in Java"), TaggedSpans.Tidy(text, Of("experience in Java"), Of("in")));
        Assert.Equal(Of("Java, unit"), TaggedSpans.Tidy(text, Of("Java, unit"), Of("Java, unit")));
    }

    [Fact]
    public void The_extractors_own_chunk_states_tag_as_a_second_encoder_pass_would()
    {
        // The float encoder: a chunk's states do not depend on what it is run with, so both paths must agree exactly.
        using var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 1 });
        var tagger = SpanTagger.LoadShipped()!;
        const string text = "You will design and build scalable microservices in Java and Spring Boot";
        var encoded = new TextEncoder(encoder).EncodeMany([text], keepChunkStates: true)[0];
        var chunk = encoded.Segments.Chunks[0];
        var (states, row) = encoded.ChunkStates![0];
        var chunkText = text[chunk.Chars.Start..chunk.Chars.End];

        var reused = tagger.TagEncoded(encoder.Tokenizer, chunkText, chunk.TokenIds, states, row);
        var again = tagger.Tag(encoder, [chunkText])[0];

        Assert.NotNull(reused);
        Assert.NotEmpty(again);
        Assert.Equal(again, reused);

        // Tokens that are not the text's own: the chunk's states cannot be read for it.
        var other = (int[])chunk.TokenIds.Clone();
        other[2]++;
        Assert.Null(tagger.TagEncoded(encoder.Tokenizer, chunkText, other, states, row));

        // Kept only when asked for.
        Assert.Null(new TextEncoder(encoder).EncodeMany([text])[0].ChunkStates);
    }

    [Fact]
    public void The_shipped_tagger_loads_and_a_saved_tagger_reads_back_the_same()
    {
        var shipped = SpanTagger.LoadShipped()!;
        Assert.InRange(shipped.Threshold, 0.05f, 0.95f);
        Assert.Equal(3 * SpanTagger.Features(shipped.Context), shipped.Weights.Length);
        var path = Path.Combine(_folder, SpanTagger.FileName);
        shipped.Save(path);
        var again = SpanTagger.Load(path);
        Assert.Equal(shipped.Weights, again.Weights);
        Assert.Equal(shipped.Bias, again.Bias);
        Assert.Equal((shipped.Context, shipped.Threshold, shipped.SplitAtBegin, shipped.TrimPunctuation, shipped.Version), (again.Context, again.Threshold, again.SplitAtBegin, again.TrimPunctuation, again.Version));
    }

    [Fact]
    public void A_corrupt_tagger_file_gives_one_clear_line()
    {
        var garbage = Path.Combine(_folder, "garbage.bin");
        File.WriteAllText(garbage, "not a tagger at all, just some text");
        var error = Assert.Throws<InvalidDataException>(() => SpanTagger.Load(garbage));
        Assert.Equal($"{garbage} is not a SkillGraph span tagger file.", error.Message);

        var cut = Path.Combine(_folder, "cut.bin");
        SpanTagger.LoadShipped()!.Save(cut);
        var bytes = File.ReadAllBytes(cut);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        error = Assert.Throws<InvalidDataException>(() => SpanTagger.Load(cut));
        Assert.Equal($"{cut} is truncated.", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
