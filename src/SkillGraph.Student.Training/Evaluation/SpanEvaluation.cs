using System.Globalization;
using System.Text;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Formats;

namespace SkillGraph.Student.Evaluation;

/// <summary>A sentence with human-annotated skill and knowledge spans (SkillSpan; character offsets into <see cref="Text"/>).</summary>
public sealed record SpanSentence(string Text, IReadOnlyList<TextSpan> Gold, IReadOnlyList<TextSpan> Tokens);

/// <summary>Span detection quality: exact-match span F1 and token-level F1 (a token counts when it is inside a span).</summary>
public sealed record SpanMetrics(int Sentences, double Threshold, double ExactPrecision, double ExactRecall, double ExactF1, double TokenPrecision, double TokenRecall, double TokenF1)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Sentences} threshold {Threshold:0.00}: exact P {ExactPrecision * 100:F1} R {ExactRecall * 100:F1} F1 {ExactF1 * 100:F1}; token P {TokenPrecision * 100:F1} R {TokenRecall * 100:F1} F1 {TokenF1 * 100:F1}");
}

/// <summary>
/// Checks the extractor's spans against SkillSpan (Zhang et al., 2022): the text is the tokens joined by spaces, gold
/// spans are the skill and knowledge BIO spans. Predicted spans are the best spans of the skills scoring at least a
/// threshold (chosen on SkillSpan train, reported on dev). SkillSpan has no ESCO links, so this measures where, not which.
/// </summary>
public static class SpanEvaluation
{
    public static IReadOnlyList<SpanSentence> Load(string path, int? limit = null)
    {
        EvaluationData.RefuseTestSplit(path);
        return JsonLines.Read(path, line =>
        {
            var text = new StringBuilder();
            var offsets = new List<TextSpan>();
            foreach (var token in line.Strings("tokens"))
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                offsets.Add(new TextSpan(text.Length, text.Length + token.Length));
                text.Append(token);
            }

            return new SpanSentence(text.ToString(), [.. Spans(line.Strings("tags_skill"), offsets), .. Spans(line.Strings("tags_knowledge"), offsets)], offsets);
        }, limit);
    }

    /// <summary>The extractor's candidate spans with their best score, per sentence (what thresholds are applied to).</summary>
    public static IReadOnlyList<IReadOnlyList<(TextSpan Span, float Score)>> Predict(IReadOnlyList<SpanSentence> sentences, SkillExtractor extractor, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(extractor);
        var result = new List<IReadOnlyList<(TextSpan, float)>>(sentences.Count);
        foreach (var sentence in sentences)
        {
            var best = new Dictionary<TextSpan, float>();
            foreach (var mention in extractor.Extract(sentence.Text, top))
            {
                foreach (var span in mention.Spans)
                {
                    if (!best.TryGetValue(span, out var score) || score < mention.Score)
                    {
                        best[span] = mention.Score;
                    }
                }
            }

            result.Add([.. best.Select(b => (b.Key, b.Value))]);
        }

        return result;
    }

    /// <summary>The threshold (of those tried) with the best token F1.</summary>
    public static SpanMetrics Best(IReadOnlyList<SpanSentence> sentences, IReadOnlyList<IReadOnlyList<(TextSpan Span, float Score)>> predicted) =>
        Enumerable.Range(0, 31).Select(i => Score(sentences, predicted, 0.3 + (i * 0.02))).MaxBy(m => m.TokenF1)!;

    public static SpanMetrics Score(IReadOnlyList<SpanSentence> sentences, IReadOnlyList<IReadOnlyList<(TextSpan Span, float Score)>> predicted, double threshold)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(predicted);
        long exactHit = 0, exactPredicted = 0, exactGold = 0, tokenHit = 0, tokenPredicted = 0, tokenGold = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            var gold = sentences[s].Gold;
            var mine = predicted[s].Where(p => p.Score >= threshold).Select(p => p.Span).ToHashSet();
            exactPredicted += mine.Count;
            exactGold += gold.Count;
            exactHit += gold.Count(mine.Contains);
            foreach (var token in sentences[s].Tokens)
            {
                var inGold = gold.Any(g => Inside(token, g));
                var inMine = mine.Any(m => Overlaps(token, m));
                tokenGold += inGold ? 1 : 0;
                tokenPredicted += inMine ? 1 : 0;
                tokenHit += inGold && inMine ? 1 : 0;
            }
        }

        var (ep, er) = (Ratio(exactHit, exactPredicted), Ratio(exactHit, exactGold));
        var (tp, tr) = (Ratio(tokenHit, tokenPredicted), Ratio(tokenHit, tokenGold));
        return new SpanMetrics(sentences.Count, threshold, ep, er, F1(ep, er), tp, tr, F1(tp, tr));
    }

    static IEnumerable<TextSpan> Spans(IReadOnlyList<string> tags, IReadOnlyList<TextSpan> offsets)
    {
        var start = -1;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
            if (start >= 0 && tag is not "I")
            {
                yield return new TextSpan(offsets[start].Start, offsets[i - 1].End);
                start = -1;
            }

            if (tag is "B" || (tag is "I" && start < 0))
            {
                start = i;
            }
        }
    }

    static bool Inside(TextSpan token, TextSpan span) => token.Start >= span.Start && token.End <= span.End;

    static bool Overlaps(TextSpan token, TextSpan span) => token.Start < span.End && span.Start < token.End;

    static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;

    static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
