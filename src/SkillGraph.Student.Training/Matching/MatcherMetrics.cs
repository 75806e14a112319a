using System.Globalization;

namespace SkillGraph.Student.Matching;

/// <summary>Pairwise accuracy, ROC-AUC and accuracy at the threshold over a set of (job, matched, unmatched) triples.</summary>
public sealed record MatcherMetrics(int Triples, double PairwiseAccuracy, double RocAuc, double AccuracyAtThreshold, float Threshold)
{
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["triples"] = Triples,
        ["pairwiseAccuracy"] = Math.Round(PairwiseAccuracy, 4),
        ["rocAuc"] = Math.Round(RocAuc, 4),
        ["accuracyAtThreshold"] = Math.Round(AccuracyAtThreshold, 4),
        ["threshold"] = Math.Round(Threshold, 4),
    };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Triples} triples: pairwise {PairwiseAccuracy:0.000}, ROC-AUC {RocAuc:0.000}, accuracy@{Threshold:0.00} {AccuracyAtThreshold:0.000}");
}
