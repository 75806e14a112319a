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

    /// <summary>
    /// Whether the trainer first fits a <see cref="PhraseExpectation"/> on the fitting occupations' jobs and matched resumes (decision
    /// 0045); otherwise <see cref="Features"/>' expectation (none: phrase_shortfall is weakest_phrases) is kept.
    /// </summary>
    public bool FitPhraseExpectation { get; init; } = true;

    /// <summary>
    /// The sources (<see cref="MatchTriple.Source"/>: records files' names) whose jobs the phrase expectation is fitted on; empty: every
    /// source's. What a strong resume answers in an ad is learnt from ads written as the ones the matcher will read are (decision 0045).
    /// </summary>
    public IReadOnlySet<string> PhraseExpectationSources { get; init; } = new HashSet<string>();

    /// <summary>The phrase expectation's L2 penalty (ridge; summed over the phrase rows, of which there are hundreds of thousands).</summary>
    public float PhraseExpectationRidge { get; init; } = 10f;

    /// <summary>How the texts are read (job skills, cover threshold); written into the model.</summary>
    public MatchFeatureOptions Features { get; init; } = new();

    /// <summary>Feature columns the head must not use (their weights stay 0) — for ablations.</summary>
    public IReadOnlySet<int> DisabledFeatures { get; init; } = new HashSet<int>();

    public string Version { get; init; } = "matcher-2";

    /// <summary>Where the records came from, for the card (e.g. the teach command that wrote them).</summary>
    public string TrainingData { get; init; } = "teacher records";
}
