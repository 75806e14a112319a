using Mediator;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.GetReplacement;

/// <summary>
/// What replaces a deprecated concept: the <c>replacedBy</c> its last deprecation or merge recorded in the change log,
/// followed while that one is replaced too (at most <see cref="MaxSteps"/> steps); null when nothing replaces it.
/// </summary>
public sealed record GetReplacement(ConceptUri Uri) : IQuery<ConceptUri?>
{
    public const int MaxSteps = 10;
}
