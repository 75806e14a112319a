using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation;

/// <summary>
/// Told after every committed curation change which concepts it changed (created, relabelled, deprecated, related), before
/// the change's answer goes back: what a cache derived from the graph (the student's label vectors) needs to follow it.
/// A failing observer is logged and does not undo the change.
/// </summary>
public interface IGraphChangeObserver
{
    ValueTask OnConceptsChangedAsync(IReadOnlyList<ConceptUri> concepts, CancellationToken cancellationToken);
}
