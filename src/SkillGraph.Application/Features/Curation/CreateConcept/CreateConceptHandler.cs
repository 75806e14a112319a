using Mediator;
using Microsoft.Extensions.Options;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Curation.CreateConcept;

public sealed class CreateConceptHandler(CurationWriter writer, IOptions<CurationOptions> options) : ICommandHandler<CreateConcept, CurationResult>
{
    public ValueTask<CurationResult> Handle(CreateConcept command, CancellationToken cancellationToken) =>
        writer.WriteAsync(command.Comment, (draft, ct) => PlanAsync(draft, command, options.Value.UriNamespace, ct), cancellationToken);

    /// <summary>Checks and records creating the concept, its URI minted in <paramref name="uriNamespace"/> (also one line of a batch).</summary>
    internal static async ValueTask PlanAsync(CurationDraft draft, CreateConcept command, string uriNamespace, CancellationToken ct)
    {
        var path = command.Kind switch
        {
            ConceptKind.Occupation => "occupation",
            ConceptKind.Skill => "skill",
            _ => "skill-group",
        };
        var concept = new Concept
        {
            Uri = ConceptUri.Parse($"{uriNamespace}{path}/{Guid.NewGuid()}"),
            Kind = command.Kind,
            PreferredLabel = command.PreferredLabel,
            Labels = [.. command.AltLabels.Select(l => new ConceptLabel(l, LabelKind.Alternative))],
            Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description,
            Status = "released",
        };
        await GraphIntegrity.CheckLabelsAsync(draft.Graph, concept, command.AllowDuplicateLabel, draft, ct).ConfigureAwait(false);
        draft.Put(null, concept, expectedVersion: 0);
        draft.Subject = concept.Uri;
    }
}
