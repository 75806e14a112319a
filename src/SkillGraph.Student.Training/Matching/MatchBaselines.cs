using System.Numerics.Tensors;
using System.Text.RegularExpressions;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The two scorers the matcher must beat, on the same triples: TF-IDF cosine (bag of words, the IDF fitted on the evaluated set's
/// own texts, as a baseline usually is) and the cosine of the texts' MiniLM embeddings (the mean of their chunk vectors, the same
/// encoder the student uses). Neither has a threshold, so only the ranking figures apply.
/// </summary>
public static partial class MatchBaselines
{
    /// <summary>TF-IDF cosine of each (job, matched) and (job, unmatched) pair: lower-cased words of two or more letters, smoothed IDF, L2-normalised.</summary>
    public static MatcherMetrics TfIdf(IReadOnlyList<MatchTriple> triples)
    {
        ArgumentNullException.ThrowIfNull(triples);
        var documents = triples.SelectMany(t => new[] { t.JobDescription, t.ResumeMatched, t.ResumeUnmatched }).Select(Words).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in documents)
        {
            foreach (var w in words.Keys)
            {
                df[w] = df.GetValueOrDefault(w) + 1;
            }
        }

        var n = documents.Count;
        Dictionary<string, double> Vector(Dictionary<string, int> words)
        {
            var v = words.ToDictionary(p => p.Key, p => p.Value * (Math.Log((1.0 + n) / (1.0 + df[p.Key])) + 1), StringComparer.Ordinal);
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            return norm > 0 ? v.ToDictionary(p => p.Key, p => p.Value / norm, StringComparer.Ordinal) : v;
        }

        static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b) =>
            a.Sum(p => b.TryGetValue(p.Key, out var x) ? p.Value * x : 0);

        var matched = new float[triples.Count];
        var unmatched = new float[triples.Count];
        for (var i = 0; i < triples.Count; i++)
        {
            var job = Vector(documents[3 * i]);
            matched[i] = (float)Cosine(job, Vector(documents[(3 * i) + 1]));
            unmatched[i] = (float)Cosine(job, Vector(documents[(3 * i) + 2]));
        }

        return MatcherEvaluation.Measure(matched, unmatched, float.NaN);
    }

    /// <summary>Cosine of the texts' MiniLM embeddings (each the normalised mean of its chunk vectors).</summary>
    public static MatcherMetrics MiniLm(IReadOnlyList<MatchTriple> triples, TextEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(encoder);
        var matched = new float[triples.Count];
        var unmatched = new float[triples.Count];
        for (var i = 0; i < triples.Count; i++)
        {
            var job = Embedding(encoder, triples[i].JobDescription);
            matched[i] = TensorPrimitives.Dot(job, Embedding(encoder, triples[i].ResumeMatched));
            unmatched[i] = TensorPrimitives.Dot(job, Embedding(encoder, triples[i].ResumeUnmatched));
        }

        return MatcherEvaluation.Measure(matched, unmatched, float.NaN);
    }

    private static float[] Embedding(TextEncoder encoder, string text) =>
        string.IsNullOrWhiteSpace(text) ? new float[MiniLmEncoder.Dimension] : encoder.Encode(text).TextVector();

    private static Dictionary<string, int> Words(string text)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in WordPattern().Matches(text.ToLowerInvariant()))
        {
            words[m.Value] = words.GetValueOrDefault(m.Value) + 1;
        }

        return words;
    }

    [GeneratedRegex(@"\b\w\w+\b", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
