using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.UpdateConcept;

public sealed class UpdateConceptHandler(CurationWriter writer) : ICommandHandler<UpdateConcept, CurationResult>
{
    public ValueTask<CurationResult> Handle(UpdateConcept command, CancellationToken cancellationToken) =>
        writer.WriteAsync(command.Comment, (draft, ct) => PlanAsync(draft, command, ct), cancellationToken);

    /// <summary>Checks and records the change (also one line of a batch).</summary>
    internal static async ValueTask PlanAsync(CurationDraft draft, UpdateConcept command, CancellationToken ct)
    {
        var before = await ReadForChangeAsync(draft, command.Uri, command.ExpectedVersion, ct).ConfigureAwait(false);
        var after = before with
        {
            PreferredLabel = command.PreferredLabel ?? before.PreferredLabel,
            Labels = command.AltLabels is null
                ? before.Labels
                : [.. before.Labels.Where(l => !(l.Kind == LabelKind.Alternative && l.Language == "en")), .. command.AltLabels.Select(l => new ConceptLabel(l, LabelKind.Alternative))],
            Description = command.Description is null ? before.Description : command.Description.Length == 0 ? null : command.Description,
        };
        await GraphIntegrity.CheckLabelsAsync(draft.Graph, after, command.AllowDuplicateLabel, draft, ct).ConfigureAwait(false);
        draft.Put(before, after, command.ExpectedVersion);
        draft.Subject = after.Uri;
    }

    /// <summary>The concept at <paramref name="uri"/> if it exists and is at <paramref name="expectedVersion"/>; else NOT_FOUND or CONFLICT.</summary>
    internal static async ValueTask<Concept> ReadForChangeAsync(CurationDraft draft, ConceptUri uri, long expectedVersion, CancellationToken cancellationToken)
    {
        var concept = (await draft.Graph.GetConceptsAsync([uri], cancellationToken).ConfigureAwait(false))[0]
            ?? throw new ConceptNotFoundException($"uri: no concept has the URI {uri}");
        if (concept.Version != expectedVersion)
        {
            throw new Graph.ConcurrencyConflictException(uri, expectedVersion, concept.Version);
        }

        return concept;
    }
}
