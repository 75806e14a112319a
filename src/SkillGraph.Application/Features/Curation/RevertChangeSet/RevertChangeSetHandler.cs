using System.Text.Json;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Curation.AddRelation;
using SkillGraph.Application.Features.Curation.RemoveRelation;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.RevertChangeSet;

public sealed class RevertChangeSetHandler(CurationWriter writer, IGraphStore graph) : ICommandHandler<RevertChangeSet, CurationResult>
{
    public async ValueTask<CurationResult> Handle(RevertChangeSet command, CancellationToken cancellationToken)
    {
        var original = await graph.GetChangeSetAsync(command.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new ConceptNotFoundException($"id: no change set has the id '{command.Id}'");
        return await writer.WriteAsync(command.Comment, (draft, ct) => PlanAsync(draft, original, ct), cancellationToken, reverts: original.Id).ConfigureAwait(false);
    }

    private static async ValueTask PlanAsync(CurationDraft draft, ChangeSet original, CancellationToken cancellationToken)
    {
        await RefuseTwiceAsync(draft.Graph, original, cancellationToken).ConfigureAwait(false);
        foreach (var group in original.Changes.GroupBy(c => c.Concept))
        {
            var fields = group.Where(c => CurationDraft.RelationOf(c.Field) is null && c.Field != "replacedBy" && !c.Field.StartsWith(CurationDraft.Incoming, StringComparison.Ordinal)).ToList();
            if (fields.Count > 0)
            {
                var current = (await draft.Graph.GetConceptsAsync([group.Key], cancellationToken).ConfigureAwait(false))[0]
                    ?? throw new ConceptNotFoundException($"{group.Key} is no longer in the graph");
                var reverted = fields.Any(f => f.Field == "kind" && f.Before is null)
                    ? current with { Status = CurationDraft.Deprecated } // a created concept is deprecated, never deleted: its URI may be in use
                    : Enumerable.Reverse(fields).Aggregate(current, (concept, change) => Restore(concept, change)); // last change first (a batch may change a field twice)
                await GraphIntegrity.CheckLabelsAsync(draft.Graph, reverted, allowDuplicate: false, draft, cancellationToken).ConfigureAwait(false);
                draft.Put(current, reverted, current.Version);
                if (group.FirstOrDefault(c => c.Field == "replacedBy") is { } replaced)
                {
                    draft.Note(replaced with { Before = replaced.After, After = replaced.Before });
                }
            }

            foreach (var change in group.Reverse())
            {
                if (CurationDraft.RelationOf(change.Field) is not { } type)
                {
                    continue;
                }

                if (change.After is { } added)
                {
                    await RemoveRelationHandler.PlanAsync(draft, type, group.Key, Uri(added), cancellationToken).ConfigureAwait(false);
                }
                else if (change.Before is { } removed)
                {
                    await AddRelationHandler.PlanAsync(draft, type, group.Key, Uri(removed), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        draft.Subject = original.Concepts.FirstOrDefault();
    }

    /// <summary>The concept with <paramref name="change"/>'s field back at its value before, if it still has the value after; else CONFLICT.</summary>
    private static Concept Restore(Concept concept, FieldChange change)
    {
        var now = change.Field switch
        {
            "preferredLabel" => CurationDraft.Json(concept.PreferredLabel),
            "altLabels" => CurationDraft.Json(concept.AltLabels().ToArray()),
            "description" => concept.Description is null ? null : CurationDraft.Json(concept.Description),
            "status" => CurationDraft.Json(concept.Status),
            "kind" => CurationDraft.Json(concept.Kind.ToString()),
            _ => throw new SkillGraphException(ErrorCode.BadInput, $"the change log's field '{change.Field}' cannot be reverted"),
        };
        if (now != change.After)
        {
            throw new SkillGraphException(ErrorCode.Conflict, $"{change.Field} of {concept.PreferredLabel} ({concept.Uri}) changed again since (now {now ?? "empty"}): revert the later change first.");
        }

        return change.Field switch
        {
            "preferredLabel" => concept with { PreferredLabel = Text(change.Before) ?? concept.PreferredLabel },
            "altLabels" => concept with
            {
                Labels = [.. concept.Labels.Where(l => !(l.Kind == LabelKind.Alternative && l.Language == "en")), .. (JsonSerializer.Deserialize<string[]>(change.Before ?? "[]") ?? []).Select(l => new ConceptLabel(l, LabelKind.Alternative))],
            },
            "description" => concept with { Description = Text(change.Before) },
            "status" => concept with { Status = Text(change.Before) ?? "released" },
            _ => concept,
        };
    }

    private static async ValueTask RefuseTwiceAsync(IGraphStore graph, ChangeSet original, CancellationToken cancellationToken)
    {
        await foreach (var later in graph.AllChangeSetsAsync(new ChangeFilter(original.Concepts.FirstOrDefault(), original.CreatedAt), cancellationToken).ConfigureAwait(false))
        {
            if (later.Reverts == original.Id)
            {
                throw new SkillGraphException(ErrorCode.Conflict, $"change set {original.Id} was reverted already, by {later.Id}; revert that one to apply it again.");
            }
        }
    }

    private static string? Text(string? json) => json is null ? null : JsonSerializer.Deserialize<string>(json);

    private static ConceptUri Uri(string json) => ConceptUri.Parse(Text(json)!);
}
