using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.RemoveRelation;

public sealed class RemoveRelationHandler(CurationWriter writer) : ICommandHandler<RemoveRelation, CurationResult>
{
    public ValueTask<CurationResult> Handle(RemoveRelation command, CancellationToken cancellationToken) =>
        writer.WriteAsync(command.Comment, (draft, ct) => PlanAsync(draft, command.Type.ToRelationType(), command.From, command.To, ct), cancellationToken);

    /// <summary>Checks and records removing <paramref name="type"/> from <paramref name="from"/> to <paramref name="to"/> (also what a revert of an addition does).</summary>
    internal static async ValueTask PlanAsync(CurationDraft draft, RelationType type, ConceptUri from, ConceptUri to, CancellationToken cancellationToken)
    {
        var source = (await draft.Graph.GetConceptsAsync([from], cancellationToken).ConfigureAwait(false))[0]
            ?? throw new IntegrityViolationException(IntegrityRules.MissingConcept, "from", [from], $"from: no concept has the URI {from}.");
        var existing = await draft.Graph.AllNeighboursAsync(from, type, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        if (!existing.Contains(to))
        {
            throw new IntegrityViolationException(IntegrityRules.Relation, "to", [from, to], $"{source.PreferredLabel} has no {CurationDraft.FieldOf(type)} relation to {to}.");
        }

        if (type == RelationType.EssentialSkill)
        {
            await GraphIntegrity.CheckKeepsEssentialAsync(draft, source, to, cancellationToken).ConfigureAwait(false);
        }

        draft.Remove(source, new Relation(from, type, to));
        draft.Subject = from;
    }
}
