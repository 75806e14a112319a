using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.GraphQL.Occupations;

namespace SkillGraph.Server.GraphQL.Walks;

/// <summary><c>suggestOccupations(text, first)</c>: sends <see cref="SuggestOccupationsForText"/> (extract, then rank) and maps its answer.</summary>
public sealed class SuggestQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<OccupationSuggestionsType>>("suggestOccupations")
            .Description("Occupations a text (a job ad, a resume) fits, best first: the student reads each line and sentence alone, then occupations are ranked by the skills they list, readings of one phrase being alternatives, of which an occupation counts only the one that says most for it (essential ones fully, optional ones less, rarer skills counting more, long skill lists discounted); an occupation the text names by title (one of its ESCO labels, e.g. a resume's heading) is added to that score and suggested even without its skills. Each with the matched skills and the reason.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Sends(typeof(SuggestOccupationsForText))
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                var answer = await WalkQueries.Send(c, new SuggestOccupationsForText(text, c.GetArgument<int>("first"))).ConfigureAwait(false);
                return new OccupationSuggestionsView(answer.Model, ExtractedSkillView.Of(answer.Skills, text), answer.Occupations);
            });
}

/// <summary>The answer of <c>suggestOccupations</c> as GraphQL shows it: the model, the skills it found (spans with their text), the ranked occupations.</summary>
public sealed record OccupationSuggestionsView(string Model, IReadOnlyList<ExtractedSkillView> Skills, IReadOnlyList<OccupationSuggestion> Occupations);

public sealed class OccupationSuggestionsType : ObjectGraphType<OccupationSuggestionsView>
{
    public OccupationSuggestionsType()
    {
        Name = "OccupationSuggestions";
        Field<NonNullGraphType<StringGraphType>>("model").Description("The student model version that extracted the skills.").Resolve(c => c.Source.Model);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExtractedSkillType>>>>("skills").Description("Skills found in the text, taken line by line (each line's best first; 12 at most), best first. Each line's 10 best weigh in the ranking, by their scores.").Resolve(c => c.Source.Skills);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OccupationSuggestionType>>>>("occupations").Description("Best first; ties by label, then URI.").Resolve(c => c.Source.Occupations);
    }
}

public sealed class OccupationSuggestionType : ObjectGraphType<OccupationSuggestion>
{
    public OccupationSuggestionType()
    {
        Name = "OccupationSuggestion";
        Field<NonNullGraphType<OccupationType>>("occupation")
            .Resolve(c => c.Loaders().Concept(c.Source.Occupation.Uri).Then(concept => concept ?? throw new ExecutionError($"{c.Source.Occupation.Uri} is no longer in the graph.")));
        Field<NonNullGraphType<FloatGraphType>>("score")
            .Description("Σ over the text's phrases (a line's readings whose spans overlap) of the largest weight × idf (× 0.8 for an optional skill) among the phrase's skills the occupation lists (weight: the skill's score cubed), over the same sum of each phrase's largest weight × idf, over (essential + 0.8 × optional skills)^0.2; plus 1 when the text names the occupation in its title line (0.25 in running text). Compare within one answer.")
            .Resolve(c => c.Source.Score);
        Field<NonNullGraphType<IntGraphType>>("essentialSkills").Description("How many essential skills the occupation lists.").Resolve(c => c.Source.EssentialSkills);
        Field<NonNullGraphType<IntGraphType>>("optionalSkills").Description("How many optional skills the occupation lists.").Resolve(c => c.Source.OptionalSkills);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("matchedEssential").Description("The text's skills that count for it (of each phrase, the one that says most for it) and are essential for it, by label.").Resolve(c => c.Source.MatchedEssential);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("matchedOptional").Description("The text's skills that count for it (of each phrase, the one that says most for it) and are optional for it, by label.").Resolve(c => c.Source.MatchedOptional);
        Field<StringGraphType>("namedAs").Description("The words by which the text names this occupation (one of its labels, normalised), or null when it does not.").Resolve(c => c.Source.NamedAs);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Description("Why, in words: that the text names it (when it does), the essential skills it matches, then the optional ones.").Resolve(c => c.Source.Reasons);
    }
}
