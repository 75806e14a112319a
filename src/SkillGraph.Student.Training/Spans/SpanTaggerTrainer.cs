using System.Diagnostics;
using System.Globalization;
using SkillGraph.Student.Evaluation;
using SkillGraph.Student.Matching;

namespace SkillGraph.Student.Spans;

/// <summary>Settings of <see cref="SpanTaggerTrainer.Train"/>.</summary>
public sealed record SpanTaggerTrainOptions
{
    public int Seed { get; init; } = 13;
    public int Epochs { get; init; } = 12;
    public double LearningRate { get; init; } = 1e-3;
    public int Batch { get; init; } = 128;
    public double L2 { get; init; } = 1e-4;
    /// <summary>Neighbouring words on each side tried as features (each a model of its own).</summary>
    public IReadOnlyList<int> Contexts { get; init; } = [0, 1, 2, 3];
    /// <summary>Thresholds on P(begin) + P(inside) tried when decoding.</summary>
    public IReadOnlyList<float> Thresholds { get; init; } = [0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f];
}

/// <summary>What <see cref="SpanTaggerTrainer.Train"/> chose: the tagger, its figures on the hold-out, and every setting tried.</summary>
public sealed record SpanTaggerTraining(SpanTagger Tagger, SpanMetrics HoldOut, IReadOnlyList<string> Selection, int TrainSentences, int TrainWords, double Seconds);

/// <summary>
/// Fits the <see cref="SpanTagger"/>: a softmax regression (outside / begin / inside) over frozen encoder word states, by Adam on
/// seeded mini-batches; context, threshold and decoding rule chosen on held-out sentences by exact span F1 (then token F1).
/// </summary>
public static class SpanTaggerTrainer
{
    const int Classes = 3;

    /// <summary>One sentence ready to train on: its words' states (count × 384) and their tags (0 outside, 1 begin, 2 inside).</summary>
    internal sealed record TaggedSentence(SpanSentence Sentence, List<TextWord> Words, float[] States, byte[] Tags);

    public static SpanTaggerTraining Train(MiniLmEncoder encoder, IReadOnlyList<SpanSentence> train, IReadOnlyList<SpanSentence> holdOut, SpanTaggerTrainOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdOut);
        var o = options ?? new SpanTaggerTrainOptions();
        var clock = Stopwatch.StartNew();
        var fitOn = Prepare(encoder, train);
        var judgeOn = Prepare(encoder, holdOut);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"encoded {fitOn.Count} + {judgeOn.Count} sentences in {clock.Elapsed.TotalSeconds:F0} s"));
        var selection = new List<string>();
        (SpanTagger Tagger, SpanMetrics Metrics)? best = null;
        foreach (var context in o.Contexts)
        {
            var (weights, bias) = Fit(fitOn, context, o);
            var probe = new SpanTagger(weights, bias, context, 0.5f, false, false, "probe");
            var probabilities = judgeOn.Select(s => Enumerable.Range(0, s.Words.Count).Select(w => probe.Probabilities(s.States, s.Words.Count, w)).ToArray()).ToArray();
            foreach (var threshold in o.Thresholds)
            {
                foreach (var split in new[] { false, true })
                {
                    foreach (var trim in new[] { false, true })
                    {
                        var predicted = judgeOn.Select((s, i) => Spans(s, probabilities[i], threshold, split, trim)).ToList();
                        var metrics = SpanEvaluation.Score(holdOut, predicted, 0);
                        selection.Add(string.Create(CultureInfo.InvariantCulture,
                            $"context {context} threshold {threshold:0.00} split {(split ? "yes" : "no")} trim {(trim ? "yes" : "no")}: exact F1 {metrics.ExactF1 * 100:F1}, token F1 {metrics.TokenF1 * 100:F1}"));
                        if (best is null || metrics.ExactF1 > best.Value.Metrics.ExactF1 + 1e-9
                            || (Math.Abs(metrics.ExactF1 - best.Value.Metrics.ExactF1) <= 1e-9 && metrics.TokenF1 > best.Value.Metrics.TokenF1))
                        {
                            best = (new SpanTagger(weights, bias, context, threshold, split, trim, Version(o, context)), metrics);
                        }
                    }
                }
            }

            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"context {context}: fitted ({clock.Elapsed.TotalSeconds:F0} s); best so far {best!.Value.Tagger.Version} threshold {best.Value.Tagger.Threshold:0.00}: {best.Value.Metrics}"));
        }

        return new SpanTaggerTraining(best!.Value.Tagger, best.Value.Metrics, selection, fitOn.Count, fitOn.Sum(s => s.Words.Count), clock.Elapsed.TotalSeconds);
    }

    static string Version(SpanTaggerTrainOptions o, int context) => string.Create(CultureInfo.InvariantCulture, $"spans-1-s{o.Seed}-c{context}");

    /// <summary>The decoded spans of one sentence, as the span evaluation reads them (every span scores 1).</summary>
    static IReadOnlyList<(Application.Features.Skills.ExtractSkills.TextSpan Span, float Score)> Spans(TaggedSentence s, float[][] p, float threshold, bool split, bool trim)
    {
        var words = new TaggedWord[s.Words.Count];
        for (var w = 0; w < words.Length; w++)
        {
            var text = s.Sentence.Text.AsSpan(s.Words[w].Start, s.Words[w].End - s.Words[w].Start);
            words[w] = new TaggedWord(p[w][1], p[w][2], s.Words[w].IsPunctuation && text is "." or "!" or "?" or ";", s.Words[w].IsPunctuation);
        }

        return [.. SpanTagger.Decode(words, threshold, split, trim).Select(r => (new Application.Features.Skills.ExtractSkills.TextSpan(s.Words[r.First].Start, s.Words[r.Last].End), 1f))];
    }

    /// <summary>Word states and gold tags: a word overlapping a gold span is inside it, the first such word begins it.</summary>
    internal static List<TaggedSentence> Prepare(MiniLmEncoder encoder, IReadOnlyList<SpanSentence> sentences)
    {
        var states = SpanTagger.WordStates(encoder, [.. sentences.Select(s => s.Text)]);
        var result = new List<TaggedSentence>(sentences.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            var (words, row) = states[i];
            var tags = new byte[words.Count];
            foreach (var gold in sentences[i].Gold)
            {
                var first = true;
                for (var w = 0; w < words.Count; w++)
                {
                    if (words[w].Start < gold.End && gold.Start < words[w].End)
                    {
                        tags[w] = first ? (byte)1 : (byte)2;
                        first = false;
                    }
                }
            }

            result.Add(new TaggedSentence(sentences[i], words, row, tags));
        }

        return result;
    }

    /// <summary>Softmax regression by Adam on seeded mini-batches (mean cross-entropy + L2 on the weights).</summary>
    internal static (float[] Weights, float[] Bias) Fit(IReadOnlyList<TaggedSentence> sentences, int context, SpanTaggerTrainOptions o)
    {
        var f = SpanTagger.Features(context);
        var examples = new List<(int Sentence, int Word)>();
        for (var s = 0; s < sentences.Count; s++)
        {
            for (var w = 0; w < sentences[s].Words.Count; w++) examples.Add((s, w));
        }

        var parameters = new double[(Classes * f) + Classes];
        var gradient = new double[parameters.Length];
        var adam = new Adam(parameters.Length, o.LearningRate);
        var random = new Random(o.Seed);
        var order = examples.ToArray();
        var logits = new double[Classes];
        var step = 0;
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += o.Batch)
            {
                var n = Math.Min(o.Batch, order.Length - start);
                Array.Clear(gradient);
                for (var e = start; e < start + n; e++)
                {
                    var sentence = sentences[order[e].Sentence];
                    var x = SpanTagger.FeatureRow(sentence.States, sentence.Words.Count, order[e].Word, context);
                    var max = double.NegativeInfinity;
                    for (var c = 0; c < Classes; c++)
                    {
                        var z = parameters[(Classes * f) + c];
                        for (var k = 0; k < f; k++) z += parameters[(c * f) + k] * x[k];
                        logits[c] = z;
                        max = Math.Max(max, z);
                    }

                    var sum = 0.0;
                    for (var c = 0; c < Classes; c++) sum += logits[c] = Math.Exp(logits[c] - max);
                    for (var c = 0; c < Classes; c++)
                    {
                        var g = (logits[c] / sum) - (sentence.Tags[order[e].Word] == c ? 1 : 0);
                        gradient[(Classes * f) + c] += g / n;
                        for (var k = 0; k < f; k++) gradient[(c * f) + k] += g * x[k] / n;
                    }
                }

                for (var k = 0; k < Classes * f; k++) gradient[k] += o.L2 * parameters[k];
                adam.Step(parameters, gradient, ++step);
            }
        }

        return ([.. parameters.Take(Classes * f).Select(v => (float)v)], [.. parameters.Skip(Classes * f).Select(v => (float)v)]);
    }
}
