using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Tests.Features.Small;

/// <summary><see cref="SkillPlaces"/>: readings whose spans overlap are alternatives for one place of a text.</summary>
public sealed class SkillPlacesTests
{
    private static SkillMention Reading(string label, params (int Start, int End)[] spans) =>
        new("http://example.org/" + label.Replace(' ', '-'), label, 0.5f, [.. spans.Select(s => new TextSpan(s.Start, s.End))]);

    [Fact]
    public void Overlapping_readings_share_a_place_and_separate_ones_do_not()
    {
        // "… Java and SQL code … an agile process": "agile" (60–65) read twice, "SQL" (9–12) read twice, Java (0–4) once.
        var readings = new[]
        {
            Reading("Agile development", (60, 65)),
            Reading("SQL", (9, 12)),
            Reading("Java", (0, 4)),
            Reading("Agile project management", (58, 72)),
            Reading("SQL Server", (9, 17)),
            Reading("without a span"),
        };

        var (placed, count) = SkillPlaces.Of(readings, first: 3);

        Assert.Equal(4, count);
        Assert.Equal([3, 4, 5, 3, 4, 6], placed.Select(p => p.Place));
        Assert.Equal(readings, placed.Select(p => p.Mention));
    }

    [Fact]
    public void A_reading_joins_the_first_place_its_spans_touch_and_widens_it()
    {
        // "software testing" (10–26) joins "testing" (19–26)'s place, and "software" (10–18) then joins it through the wider place.
        var (placed, count) = SkillPlaces.Of([Reading("testing", (19, 26)), Reading("software testing", (10, 26)), Reading("software", (10, 18)), Reading("touching only", (26, 30))]);

        Assert.Equal(2, count);
        Assert.Equal([0, 0, 0, 1], placed.Select(p => p.Place));
    }
}
