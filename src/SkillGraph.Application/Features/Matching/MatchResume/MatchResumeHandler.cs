using Mediator;

namespace SkillGraph.Application.Features.Matching.MatchResume;

public sealed class MatchResumeHandler(IResumeMatcher matcher) : IQueryHandler<MatchResume, ResumeMatch>
{
    public ValueTask<ResumeMatch> Handle(MatchResume query, CancellationToken cancellationToken) =>
        matcher.MatchAsync(query.JobDescription, query.Resume, cancellationToken);
}
