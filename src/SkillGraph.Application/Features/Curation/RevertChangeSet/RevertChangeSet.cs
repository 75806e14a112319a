using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Curation.RevertChangeSet;

/// <summary>
/// Undoes change set <paramref name="Id"/>, itself recorded as a change set that names it (<c>reverts</c>): each field
/// goes back to its value before, each relation added is removed and each removed is added again, a created concept is
/// deprecated. A field changed again since answers <c>CONFLICT</c>; the integrity rules hold as for any change.
/// </summary>
[Requires(Permission.Apply)]
public sealed record RevertChangeSet(string Id, string Comment) : ICommand<CurationResult>, IValidatable
{
    public IEnumerable<string> Validate() =>
        (string.IsNullOrWhiteSpace(Id) ? new[] { "id: give the change set's id" } : []).Concat(CurationChecks.Comment(Comment));
}
