namespace SkillGraph.Student.Matching;

/// <summary>How the match head is trained.</summary>
public sealed record MatcherTrainOptions
{
    /// <summary>Seeds the occupation split and the MLP's initial weights.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Share of occupations held out for the reported metrics (never seen in fitting or in choosing the threshold).</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>0 = logistic regression; otherwise the width of one ReLU hidden layer.</summary>
    public int Hidden { get; init; }

    public int Epochs { get; init; } = 2000;

    /// <summary>Keep the logistic head's weights non-negative, so that the score is monotone in the resume's evidence (every feature is).</summary>
    public bool NonNegative { get; init; } = true;

    /// <summary>
    /// Weight of the pairwise term (logistic loss on the score difference of a triple's matched and unmatched resume) beside the
    /// per-resume cross-entropy; 0 = per-resume only. Linear heads only.
    /// </summary>
    public float PairwiseWeight { get; init; } = 4f;

    /// <summary>Share of the training occupations kept out of fitting to calibrate the score (Platt) and choose the threshold.</summary>
    public double CalibrationFraction { get; init; } = 0.25;

    public float LearningRate { get; init; } = 0.05f;

    public float L2 { get; init; } = 1e-3f;

    /// <summary>How the texts are read (job skills, cover threshold); written into the model.</summary>
    public MatchFeatureOptions Features { get; init; } = new();

    /// <summary>Feature columns the head must not use (their weights stay 0) — for ablations.</summary>
    public IReadOnlySet<int> DisabledFeatures { get; init; } = new HashSet<int>();

    public string Version { get; init; } = "matcher-2";

    /// <summary>Where the records came from, for the card (e.g. the teach command that wrote them).</summary>
    public string TrainingData { get; init; } = "teacher records";
}
