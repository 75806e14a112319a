using System.Globalization;

namespace SkillGraph.Student.Matching;

/// <summary>
/// How a scorer does on a set of (job, matched, unmatched) triples: pairwise accuracy, ROC-AUC, and at the threshold the accuracy
/// over all resumes and for each class, plus the expected calibration error (10 equal-width bins) of the score read as a probability.
/// </summary>
public sealed record MatcherMetrics(int Triples, double PairwiseAccuracy, double RocAuc, double AccuracyAtThreshold, float Threshold)
{
    /// <summary>Share of matched resumes scored at or above the threshold.</summary>
    public double MatchedAccuracy { get; init; }

    /// <summary>Share of unmatched resumes scored below the threshold.</summary>
    public double UnmatchedAccuracy { get; init; }

    /// <summary>Expected calibration error: Σ over 10 score bins of (share of resumes in the bin) × |mean score − share matched|.</summary>
    public double CalibrationError { get; init; }

    /// <summary>What the Explainer's covered and missing lists say about the teacher's skills; null for triples that name none.</summary>
    public ExplainerMetrics? Explainer { get; init; }

    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["triples"] = Triples,
        ["pairwiseAccuracy"] = Math.Round(PairwiseAccuracy, 4),
        ["rocAuc"] = Math.Round(RocAuc, 4),
        ["accuracyAtThreshold"] = Math.Round(AccuracyAtThreshold, 4),
        ["matchedAccuracy"] = Math.Round(MatchedAccuracy, 4),
        ["unmatchedAccuracy"] = Math.Round(UnmatchedAccuracy, 4),
        ["expectedCalibrationError"] = Math.Round(CalibrationError, 4),
        ["threshold"] = Math.Round(Threshold, 4),
    };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Triples} triples: pairwise {PairwiseAccuracy:0.000}, ROC-AUC {RocAuc:0.000}, accuracy@{Threshold:0.00} {AccuracyAtThreshold:0.000} (matched {MatchedAccuracy:0.000}, unmatched {UnmatchedAccuracy:0.000}), ECE {CalibrationError:0.000}");
}

/// <summary>
/// The Explainer against what the teacher wrote. Of the record's skills (<see cref="MatchTriple.Skills"/>, all in the matched resume):
/// the share the matcher lists for the job at all (covered or missing, for the matched resume, as a listed skill or one of its
/// alternatives: another reading of the same phrase), and of those the share it calls
/// covered. Of the skills the teacher filtered out of the unmatched resume (<see cref="MatchTriple.RemovedSkills"/>) that the matcher
/// lists for the job: the share it calls missing.
/// </summary>
public sealed record ExplainerMetrics(int Skills, double Listed, double CoveredWhenPresent, int Removed, double MissingWhenRemoved)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Skills} teacher skills, {Listed:0.000} listed for the job, {CoveredWhenPresent:0.000} of those covered by the matched resume; {Removed} removed skills listed, {MissingWhenRemoved:0.000} of them missing from the unmatched resume");
}
