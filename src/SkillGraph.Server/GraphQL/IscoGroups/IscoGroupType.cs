using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Concepts.ListConcepts;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Nodes;

namespace SkillGraph.Server.GraphQL.IscoGroups;

public sealed class IscoGroupType : ObjectGraphType<Concept>
{
    public IscoGroupType(IEnumerable<IGraphTypeExtension<IscoGroupType>> extensions)
    {
        Name = "IscoGroup";
        Description = "A group of the International Standard Classification of Occupations (ISCO-08), as ESCO uses it.";
        Interface<NodeInterface>();
        Interface<ConceptInterface>();
        IsTypeOf = o => o is Concept { Kind: ConceptKind.IscoGroup };
        ConceptFields.AddTo(this);
        foreach (var extension in extensions)
        {
            extension.Extend(this);
        }
    }
}

public sealed class IscoGroupQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<IscoGroupType>("iscoGroup")
            .Description("The ISCO group with this code (e.g. \"2512\") or URI; give exactly one.")
            .Argument<StringGraphType>("code")
            .Argument<StringGraphType>("uri")
            .ResolveAsync(async c =>
            {
                var code = c.GetArgument<string?>("code");
                var hasUri = c.HasArgument("uri") && c.GetArgument<string?>("uri") is not null;
                if ((code is null) == !hasUri)
                {
                    throw new SkillGraphException(ErrorCode.BadInput, "iscoGroup: give exactly one of code and uri.");
                }

                if (hasUri)
                {
                    var concept = await c.Loaders().Concept(c.Uri()).GetResultAsync(c.CancellationToken).ConfigureAwait(false);
                    return concept?.Kind == ConceptKind.IscoGroup ? concept : null;
                }

                // The port has no look-up by code: list the ISCO groups whose code starts with it and take the exact one.
                var page = await c.Loaders().Mediator.Send(
                    new ListConcepts(new ConceptFilter(ConceptKind.IscoGroup) { IscoGroupPrefix = code!.Trim() }, new PageRequest(PageRequest.MaxPageSize)), c.CancellationToken).ConfigureAwait(false);
                var groups = await c.Loaders().Concepts(page.Items).GetResultAsync(c.CancellationToken).ConfigureAwait(false);
                return groups.FirstOrDefault(g => g?.Code == code.Trim());
            });
}
