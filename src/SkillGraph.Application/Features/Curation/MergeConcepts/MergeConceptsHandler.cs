using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.MergeConcepts;

public sealed class MergeConceptsHandler(CurationWriter writer) : ICommandHandler<MergeConcepts, CurationResult>
{
    public ValueTask<CurationResult> Handle(MergeConcepts command, CancellationToken cancellationToken) =>
        writer.WriteAsync(command.Comment, async (draft, ct) =>
        {
            var ends = await GraphIntegrity.RequireLiveAsync(draft.Graph, "survivor", [command.Survivor], ct).ConfigureAwait(false);
            var survivor = ends[0];
            var duplicate = (await GraphIntegrity.RequireLiveAsync(draft.Graph, "duplicate", [command.Duplicate], ct).ConfigureAwait(false))[0];
            if (survivor.Version != command.SurvivorVersion)
            {
                throw new ConcurrencyConflictException(survivor.Uri, command.SurvivorVersion, survivor.Version);
            }

            if (duplicate.Version != command.DuplicateVersion)
            {
                throw new ConcurrencyConflictException(duplicate.Uri, command.DuplicateVersion, duplicate.Version);
            }

            if (survivor.Kind != duplicate.Kind)
            {
                throw new IntegrityViolationException(IntegrityRules.WrongKind, "duplicate", [survivor.Uri, duplicate.Uri], $"duplicate: {duplicate.PreferredLabel} is a {duplicate.Kind}, {survivor.PreferredLabel} a {survivor.Kind}; only concepts of one kind merge.");
            }

            // The duplicate's labels become the survivor's alternative labels.
            var labels = survivor.Labels.ToList();
            var known = new HashSet<string>(survivor.Labels.Where(l => l.Language == "en").Select(l => l.Text), StringComparer.OrdinalIgnoreCase) { survivor.PreferredLabel };
            foreach (var text in duplicate.AltLabels().Prepend(duplicate.PreferredLabel))
            {
                if (known.Add(text))
                {
                    labels.Add(new ConceptLabel(text, LabelKind.Alternative));
                }
            }

            var merged = survivor with { Labels = labels, Description = survivor.Description ?? duplicate.Description };
            draft.Put(survivor, merged, command.SurvivorVersion);
            draft.Put(duplicate, duplicate with { Status = CurationDraft.Deprecated }, command.DuplicateVersion);
            draft.Note(new FieldChange(duplicate.Uri, "replacedBy", null, CurationDraft.Json(survivor.Uri.Value)));

            // Every relation of the duplicate moves to the survivor.
            foreach (var type in Enum.GetValues<RelationType>())
            {
                var outgoing = await draft.Graph.AllNeighboursAsync(duplicate.Uri, type, Direction.Outgoing, ct).ConfigureAwait(false);
                var theirs = (await draft.Graph.AllNeighboursAsync(survivor.Uri, type, Direction.Outgoing, ct).ConfigureAwait(false)).ToHashSet();
                foreach (var target in outgoing)
                {
                    draft.Remove(duplicate, new Relation(duplicate.Uri, type, target));
                    if (target != survivor.Uri && theirs.Add(target))
                    {
                        if (type == RelationType.Broader)
                        {
                            var above = (await draft.Graph.GetConceptsAsync([target], ct).ConfigureAwait(false))[0]!;
                            await GraphIntegrity.CheckNoCycleAsync(draft.Graph, survivor, above, ct).ConfigureAwait(false);
                        }

                        draft.Add(survivor, new Relation(survivor.Uri, type, target));
                    }
                }

                var incoming = await draft.Graph.AllNeighboursAsync(duplicate.Uri, type, Direction.Incoming, ct).ConfigureAwait(false);
                var pointingAtSurvivor = (await draft.Graph.AllNeighboursAsync(survivor.Uri, type, Direction.Incoming, ct).ConfigureAwait(false)).ToHashSet();
                var sources = await draft.Graph.GetConceptsAsync(incoming, ct).ConfigureAwait(false);
                for (var i = 0; i < incoming.Count; i++)
                {
                    var source = sources[i]!;
                    draft.Remove(source, new Relation(source.Uri, type, duplicate.Uri));
                    if (source.Uri != survivor.Uri && pointingAtSurvivor.Add(source.Uri))
                    {
                        if (type == RelationType.Broader)
                        {
                            await GraphIntegrity.CheckNoCycleAsync(draft.Graph, source, survivor, ct).ConfigureAwait(false);
                        }

                        draft.Add(source, new Relation(source.Uri, type, survivor.Uri));
                    }
                }
            }

            draft.Subject = survivor.Uri;
        }, cancellationToken);
}
