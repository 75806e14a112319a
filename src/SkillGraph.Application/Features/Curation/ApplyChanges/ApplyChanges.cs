using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Curation.ApplyChanges;

/// <summary>
/// A batch of curation commands applied all or nothing as one change set saying <paramref name="Comment"/> (what
/// <c>skillgraph curate apply FILE.jsonl</c> sends); with <paramref name="DryRun"/> every check runs and nothing is written.
/// The answer reports each command; a command's errors are data, not exceptions.
/// </summary>
[Requires(Permission.Apply)]
public sealed record ApplyChanges(IReadOnlyList<CurationChange> Changes, string Comment, bool DryRun = false) : ICommand<BatchResult>, IValidatable
{
    public IEnumerable<string> Validate() => CurationChecks.Comment(Comment);
}
