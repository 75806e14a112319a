using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Concepts.GetConcepts;

/// <summary>Concepts by URI, in the order asked; <c>null</c> where a URI names nothing (what a DataLoader batch asks).</summary>
public sealed record GetConcepts(IReadOnlyList<ConceptUri> Uris) : IQuery<IReadOnlyList<Concept?>>, IValidatable
{
    public const int MaxUris = 10_000;

    public IEnumerable<string> Validate() => Check.Range("uris", Uris?.Count ?? 0, 0, MaxUris);
}
