using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Concepts.SearchConcepts;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Search;

public sealed class SearchHitType : ObjectGraphType<SearchHit>
{
    public SearchHitType()
    {
        Name = "SearchHit";
        Description = "A concept whose preferred or alternative label matched a search.";
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(c => c.Source.Uri.Value);
        Field<NonNullGraphType<ConceptKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("preferredLabel").Resolve(c => c.Source.PreferredLabel);
        Field<NonNullGraphType<StringGraphType>>("matchedLabel").Description("The label that matched.").Resolve(c => c.Source.MatchedLabel);
        Field<NonNullGraphType<LabelKindType>>("matchedLabelKind").Resolve(c => c.Source.MatchedLabelKind);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Relevance in (0, 1]; hits come best first.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<ConceptInterface>>("concept").Resolve(c => c.Loaders().Concept(c.Source.Uri));
    }
}

public sealed class SearchQueries : IQueryFields
{
    public const int DefaultFirst = 10;

    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchHitType>>>>("search")
            .Description("Label search over preferred and alternative labels (case- and accent-insensitive, whole words and prefixes), best first.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<ConceptKindType>("kind", "Only concepts of this kind.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = DefaultFirst)
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                var first = c.GetArgument("first", DefaultFirst);
                if (first < 0 || first > SearchQuery.MaxResults)
                {
                    throw new SkillGraphException(ErrorCode.Limit, $"first must be between 0 and {SearchQuery.MaxResults} (limit maxSearchResults = {SearchQuery.MaxResults}); it was {first}.");
                }

                if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
                {
                    throw new SkillGraphException(ErrorCode.BadInput, "text must hold 1 to 200 characters.");
                }

                return await c.Loaders().Mediator.Send(new SearchConcepts(new SearchQuery(text, c.GetArgument<ConceptKind?>("kind"), first)), c.CancellationToken).ConfigureAwait(false);
            });
}
