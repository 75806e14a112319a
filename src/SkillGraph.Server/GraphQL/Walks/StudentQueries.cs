using GraphQL;
using GraphQL.Types;
using SkillGraph.Server.GraphQL.Common;
using SkillGraph.Server.Student;
using SkillGraph.Student;

namespace SkillGraph.Server.GraphQL.Walks;

/// <summary><c>extractSkills(text, first)</c>: the student (ONNX) finds the ESCO skills a text expresses, with spans.</summary>
public sealed class StudentQueries : IQueryFields
{
    public const int MaxTextLength = 20_000;

    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<SkillExtractionType>>("extractSkills")
            .Description("The ESCO skills a text expresses, best first, each with the character spans that support it (the student model, ONNX Runtime).")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                var first = c.GetArgument<int>("first");
                if (text.Length > MaxTextLength)
                {
                    throw new ExecutionError($"text: at most {MaxTextLength} characters (got {text.Length}).") { Code = "BAD_INPUT" };
                }

                if (first is < 1 or > 100)
                {
                    throw new ExecutionError($"first must be between 1 and 100 (got {first}).") { Code = "BAD_INPUT" };
                }

                try
                {
                    var student = c.RequestServices!.GetRequiredService<StudentService>();
                    var (_, info) = student.Get();
                    return new SkillExtraction(info.Version, await student.ExtractAsync(text, first, c.CancellationToken).ConfigureAwait(false));
                }
                catch (StudentLoadingException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = "STUDENT_LOADING" };
                }
            });
}

public sealed record SkillExtraction(string Model, IReadOnlyList<SkillMention> Skills);

public sealed class SkillExtractionType : ObjectGraphType<SkillExtraction>
{
    public SkillExtractionType()
    {
        Name = "SkillExtraction";
        Field<NonNullGraphType<StringGraphType>>("model").Description("The student model version that answered.").Resolve(c => c.Source.Model);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExtractedSkillType>>>>("skills").Resolve(c => c.Source.Skills);
    }
}

public sealed class ExtractedSkillType : ObjectGraphType<SkillMention>
{
    public ExtractedSkillType()
    {
        Name = "ExtractedSkill";
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(c => c.Source.Uri);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(c => Math.Round(c.Source.Score, 4));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TextSpanType>>>>("spans").Resolve(c => c.Source.Spans);
    }
}

public sealed class TextSpanType : ObjectGraphType<Span>
{
    public TextSpanType()
    {
        Name = "TextSpan";
        Description = "Character offsets into the text: [start, end).";
        Field<NonNullGraphType<IntGraphType>>("start").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<IntGraphType>>("end").Resolve(c => c.Source.End);
    }
}
