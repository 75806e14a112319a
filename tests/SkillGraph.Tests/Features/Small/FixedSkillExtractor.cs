using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;

namespace SkillGraph.Tests.Features.Small;

/// <summary>An <see cref="ISkillExtractor"/> that finds the same mentions in any text (or those <see cref="PerText"/> gives) and records what it was asked.</summary>
public sealed class FixedSkillExtractor(params SkillMention[] mentions) : ISkillExtractor
{
    public const string Model = "fixed-extractor";

    public List<(string Text, int First)> Calls { get; } = [];

    /// <summary>When set, the mentions of each text (instead of the fixed ones).</summary>
    public Func<string, SkillMention[]>? PerText { get; init; }

    public static SkillMention Mention(ConceptUri skill, string label, float score) => new(skill.Value, label, score, []);

    public ValueTask<SkillExtraction> ExtractAsync(string text, int first, CancellationToken cancellationToken = default)
    {
        Calls.Add((text, first));
        return ValueTask.FromResult(new SkillExtraction(Model, PerText?.Invoke(text) ?? mentions));
    }
}
