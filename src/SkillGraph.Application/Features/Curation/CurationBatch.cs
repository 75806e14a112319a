using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation;

/// <summary>How one command of a batch fared: checked (and written with the rest, unless a dry run), failed, or not reached.</summary>
public enum BatchLineStatus
{
    Ok,
    Failed,
    NotChecked,
}

/// <summary>One command of a batch: its place (0-based), op, the concept it is about (as stored after the batch, or as the dry run would leave it) and its errors.</summary>
public sealed record BatchLine(int Index, string Op, BatchLineStatus Status, Concept? Concept, IReadOnlyList<CurationError> Errors);

/// <summary>
/// What a batch did: <see cref="Written"/> when its one change set is in the log; otherwise nothing was written and
/// <see cref="Errors"/> says why (the failing line's errors, or the batch's own, e.g. a version that changed in between).
/// </summary>
public sealed record BatchResult(bool Written, ChangeSet? ChangeSet, IReadOnlyList<BatchLine> Lines, IReadOnlyList<CurationError> Errors, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Runs a batch of curation commands all or nothing as one change set: each command is checked against the graph the
/// earlier ones leave (<see cref="CurationDraft.Graph"/>), the first that fails stops the batch and nothing is written;
/// else one write with everything and one change set saying the batch's comment.
/// </summary>
public sealed class CurationBatch(CurationWriter writer, IGraphStore graph, Microsoft.Extensions.Options.IOptions<CurationOptions> options)
{
    public async ValueTask<BatchResult> RunAsync(IReadOnlyList<CurationChange> changes, string comment, CurationWriteOptions writeOptions, CancellationToken cancellationToken)
    {
        var lines = changes.Select((c, i) => new BatchLine(i, c.Op, BatchLineStatus.NotChecked, null, [])).ToArray();
        var subjects = new ConceptUri?[changes.Count];
        if (changes.Count == 0)
        {
            return new BatchResult(false, null, lines, [new CurationError("changes", "changes: give at least one change.", ErrorCodes.Name(ErrorCode.BadInput))], []);
        }

        try
        {
            var result = await writer.WriteAsync(comment, async (draft, ct) =>
            {
                var refs = new Dictionary<string, ConceptUri>(StringComparer.Ordinal);
                for (var i = 0; i < changes.Count; i++)
                {
                    try
                    {
                        var command = CurationChanges.ToCommand(changes[i], refs, comment);
                        if (command is IValidatable validatable && validatable.Validate().ToList() is { Count: > 0 } problems)
                        {
                            throw new RequestValidationException(changes[i].Op, problems);
                        }

                        draft.Subject = null;
                        await CurationChanges.PlanAsync(draft, command, options.Value.UriNamespace, ct).ConfigureAwait(false);
                        subjects[i] = draft.Subject;
                        if (changes[i].Ref is { } name && draft.Subject is { } created && !refs.TryAdd(name, created))
                        {
                            throw new SkillGraphException(ErrorCode.BadInput, $"ref: '{name}' names an earlier concept of the batch already.");
                        }
                    }
                    catch (SkillGraphException ex) when (CurationErrors.From(ex) is { } errors)
                    {
                        lines[i] = lines[i] with { Status = BatchLineStatus.Failed, Errors = errors };
                        throw new LineFailedException();
                    }

                    lines[i] = lines[i] with { Status = BatchLineStatus.Ok };
                }

                draft.Subject = null;
                if (writeOptions.DryRun)
                {
                    await FillAsync(draft.Graph, lines, subjects, ct).ConfigureAwait(false);
                }
            }, cancellationToken, options: writeOptions).ConfigureAwait(false);
            if (result.Written)
            {
                await FillAsync(graph, lines, subjects, cancellationToken).ConfigureAwait(false);
            }

            return new BatchResult(result.Written, result.ChangeSet, lines, [], result.Warnings);
        }
        catch (LineFailedException)
        {
            return new BatchResult(false, null, lines, lines.First(l => l.Status == BatchLineStatus.Failed).Errors, []);
        }
        catch (SkillGraphException ex) when (CurationErrors.From(ex) is { } errors)
        {
            return new BatchResult(false, null, [.. lines.Select(l => l with { Concept = null })], errors, []);
        }
    }

    private static async ValueTask FillAsync(IGraphStore graph, BatchLine[] lines, ConceptUri?[] subjects, CancellationToken cancellationToken)
    {
        var uris = subjects.OfType<ConceptUri>().Distinct().ToList();
        var concepts = (await graph.GetConceptsAsync(uris, cancellationToken).ConfigureAwait(false)).Zip(uris).ToDictionary(p => p.Second, p => p.First);
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i] with { Concept = subjects[i] is { } uri ? concepts[uri] : null };
        }
    }

    /// <summary>Stops the writer's plan (nothing is written); the line's errors are in the report already.</summary>
    private sealed class LineFailedException() : Exception("a line of the batch failed");
}
