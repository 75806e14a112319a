namespace SkillGraph.Domain;

/// <summary>What a concept is. The numeric values are stored; never renumber.</summary>
public enum ConceptKind
{
    Occupation = 1,
    Skill = 2,
    SkillGroup = 3,
    IscoGroup = 4,
}

/// <summary>ESCO's skillType: knowledge, or skill/competence.</summary>
public enum SkillType
{
    SkillCompetence = 1,
    Knowledge = 2,
}

/// <summary>ESCO's reuseLevel of a skill.</summary>
public enum ReuseLevel
{
    Transversal = 1,
    CrossSector = 2,
    SectorSpecific = 3,
    OccupationSpecific = 4,
}

public enum LabelKind
{
    Preferred = 1,
    Alternative = 2,
    Hidden = 3,
}

/// <summary>
/// A directed relation between two concepts. <see cref="Broader"/> points from the narrower concept to the
/// broader one in both pillars (skill → skill or skill group, occupation → occupation or ISCO group,
/// group → group); walking it <see cref="Direction.Incoming"/> gives the narrower concepts.
/// </summary>
public enum RelationType
{
    /// <summary>occupation → skill it requires.</summary>
    EssentialSkill = 1,

    /// <summary>occupation → skill that is optional for it.</summary>
    OptionalSkill = 2,

    /// <summary>narrower concept → broader concept (both pillars).</summary>
    Broader = 3,

    /// <summary>skill → skill that it essentially needs (ESCO skill–skill relation).</summary>
    EssentialRelatedSkill = 4,

    /// <summary>skill → skill optionally related (ESCO skill–skill relation).</summary>
    OptionalRelatedSkill = 5,
}

public enum Direction
{
    Outgoing = 1,
    Incoming = 2,
}

/// <summary>Membership of the ESCO collections.</summary>
[Flags]
public enum EscoCollections
{
    None = 0,
    Digital = 1,
    Green = 2,
    Transversal = 4,
    Language = 8,
    Research = 16,
    DigComp = 32,
}
