using Mediator;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Student;

namespace SkillGraph.Cli.Evaluation;

/// <summary>How the texts are turned into suggestions for an evaluation (the defaults are what the API does).</summary>
public sealed record SuggestionEvaluationOptions
{
    /// <summary>Skills taken from each text's extraction, best first.</summary>
    public int SkillsFromText { get; init; } = SuggestOccupations.SkillsFromText;

    public double OptionalWeight { get; init; } = SuggestOccupations.DefaultOptionalWeight;

    public double LengthExponent { get; init; } = SuggestOccupations.DefaultLengthExponent;

    /// <summary>How deep the ranking is read: a true occupation below this rank counts as not found (reciprocal rank 0).</summary>
    public int Depth { get; init; } = SuggestOccupations.MaxFirst;
}

/// <summary>A text's extracted skills (best first) and the occupation it was written for.</summary>
public sealed record ExtractedText(IReadOnlyList<SkillMention> Skills, string OccupationUri);

/// <summary>
/// How often the true occupation is the first suggestion (Accuracy@1), among the first 5 or 10, and the mean reciprocal
/// rank (MRR, 0 when it is not within <see cref="SuggestionEvaluationOptions.Depth"/>), over <see cref="Count"/> texts;
/// <see cref="NoSkills"/> texts yielded no skill (they count as misses).
/// </summary>
public sealed record SuggestionMetrics(int Count, double AccuracyAt1, double AccuracyAt5, double AccuracyAt10, double Mrr, int NoSkills)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"n={Count}  Acc@1={AccuracyAt1:0.000}  Acc@5={AccuracyAt5:0.000}  Acc@10={AccuracyAt10:0.000}  MRR={Mrr:0.000}  no-skills={NoSkills}");
}

/// <summary>
/// Scores <c>suggestOccupations</c> against texts whose occupation is known (e.g. teacher records: the job
/// description or the matching resume, and <c>occupationUri</c>): the student extracts skills from each text, the
/// <see cref="SuggestOccupations"/> request ranks occupations, and the rank of the true one is counted.
/// </summary>
public static class SuggestionEvaluation
{
    /// <summary>Extracts and scores in one go.</summary>
    public static async Task<SuggestionMetrics> RunAsync(
        IMediator mediator,
        SkillExtractor extractor,
        IEnumerable<(string Text, string OccupationUri)> items,
        SuggestionEvaluationOptions? options = null,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SuggestionEvaluationOptions();
        var extracted = Extract(extractor, items, options.SkillsFromText, progress, cancellationToken);
        return await ScoreAsync(mediator, extracted, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The student's skills for each text (the slow part; extract once with the largest count, then score many options).</summary>
    public static IReadOnlyList<ExtractedText> Extract(
        SkillExtractor extractor,
        IEnumerable<(string Text, string OccupationUri)> items,
        int skills = SuggestOccupations.SkillsFromText,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        var list = items as IReadOnlyCollection<(string Text, string OccupationUri)> ?? [.. items];
        var result = new List<ExtractedText>(list.Count);
        foreach (var (text, occupation) in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new ExtractedText(extractor.Extract(text, skills), occupation));
            progress?.Report((result.Count, list.Count));
        }

        return result;
    }

    /// <summary>Ranks occupations for each extraction (its first <see cref="SuggestionEvaluationOptions.SkillsFromText"/> skills) and counts where the true one lands.</summary>
    public static async Task<SuggestionMetrics> ScoreAsync(
        IMediator mediator,
        IEnumerable<ExtractedText> items,
        SuggestionEvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        options ??= new SuggestionEvaluationOptions();
        int count = 0, at1 = 0, at5 = 0, at10 = 0, noSkills = 0;
        var reciprocal = 0.0;
        foreach (var item in items)
        {
            count++;
            var fromText = SuggestOccupations.FromExtraction(item.Skills.Select(s => (s.Uri, (double)s.Score)), options.Depth, options.SkillsFromText);
            var request = fromText with { OptionalWeight = options.OptionalWeight, LengthExponent = options.LengthExponent };
            if (request.Skills.Count == 0)
            {
                noSkills++;
                continue;
            }

            var suggestions = await mediator.Send(request, cancellationToken).ConfigureAwait(false);
            var rank = 0;
            for (var i = 0; i < suggestions.Count; i++)
            {
                if (string.Equals(suggestions[i].Occupation.Uri.Value, item.OccupationUri, StringComparison.Ordinal))
                {
                    rank = i + 1;
                    break;
                }
            }

            if (rank == 0)
            {
                continue;
            }

            at1 += rank == 1 ? 1 : 0;
            at5 += rank <= 5 ? 1 : 0;
            at10 += rank <= 10 ? 1 : 0;
            reciprocal += 1.0 / rank;
        }

        double Share(double n) => count == 0 ? 0 : Math.Round(n / count, 4);
        return new SuggestionMetrics(count, Share(at1), Share(at5), Share(at10), Share(reciprocal), noSkills);
    }
}
