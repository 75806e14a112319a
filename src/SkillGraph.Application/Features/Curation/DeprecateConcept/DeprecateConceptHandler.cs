using Mediator;
using SkillGraph.Application.Features.Curation.UpdateConcept;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.DeprecateConcept;

public sealed class DeprecateConceptHandler(CurationWriter writer) : ICommandHandler<DeprecateConcept, CurationResult>
{
    public ValueTask<CurationResult> Handle(DeprecateConcept command, CancellationToken cancellationToken) =>
        writer.WriteAsync(command.Comment, (draft, ct) => PlanAsync(draft, command, ct), cancellationToken);

    /// <summary>Checks and records the deprecation (also one line of a batch).</summary>
    internal static async ValueTask PlanAsync(CurationDraft draft, DeprecateConcept command, CancellationToken ct)
    {
        var before = await UpdateConceptHandler.ReadForChangeAsync(draft, command.Uri, command.ExpectedVersion, ct).ConfigureAwait(false);
        if (before.Status == CurationDraft.Deprecated)
        {
            throw new SkillGraphException(ErrorCode.BadInput, $"uri: {before.PreferredLabel} ({before.Uri}) is deprecated already.");
        }

        if (command.ReplacedBy is { } replacement)
        {
            var survivor = (await GraphIntegrity.RequireLiveAsync(draft.Graph, "replacedBy", [replacement], ct).ConfigureAwait(false))[0];
            if (survivor.Kind != before.Kind)
            {
                throw new IntegrityViolationException(IntegrityRules.WrongKind, "replacedBy", [before.Uri, survivor.Uri], $"replacedBy: {survivor.PreferredLabel} is a {survivor.Kind}, {before.PreferredLabel} a {before.Kind}.");
            }
        }

        draft.Put(before, before with { Status = CurationDraft.Deprecated }, command.ExpectedVersion);
        if (command.ReplacedBy is { } by)
        {
            draft.Note(new FieldChange(before.Uri, "replacedBy", null, CurationDraft.Json(by.Value)));
        }

        draft.Subject = before.Uri;
    }
}
