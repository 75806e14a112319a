using SkillGraph.Student;

namespace SkillGraph.StudentLab;

sealed record Metrics(int Queries, double Rp1, double Rp5, double Rp10, double Mrr)
{
    public override string ToString() => $"n={Queries,4} RP@1 {Rp1 * 100,5:F1} RP@5 {Rp5 * 100,5:F1} RP@10 {Rp10 * 100,5:F1} MRR {Mrr:F3}";
}

sealed record EvalSet(string Name, List<LabelledText> Items, List<EncodedText> Encoded);

static class Eval
{
    public static EvalSet Prepare(string name, List<LabelledText> items, TextEncoder enc)
    {
        var kept = items.Where(i => i.Gold.Length > 0).ToList();
        return new EvalSet(name, kept, [.. kept.Select(i => enc.Encode(i.Text))]);
    }

    public static Metrics Run(EvalSet set, SkillScorer scorer, float? alpha = null, int k = 100)
    {
        double r1 = 0, r5 = 0, r10 = 0, mrr = 0;
        for (var q = 0; q < set.Items.Count; q++)
        {
            var ranked = scorer.Score(set.Encoded[q], k, alpha).Skills;
            var gold = set.Items[q].Gold;
            r1 += RPrecision(ranked, gold, 1);
            r5 += RPrecision(ranked, gold, 5);
            r10 += RPrecision(ranked, gold, 10);
            for (var i = 0; i < ranked.Length; i++)
                if (Array.IndexOf(gold, (int)ranked[i]) >= 0) { mrr += 1.0 / (i + 1); break; }
        }
        var n = set.Items.Count;
        return new Metrics(n, r1 / n, r5 / n, r10 / n, mrr / n);
    }

    /// <summary>Metrics through the production path: SkillExtractor.Extract(text, 100).</summary>
    public static Metrics RunExtractor(List<LabelledText> items, SkillExtractor ex, SkillCatalog catalog)
    {
        var kept = items.Where(i => i.Gold.Length > 0).ToList();
        double r1 = 0, r5 = 0, r10 = 0, mrr = 0;
        foreach (var item in kept)
        {
            var ranked = ex.Extract(item.Text, 100).Select(m => (long)catalog.IndexOfUri(m.Uri)).ToArray();
            r1 += RPrecision(ranked, item.Gold, 1);
            r5 += RPrecision(ranked, item.Gold, 5);
            r10 += RPrecision(ranked, item.Gold, 10);
            for (var i = 0; i < ranked.Length; i++)
                if (Array.IndexOf(item.Gold, (int)ranked[i]) >= 0) { mrr += 1.0 / (i + 1); break; }
        }
        var n = kept.Count;
        return new Metrics(n, r1 / n, r5 / n, r10 / n, mrr / n);
    }

    static double RPrecision(long[] ranked, int[] gold, int k)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranked.Length); i++) if (Array.IndexOf(gold, (int)ranked[i]) >= 0) hits++;
        return (double)hits / Math.Min(k, gold.Length);
    }
}
