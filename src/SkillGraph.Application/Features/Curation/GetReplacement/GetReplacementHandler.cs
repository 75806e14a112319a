using System.Text.Json;
using Mediator;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetReplacement;

public sealed class GetReplacementHandler(IGraphStore graph) : IQueryHandler<GetReplacement, ConceptUri?>
{
    public async ValueTask<ConceptUri?> Handle(GetReplacement query, CancellationToken cancellationToken)
    {
        ConceptUri? found = null;
        var at = query.Uri;
        var seen = new HashSet<ConceptUri> { at };
        for (var step = 0; step < GetReplacement.MaxSteps; step++)
        {
            var concept = (await graph.GetConceptsAsync([at], cancellationToken).ConfigureAwait(false))[0];
            if (concept?.Status != CurationDraft.Deprecated || await LastReplacementAsync(at, cancellationToken).ConfigureAwait(false) is not { } next || !seen.Add(next))
            {
                break;
            }

            found = at = next;
        }

        return found;
    }

    /// <summary>The value of the newest <c>replacedBy</c> change of <paramref name="uri"/> (null when the newest one cleared it).</summary>
    private async ValueTask<ConceptUri?> LastReplacementAsync(ConceptUri uri, CancellationToken cancellationToken)
    {
        FieldChange? last = null;
        await foreach (var set in graph.AllChangeSetsAsync(new ChangeFilter(uri), cancellationToken).ConfigureAwait(false))
        {
            last = set.Changes.LastOrDefault(c => c.Concept == uri && c.Field == "replacedBy") ?? last;
        }

        return last?.After is { } json && JsonSerializer.Deserialize<string>(json) is { } text && ConceptUri.TryParse(text, out var next) ? next : null;
    }
}
