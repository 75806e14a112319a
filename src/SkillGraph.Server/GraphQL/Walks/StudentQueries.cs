using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Walks;

/// <summary><c>extractSkills(text, first)</c>: sends <see cref="ExtractSkills"/> (the student, ONNX) and maps its answer.</summary>
public sealed class StudentQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<SkillExtractionType>>("extractSkills")
            .Description("The ESCO skills a text expresses, best first, each with the character spans that support it (the student model, ONNX Runtime).")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Sends(typeof(ExtractSkills))
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                var extraction = await WalkQueries.Send(c, new ExtractSkills(text, c.GetArgument<int>("first"))).ConfigureAwait(false);
                return SkillExtractionView.Of(extraction.Model, extraction.Skills, text);
            });
}

/// <summary>An extraction as GraphQL shows it: each span with the substring it covers.</summary>
public sealed record SkillExtractionView(string Model, IReadOnlyList<ExtractedSkillView> Skills)
{
    public static SkillExtractionView Of(string model, IReadOnlyList<SkillMention> skills, string text) => new(model, ExtractedSkillView.Of(skills, text));
}

public sealed record ExtractedSkillView(SkillMention Skill, string Text)
{
    public static IReadOnlyList<ExtractedSkillView> Of(IReadOnlyList<SkillMention> skills, string text) => [.. skills.Select(s => new ExtractedSkillView(s, text))];
}

public sealed class SkillExtractionType : ObjectGraphType<SkillExtractionView>
{
    public SkillExtractionType()
    {
        Name = "SkillExtraction";
        Field<NonNullGraphType<StringGraphType>>("model").Description("The student model version that answered.").Resolve(c => c.Source.Model);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExtractedSkillType>>>>("skills").Resolve(c => c.Source.Skills);
    }
}

public sealed class ExtractedSkillType : ObjectGraphType<ExtractedSkillView>
{
    public ExtractedSkillType()
    {
        Name = "ExtractedSkill";
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(c => c.Source.Skill.Uri);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Skill.Label);
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(c => Math.Round(c.Source.Skill.Score, 4));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TextSpanType>>>>("spans")
            .Resolve(c => c.Source.Skill.Spans.Select(s => new TextSpanView(s.Start, s.End, s.Of(c.Source.Text))).ToList());
    }
}

public sealed record TextSpanView(int Start, int End, string Text);

public sealed class TextSpanType : ObjectGraphType<TextSpanView>
{
    public TextSpanType()
    {
        Name = "TextSpan";
        Description = "Character offsets into the text: [start, end), and the text they cover.";
        Field<NonNullGraphType<IntGraphType>>("start").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<IntGraphType>>("end").Resolve(c => c.Source.End);
        Field<NonNullGraphType<StringGraphType>>("text").Description("The substring [start, end) of the text.").Resolve(c => c.Source.Text);
    }
}
