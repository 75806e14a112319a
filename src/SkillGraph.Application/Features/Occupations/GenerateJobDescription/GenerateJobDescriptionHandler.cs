using Mediator;

namespace SkillGraph.Application.Features.Occupations.GenerateJobDescription;

public sealed class GenerateJobDescriptionHandler(IJobDescriptionWriter writer) : IQueryHandler<GenerateJobDescription, GeneratedJobDescription>
{
    public async ValueTask<GeneratedJobDescription> Handle(GenerateJobDescription query, CancellationToken cancellationToken) =>
        await writer.WriteAsync(query.Occupation, query.Seed, cancellationToken).ConfigureAwait(false);
}
