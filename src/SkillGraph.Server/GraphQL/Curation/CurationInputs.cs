using GraphQL.Types;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Curation;

public sealed class CreateConceptInputType : InputObjectGraphType
{
    public CreateConceptInputType()
    {
        Name = "CreateConceptInput";
        Field<NonNullGraphType<ConceptKindType>>("kind").Description("OCCUPATION, SKILL or SKILL_GROUP.");
        Field<NonNullGraphType<StringGraphType>>("preferredLabel");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("altLabels");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<StringGraphType>>("comment").Description("Why (required; kept in the change log).");
        Field<BooleanGraphType>("allowDuplicateLabel").Description("Allow a preferred label another concept of the kind has.");
    }
}

public sealed class UpdateConceptInputType : InputObjectGraphType
{
    public UpdateConceptInputType()
    {
        Name = "UpdateConceptInput";
        Field<NonNullGraphType<StringGraphType>>("uri");
        Field<NonNullGraphType<IntGraphType>>("expectedVersion").Description("The version you read; a concept changed since answers CONFLICT.");
        Field<StringGraphType>("preferredLabel").Description("Left out: unchanged.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("altLabels").Description("The whole new list; left out: unchanged.");
        Field<StringGraphType>("description").Description("Left out: unchanged; empty: removed.");
        Field<NonNullGraphType<StringGraphType>>("comment");
        Field<BooleanGraphType>("allowDuplicateLabel");
    }
}

public sealed class DeprecateConceptInputType : InputObjectGraphType
{
    public DeprecateConceptInputType()
    {
        Name = "DeprecateConceptInput";
        Field<NonNullGraphType<StringGraphType>>("uri");
        Field<NonNullGraphType<IntGraphType>>("expectedVersion");
        Field<StringGraphType>("replacedBy").Description("The concept that replaces it (same kind, not deprecated).");
        Field<NonNullGraphType<StringGraphType>>("comment");
    }
}

public sealed class RelationInputType : InputObjectGraphType
{
    public RelationInputType()
    {
        Name = "RelationInput";
        Field<NonNullGraphType<CurationRelationType>>("type");
        Field<NonNullGraphType<StringGraphType>>("from").Description("The occupation (ESSENTIAL, OPTIONAL), the narrower concept (BROADER), the skill that needs the other (RELATED).");
        Field<NonNullGraphType<StringGraphType>>("to");
        Field<NonNullGraphType<StringGraphType>>("comment");
    }
}

public sealed class RevertChangeSetInputType : InputObjectGraphType
{
    public RevertChangeSetInputType()
    {
        Name = "RevertChangeSetInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("comment");
    }
}

public sealed class MergeConceptsInputType : InputObjectGraphType
{
    public MergeConceptsInputType()
    {
        Name = "MergeConceptsInput";
        Field<NonNullGraphType<StringGraphType>>("survivor").Description("The concept that stays.");
        Field<NonNullGraphType<IntGraphType>>("survivorVersion");
        Field<NonNullGraphType<StringGraphType>>("duplicate").Description("The concept merged into the survivor and deprecated; its URI keeps answering with the survivor.");
        Field<NonNullGraphType<IntGraphType>>("duplicateVersion");
        Field<NonNullGraphType<StringGraphType>>("comment");
    }
}
