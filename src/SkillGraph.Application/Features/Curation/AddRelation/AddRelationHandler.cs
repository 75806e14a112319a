using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.AddRelation;

public sealed class AddRelationHandler(CurationWriter writer) : ICommandHandler<AddRelation, CurationResult>
{
    public ValueTask<CurationResult> Handle(AddRelation command, CancellationToken cancellationToken) =>
        writer.WriteAsync(command.Comment, (draft, ct) => PlanAsync(draft, command.Type.ToRelationType(), command.From, command.To, ct), cancellationToken);

    /// <summary>Checks and records adding <paramref name="type"/> from <paramref name="from"/> to <paramref name="to"/> (also what a revert of a removal does).</summary>
    internal static async ValueTask PlanAsync(CurationDraft draft, RelationType type, ConceptUri from, ConceptUri to, CancellationToken cancellationToken)
    {
        var ends = await GraphIntegrity.RequireLiveAsync(draft.Graph, "from", [from], cancellationToken).ConfigureAwait(false);
        var target = (await GraphIntegrity.RequireLiveAsync(draft.Graph, "to", [to], cancellationToken).ConfigureAwait(false))[0];
        var source = ends[0];
        GraphIntegrity.CheckKinds(type, source, target);
        var existing = await draft.Graph.AllNeighboursAsync(from, type, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        if (existing.Contains(to))
        {
            throw new IntegrityViolationException(IntegrityRules.Relation, "to", [from, to], $"{source.PreferredLabel} already has the {CurationDraft.FieldOf(type)} relation to {target.PreferredLabel}.");
        }

        if (type == RelationType.Broader)
        {
            await GraphIntegrity.CheckNoCycleAsync(draft.Graph, source, target, cancellationToken).ConfigureAwait(false);
        }

        draft.Add(source, new Relation(from, type, to));
        draft.Subject = from;
    }
}
