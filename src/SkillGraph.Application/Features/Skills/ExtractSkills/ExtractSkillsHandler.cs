using Mediator;

namespace SkillGraph.Application.Features.Skills.ExtractSkills;

public sealed class ExtractSkillsHandler(ISkillExtractor extractor) : IQueryHandler<ExtractSkills, SkillExtraction>
{
    public ValueTask<SkillExtraction> Handle(ExtractSkills query, CancellationToken cancellationToken) =>
        extractor.ExtractAsync(query.Text, query.First, cancellationToken);
}
