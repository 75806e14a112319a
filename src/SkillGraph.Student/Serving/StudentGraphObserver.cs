using SkillGraph.Application.Features.Curation;
using SkillGraph.Domain;

namespace SkillGraph.Student.Serving;

/// <summary>Tells the server's student every committed curation change, so that <c>extractSkills</c> answers from the graph as it is now.</summary>
public sealed class StudentGraphObserver(StudentSkillExtractor student) : IGraphChangeObserver
{
    public async ValueTask OnConceptsChangedAsync(IReadOnlyList<ConceptUri> concepts, CancellationToken cancellationToken) =>
        await student.FollowAsync(concepts, cancellationToken).ConfigureAwait(false);
}
