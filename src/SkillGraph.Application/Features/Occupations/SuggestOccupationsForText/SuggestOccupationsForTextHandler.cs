using Mediator;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;

/// <summary>
/// Extract (the skills taken line by line, <see cref="LineDiverseSkills"/>) and find the titles the text names, then suggest: the one place where a text becomes occupation suggestions (GraphQL,
/// CLI and evaluation all send this).
/// </summary>
public sealed class SuggestOccupationsForTextHandler(ISkillExtractor extractor, OccupationTitles titles, IMediator mediator) : IQueryHandler<SuggestOccupationsForText, OccupationSuggestions>
{
    public async ValueTask<OccupationSuggestions> Handle(SuggestOccupationsForText query, CancellationToken cancellationToken)
    {
        var extraction = await extractor.ExtractAsync(query.Text, LineDiverseSkills.Candidates, cancellationToken).ConfigureAwait(false);
        var weighed = LineDiverseSkills.Pick(query.Text, extraction.Skills);
        var named = query.UseTitles ? await titles.FindAsync(query.Text, cancellationToken).ConfigureAwait(false) : [];
        var request = SuggestOccupations.SuggestOccupations.FromExtraction(weighed.Select(s => (s.Uri, (double)s.Score)), query.First) with { Named = named };
        if (request.Skills.Count == 0 && named.Count == 0)
        {
            return new OccupationSuggestions(extraction.Model, weighed, []);
        }

        // Through the pipeline again, so the ranking step is validated and timed like any request.
        var occupations = await mediator.Send(request, cancellationToken).ConfigureAwait(false);
        return new OccupationSuggestions(extraction.Model, weighed, occupations);
    }
}
