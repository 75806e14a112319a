using nietras.SeparatedValues;
using SkillGraph.Student.Evaluation;

namespace SkillGraph.Bench.Tokenizers;

/// <summary>
/// The real sentences the tokenizers are compared on: SkillSpan train and dev (tokens joined by spaces, as the span
/// evaluation reads them) and every distinct sentence of the TECH and HOUSE validation files (labelled or not).
/// </summary>
public static class TokenizerSentences
{
    public static IReadOnlyList<(string Set, string Text)> Load(string dataRoot)
    {
        var result = new List<(string, string)>();
        foreach (var split in new[] { "train", "dev" })
        {
            foreach (var sentence in SpanEvaluation.Load(Path.Combine(dataRoot, "skillspan", $"{split}.json")))
            {
                result.Add(($"SkillSpan {split}", sentence.Text));
            }
        }

        foreach (var name in new[] { "tech", "house" })
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(dataRoot, "skill-extraction-val", $"{name}_validation_annotations.csv"));
            foreach (var row in reader)
            {
                var text = row["sentence"].ToString();
                if (seen.Add(text))
                {
                    result.Add(($"{name.ToUpperInvariant()} val", text));
                }
            }
        }

        return result;
    }
}
