using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student.Serving;

/// <summary>An <see cref="ISkillExtractor"/> over an extractor that is already open (what a one-shot command or an evaluation loads up front).</summary>
public sealed class LoadedSkillExtractor(SkillExtractor extractor, ExtractorInfo info) : ISkillExtractor
{
    public SkillExtractor Extractor { get; } = extractor;

    public ExtractorInfo Info { get; } = info;

    public ValueTask<SkillExtraction> ExtractAsync(string text, int first, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new SkillExtraction(Info.Version, Extractor.Extract(text, first)));

    public ValueTask<IReadOnlyList<SkillExtraction>> ExtractEachAsync(IReadOnlyList<string> texts, int first, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<SkillExtraction>>([.. Extractor.ExtractMany(texts, first, cancellationToken).Select(m => new SkillExtraction(Info.Version, m))]);
}
