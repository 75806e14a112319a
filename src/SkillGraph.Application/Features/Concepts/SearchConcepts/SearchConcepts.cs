using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Concepts.SearchConcepts;

/// <summary>Label search over preferred and alternative labels, best first.</summary>
public sealed record SearchConcepts(SearchQuery Query) : IQuery<IReadOnlyList<SearchHit>>, IValidatable
{
    public const int MaxTextLength = 200;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Query?.Text) || Query.Text.Length > MaxTextLength)
        {
            yield return $"text must hold 1 to {MaxTextLength} characters";
        }

        foreach (var error in Check.Range("first", Query?.First ?? 0, 0, SearchQuery.MaxResults))
        {
            yield return error;
        }
    }
}
