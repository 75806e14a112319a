using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// A graph small enough to work every answer out by hand; the tests beside it do, in comments.
/// <code>
/// occupation (URI slug)             essential                          optional
/// software developer (developer)    Java, SQL, test software            Git          broader: ISCO 2512
/// web developer (web-developer)     JavaScript, SQL, test software      Java
/// data analyst (analyst)            SQL, statistics                     test software
/// software tester (tester)          test software                       Git, Java
/// mobile app developer (mobile-…)   object-oriented programming, Kotlin
/// chef (chef)                       cook meals
///
/// skill hierarchy, narrower → broader:  Java → object-oriented programming → programming (group)
///                                       Kotlin → object-oriented programming
///                                       SQL → programming;  JavaScript → programming
///                                       test software → software quality (group)
/// skill–skill relations:                SQL needs design databases (essential);  Python needs SQL (optional)
/// listed by no occupation:              design databases, Python, apply scrum, use containers
/// </code>
/// Six occupations in all; URIs sort as their slugs do (analyst &lt; chef &lt; developer &lt; … &lt; web-developer), which
/// decides the ties.
/// </summary>
public static class TinyGraph
{
    public static readonly ConceptUri Developer = Occupation("developer");
    public static readonly ConceptUri WebDeveloper = Occupation("web-developer");
    public static readonly ConceptUri Analyst = Occupation("analyst");
    public static readonly ConceptUri Tester = Occupation("tester");
    public static readonly ConceptUri MobileDeveloper = Occupation("mobile-developer");
    public static readonly ConceptUri Chef = Occupation("chef");
    public static readonly ConceptUri SoftwareDevelopers = ConceptUri.Parse("http://example.org/isco/2512");

    public static readonly ConceptUri Programming = ConceptUri.Parse("http://example.org/skillgroup/programming");
    public static readonly ConceptUri SoftwareQuality = ConceptUri.Parse("http://example.org/skillgroup/software-quality");

    public static readonly ConceptUri Java = Skill("java");
    public static readonly ConceptUri Kotlin = Skill("kotlin");
    public static readonly ConceptUri Oop = Skill("oop");
    public static readonly ConceptUri Sql = Skill("sql");
    public static readonly ConceptUri JavaScript = Skill("javascript");
    public static readonly ConceptUri TestSoftware = Skill("testing");
    public static readonly ConceptUri Git = Skill("git");
    public static readonly ConceptUri Statistics = Skill("statistics");
    public static readonly ConceptUri Cooking = Skill("cooking");
    public static readonly ConceptUri DatabaseDesign = Skill("database-design");
    public static readonly ConceptUri Python = Skill("python");
    public static readonly ConceptUri Scrum = Skill("scrum");
    public static readonly ConceptUri Containers = Skill("containers");

    /// <summary>The whole graph as one batch.</summary>
    public static GraphBatch Batch()
    {
        Concept[] concepts =
        [
            Of(Developer, ConceptKind.Occupation, "software developer"),
            Of(WebDeveloper, ConceptKind.Occupation, "web developer"),
            Of(Analyst, ConceptKind.Occupation, "data analyst"),
            Of(Tester, ConceptKind.Occupation, "software tester"),
            Of(MobileDeveloper, ConceptKind.Occupation, "mobile app developer"),
            Of(Chef, ConceptKind.Occupation, "chef"),
            Of(SoftwareDevelopers, ConceptKind.IscoGroup, "Software developers") with { Code = "2512" },
            Of(Programming, ConceptKind.SkillGroup, "programming"),
            Of(SoftwareQuality, ConceptKind.SkillGroup, "software quality"),
            Of(Java, ConceptKind.Skill, "Java"),
            Of(Kotlin, ConceptKind.Skill, "Kotlin"),
            Of(Oop, ConceptKind.Skill, "object-oriented programming"),
            Of(Sql, ConceptKind.Skill, "SQL"),
            Of(JavaScript, ConceptKind.Skill, "JavaScript"),
            Of(TestSoftware, ConceptKind.Skill, "test software"),
            Of(Git, ConceptKind.Skill, "Git"),
            Of(Statistics, ConceptKind.Skill, "statistics"),
            Of(Cooking, ConceptKind.Skill, "cook meals"),
            Of(DatabaseDesign, ConceptKind.Skill, "design databases"),
            Of(Python, ConceptKind.Skill, "Python"),
            Of(Scrum, ConceptKind.Skill, "apply scrum"),
            Of(Containers, ConceptKind.Skill, "use containers"),
        ];

        Relation[] relations =
        [
            .. Requires(Developer, [Java, Sql, TestSoftware], [Git]),
            .. Requires(WebDeveloper, [JavaScript, Sql, TestSoftware], [Java]),
            .. Requires(Analyst, [Sql, Statistics], [TestSoftware]),
            .. Requires(Tester, [TestSoftware], [Git, Java]),
            .. Requires(MobileDeveloper, [Oop, Kotlin], []),
            .. Requires(Chef, [Cooking], []),
            new(Developer, RelationType.Broader, SoftwareDevelopers),
            new(Java, RelationType.Broader, Oop),
            new(Kotlin, RelationType.Broader, Oop),
            new(Oop, RelationType.Broader, Programming),
            new(Sql, RelationType.Broader, Programming),
            new(JavaScript, RelationType.Broader, Programming),
            new(TestSoftware, RelationType.Broader, SoftwareQuality),
            new(Sql, RelationType.EssentialRelatedSkill, DatabaseDesign),
            new(Python, RelationType.OptionalRelatedSkill, Sql),
        ];

        return new GraphBatch { Concepts = [.. concepts.Select(c => new ConceptWrite(c))], AddRelations = relations, Source = "tiny test graph" };
    }

    private static ConceptUri Occupation(string slug) => ConceptUri.Parse($"http://example.org/occupation/{slug}");

    private static ConceptUri Skill(string slug) => ConceptUri.Parse($"http://example.org/skill/{slug}");

    private static Concept Of(ConceptUri uri, ConceptKind kind, string label) => new() { Uri = uri, Kind = kind, PreferredLabel = label };

    private static IEnumerable<Relation> Requires(ConceptUri occupation, ConceptUri[] essential, ConceptUri[] optional) =>
        essential.Select(s => new Relation(occupation, RelationType.EssentialSkill, s))
            .Concat(optional.Select(s => new Relation(occupation, RelationType.OptionalSkill, s)));
}
