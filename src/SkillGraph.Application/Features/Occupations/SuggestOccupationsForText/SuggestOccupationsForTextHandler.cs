using Mediator;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// Extract and find the titles the text names, then suggest: the one place where a text becomes occupation suggestions (GraphQL,
/// CLI and evaluation all send this).
/// </summary>
public sealed class SuggestOccupationsForTextHandler(ISkillExtractor extractor, OccupationTitles titles, IMediator mediator) : IQueryHandler<SuggestOccupationsForText, OccupationSuggestions>
{
    public async ValueTask<OccupationSuggestions> Handle(SuggestOccupationsForText query, CancellationToken cancellationToken)
    {
        var extraction = await extractor.ExtractAsync(query.Text, SuggestOccupations.SuggestOccupations.SkillsFromText, cancellationToken).ConfigureAwait(false);
        var named = query.UseTitles ? await titles.FindAsync(query.Text, cancellationToken).ConfigureAwait(false) : [];
        var request = SuggestOccupations.SuggestOccupations.FromExtraction(extraction.Skills.Select(s => (s.Uri, (double)s.Score)), query.First) with { Named = named };
        var weighed = extraction.Skills.Where(s => s.Score > 0).Take(request.Skills.Count).ToList();
        if (request.Skills.Count == 0 && named.Count == 0)
        {
            return new OccupationSuggestions(extraction.Model, weighed, []);
        }

        // Through the pipeline again, so the ranking step is validated and timed like any request.
        var occupations = await mediator.Send(request, cancellationToken).ConfigureAwait(false);
        return new OccupationSuggestions(extraction.Model, weighed, occupations);
    }
}
