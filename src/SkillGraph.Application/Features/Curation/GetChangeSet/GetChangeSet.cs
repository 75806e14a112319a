using Mediator;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Curation.GetChangeSet;

/// <summary>One change set of the change log by id; null when there is none.</summary>
public sealed record GetChangeSet(string Id) : IQuery<ChangeSet?>;
