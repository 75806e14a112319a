using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>The <c>first</c>/<c>after</c> arguments of every connection field, checked against <see cref="GraphQLLimits.MaxPageSize"/>.</summary>
public static class PagingArguments
{
    public const int DefaultPageSize = 50;

    public static FieldBuilder<TSource, TReturn> WithPaging<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.Argument<IntGraphType>("first", a =>
        {
            a.DefaultValue = DefaultPageSize;
            a.Description = $"How many items (0 to the server's maxPageSize); default {DefaultPageSize}.";
        });
        field.Argument<StringGraphType>("after", "The endCursor of the previous page.");
        return field;
    }

    /// <summary>Reads and checks <c>first</c> and <c>after</c>; throws an <see cref="ExecutionError"/> that names the limit.</summary>
    public static PageRequest PageRequest(this IResolveFieldContext context)
    {
        var max = context.Limits().MaxPageSize;
        var first = context.GetArgument("first", DefaultPageSize);
        if (first < 0 || first > max)
        {
            throw new SkillGraphException(ErrorCode.Limit, $"first must be between 0 and {max} (limit maxPageSize = {max}); it was {first}.");
        }

        var after = context.GetArgument<string?>("after");
        if (after is not null)
        {
            try
            {
                _ = Cursor.Decode(after);
            }
            catch (ArgumentException ex)
            {
                throw new SkillGraphException(ErrorCode.BadInput, $"after: {ex.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        return new PageRequest(first, after);
    }

    public static GraphQLLimits Limits(this IResolveFieldContext context) =>
        context.UserContext is SkillGraphUserContext user ? user.Limits : GraphQLLimits.Default;
}
