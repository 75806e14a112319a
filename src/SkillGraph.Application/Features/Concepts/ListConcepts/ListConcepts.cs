using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.ListConcepts;

/// <summary>Concepts of one kind that pass <paramref name="Filter"/>, ordered by URI, one page at a time.</summary>
public sealed record ListConcepts(ConceptFilter Filter, PageRequest Page) : IQuery<Page<ConceptUri>>, IValidatable
{
    public IEnumerable<string> Validate() => Check.Range("first", Page.First, 0, PageRequest.MaxPageSize);
}
