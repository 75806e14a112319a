using GraphQL.Validation;
using GraphQLParser.AST;
using SkillGraph.Domain;

namespace SkillGraph.Server.GraphQL;

/// <summary>Refuses <c>__schema</c> and <c>__type</c> (<c>FORBIDDEN</c>, HTTP 403) when <see cref="GraphQLExposure.ShowsSchema"/> is off; <c>__typename</c> stays.</summary>
public sealed class IntrospectionRule : IValidationRule
{
    private static readonly string Forbidden = ErrorCodes.Name(ErrorCode.Forbidden);

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor());

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    private sealed class Visitor : INodeVisitor
    {
        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLField field && field.Name.Value is var name && (name == "__schema" || name == "__type"))
            {
                context.ReportError(new ValidationError(context.Document.Source, null, GraphQLExposure.IntrospectionOff(name.ToString()), field) { Code = Forbidden });
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
    }
}
