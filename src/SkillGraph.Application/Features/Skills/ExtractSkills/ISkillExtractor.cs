namespace SkillGraph.Application.Features.Skills.ExtractSkills;

/// <summary>
/// The port of the skill extractor (the student implements it with ONNX): the ESCO skills a text expresses, best
/// first, with the character spans that support each. Thread-safe. While the model loads it throws
/// <see cref="Common.StudentLoadingException"/>.
/// </summary>
public interface ISkillExtractor
{
    ValueTask<SkillExtraction> ExtractAsync(string text, int first, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ExtractAsync"/> for each of several texts (e.g. the lines of one text), in order; an extractor that can share its
    /// encoder runs across them does. The default reads them one by one.
    /// </summary>
    async ValueTask<IReadOnlyList<SkillExtraction>> ExtractEachAsync(IReadOnlyList<string> texts, int first, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var each = new SkillExtraction[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            each[i] = await ExtractAsync(texts[i], first, cancellationToken).ConfigureAwait(false);
        }

        return each;
    }
}

/// <summary>The skills of one text and the model version that found them.</summary>
public sealed record SkillExtraction(string Model, IReadOnlyList<SkillMention> Skills);

/// <summary>A skill the text expresses: its URI and label, a score, and where in the text it is said.</summary>
public sealed record SkillMention(string Uri, string Label, float Score, IReadOnlyList<TextSpan> Spans);

/// <summary>Character offsets into a text: [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    /// <summary>The substring of <paramref name="text"/> this span covers.</summary>
    public string Of(string text) => text[Start..End];
}
