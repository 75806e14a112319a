using GraphQL.Types;
using SkillGraph.Domain;

namespace SkillGraph.Server.GraphQL.Common;

public sealed class ConceptKindType : EnumerationGraphType<ConceptKind>
{
    public ConceptKindType()
    {
        Name = "ConceptKind";
        Description = "What a concept is.";
    }
}

public sealed class SkillTypeType : EnumerationGraphType<SkillType>
{
    public SkillTypeType()
    {
        Name = "SkillType";
        Description = "ESCO's skillType: knowledge, or skill/competence.";
    }
}

public sealed class ReuseLevelType : EnumerationGraphType<ReuseLevel>
{
    public ReuseLevelType()
    {
        Name = "ReuseLevel";
        Description = "ESCO's reuseLevel: how widely a skill applies.";
    }
}

public sealed class LabelKindType : EnumerationGraphType<LabelKind>
{
    public LabelKindType()
    {
        Name = "LabelKind";
        Description = "Preferred, alternative or hidden label.";
    }
}

/// <summary>One ESCO collection (the flags of <see cref="EscoCollections"/> without None).</summary>
public sealed class EscoCollectionType : EnumerationGraphType
{
    public EscoCollectionType()
    {
        Name = "EscoCollection";
        Description = "An ESCO collection (digital, green, transversal, language, research, DigComp).";
        foreach (var flag in All)
        {
            Add(new EnumValueDefinition(global::GraphQL.StringExtensions.ToConstantCase(flag.ToString()), flag));
        }
    }

    public static IReadOnlyList<EscoCollections> All { get; } = [.. Enum.GetValues<EscoCollections>().Where(f => f != EscoCollections.None)];

    public static IEnumerable<EscoCollections> Flags(EscoCollections collections) => All.Where(f => (collections & f) != 0);
}
