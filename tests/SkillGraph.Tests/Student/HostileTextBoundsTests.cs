using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Student;
using SkillGraph.Student.Matching;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The work one text can ask of the students (issue 15, item 3): every hostile text at the request's length limit is read within
/// the encoder's token and span budget, on character boundaries, and a request's cancellation stops the ONNX runs. The latency
/// figures are in bench/RESULTS.md (bench/hostile.sh); these tests check the bounds, not the clock.
/// </summary>
public sealed class HostileTextBoundsTests : IDisposable
{
    private static readonly WordPieceTokenizer Tokenizer = MiniLmEncoder.CreateTokenizer();
    private readonly MiniLmEncoder _encoder = new(new MiniLmOptions { IntraOpThreads = 1 });

    public static TheoryData<string> Names { get; } = [.. HostileTexts.All.Select(t => t.Name)];

    private static string Text(string name) => HostileTexts.All.Single(t => t.Name == name).Text;

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_hostile_text_is_read_within_the_token_and_span_budget_on_character_boundaries(string name)
    {
        var text = Text(name);
        var options = new SegmenterOptions();
        var segments = new TextSegmenter(Tokenizer, options).Segment(text);

        Assert.InRange(segments.Chunks.Sum(c => c.TokenIds.Length), 0, options.MaxTokens);
        Assert.InRange(segments.Spans.Count, 0, options.MaxSpans);
        Assert.All(segments.Chunks, c => Assert.InRange(c.TokenIds.Length, 3, options.MaxChunkTokens));
        Assert.All(segments.Chunks.Select(c => c.Chars).Concat(segments.Spans.Select(s => s.Chars)), span => AssertOnBoundaries(text, span));
    }

    [Fact]
    public void A_text_within_the_budget_is_read_exactly_as_without_one()
    {
        // Hand-written jobs and resumes, joined up to the request's limit: ordinary prose at 20,000 characters.
        var prose = string.Join("\n", File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "tests", "Shared", "HandWritten", "match-pairs.jsonl"))
            .Select(l => JsonNode.Parse(l)!)
            .SelectMany(n => new[] { n["jobDescription"]!.GetValue<string>(), n["resumeMatched"]!.GetValue<string>(), n["resumeUnmatched"]!.GetValue<string>() }));
        while (prose.Length < HostileTexts.Limit)
        {
            prose += "\n" + prose;
        }

        prose = prose[..HostileTexts.Limit];
        var bounded = new TextSegmenter(Tokenizer).Segment(prose);
        var unbounded = new TextSegmenter(Tokenizer, new SegmenterOptions { MaxTokens = int.MaxValue, MaxSpans = int.MaxValue }).Segment(prose);

        Assert.Equal(unbounded.Spans, bounded.Spans);
        Assert.Equal(unbounded.Phrases, bounded.Phrases);
        Assert.Equal(unbounded.Chunks.Select(c => (c.Chars, string.Join(' ', c.TokenIds))), bounded.Chunks.Select(c => (c.Chars, string.Join(' ', c.TokenIds))));
        Assert.True(bounded.Chunks[^1].Chars.End > prose.Length - 50, "the whole text was read");
    }

    [Fact]
    public void A_text_over_the_budget_is_read_from_its_start_up_to_the_budget()
    {
        var options = new SegmenterOptions { MaxTokens = 100, MaxSpans = 1_000 };
        var budget = new ReadingBudget(options);
        var text = HostileTexts.Repeat("Designed SQL databases. ", 50);
        var segments = new TextSegmenter(Tokenizer, options).Segment(text, budget);

        Assert.True(budget.Exhausted);
        Assert.InRange(segments.Chunks.Sum(c => c.TokenIds.Length), 90, 100);
        Assert.Equal(0, segments.Chunks[0].Chars.Start);
        Assert.Equal("Designed", segments.Spans[0].Chars.Of(text));
        Assert.InRange(segments.Chunks[^1].Chars.End, 200, text.Length / 2); // ≈ 23 of the 50 sentences (4 tokens each)

        var spanBound = new TextSegmenter(Tokenizer, new SegmenterOptions { MaxSpans = 7 }).Segment(HostileTexts.Repeat("Java SQL Python Kotlin ", 100));
        Assert.Equal(7, spanBound.Spans.Count);
    }

    [Fact]
    public void The_lines_of_one_document_share_one_budget_and_other_texts_have_one_each()
    {
        var options = new SegmenterOptions { MaxTokens = 64 };
        var lines = Enumerable.Repeat("Designed and maintained SQL databases for a logistics company", 10).ToArray();
        var document = new TextEncoder(_encoder, options) { OneDocument = true }.EncodeMany(lines);
        var separate = new TextEncoder(_encoder, options).EncodeMany(lines);

        Assert.InRange(document.Sum(e => e.Segments.Chunks.Sum(c => c.TokenIds.Length)), 1, 64);
        Assert.Contains(document, e => e.ChunkCount == 0); // the lines after the budget ran out are not read
        Assert.All(separate, e => Assert.Equal(1, e.ChunkCount));
    }

    [Fact]
    public void The_matcher_reads_a_line_cut_at_its_length_limit_without_splitting_a_surrogate_pair()
    {
        var text = "x" + HostileTexts.Repeat("😀", 300);
        var line = Assert.Single(TextEvidence.Lines(text, 10, maxChars: 400));
        Assert.False(char.IsHighSurrogate(line.Text[^1]), "the line ends inside a surrogate pair");
        Assert.Equal(399, line.Text.Length);
        Assert.Equal(400, TextEvidence.Lines("x" + new string('a', 500), 10, maxChars: 400)[0].Text.Length);
    }

    [Fact]
    public void A_cancelled_request_stops_the_onnx_run_in_progress()
    {
        using var session = OnnxSessions.Create(MiniLmEncoder.EmbeddedModelBytes(), null, 1);
        using var cancellation = new CancellationTokenSource();
        long[] ids = [WordPieceTokenizer.ClsId, 2000, WordPieceTokenizer.SepId];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [1, 3]);
        using var mask = OrtValue.CreateTensorValueFromMemory(new long[] { 1, 1, 1 }, [1, 3]);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[3], [1, 3]);

        // Uncancelled, the run answers; cancelled once it has begun (the check before it passed), ONNX Runtime stops it.
        using (var outputs = OnnxSessions.Run(cancellation.Token, ro => session.Run(ro, ["input_ids", "attention_mask", "token_type_ids"], [input, mask, types], ["last_hidden_state"])))
        {
            Assert.Equal(3 * MiniLmEncoder.Dimension, outputs[0].GetTensorDataAsSpan<float>().Length);
        }

        Assert.Throws<OperationCanceledException>(() => OnnxSessions.Run(cancellation.Token, ro =>
        {
            cancellation.Cancel();
            return session.Run(ro, ["input_ids", "attention_mask", "token_type_ids"], [input, mask, types], ["last_hidden_state"]);
        }));
    }

    [Fact]
    public void A_cancelled_token_stops_extraction_and_matching_before_their_runs()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var encoder = new TextEncoder(_encoder, null, SpanContext.Phrase);
        Assert.ThrowsAny<OperationCanceledException>(() => encoder.EncodeMany([Text("java x 4000")], cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => _encoder.EmbedTokenized([[WordPieceTokenizer.ClsId, WordPieceTokenizer.SepId]], 1, cancelled.Token));
    }

    private static void AssertOnBoundaries(string text, TextSpan span)
    {
        Assert.InRange(span.Start, 0, text.Length - 1);
        Assert.InRange(span.End, span.Start + 1, text.Length);
        Assert.False(span.Start > 0 && char.IsLowSurrogate(text[span.Start]) && char.IsHighSurrogate(text[span.Start - 1]), $"{span} starts inside a surrogate pair");
        Assert.False(span.End < text.Length && char.IsLowSurrogate(text[span.End]) && char.IsHighSurrogate(text[span.End - 1]), $"{span} ends inside a surrogate pair");
    }

    public void Dispose() => _encoder.Dispose();
}
