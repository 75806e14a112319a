using Mediator;

namespace SkillGraph.Application.Features.Curation.ApplyChanges;

public sealed class ApplyChangesHandler(CurationBatch batch) : ICommandHandler<ApplyChanges, BatchResult>
{
    public ValueTask<BatchResult> Handle(ApplyChanges command, CancellationToken cancellationToken) =>
        batch.RunAsync(command.Changes, command.Comment, new CurationWriteOptions(DryRun: command.DryRun), cancellationToken);
}
