namespace SkillGraph.Application.Features.Skills.ExtractSkills;

/// <summary>
/// Where a text's readings stand: readings whose spans overlap are alternatives for one place of the text. "An agile process" read
/// as "Agile development" and as "Agile project management" is one thing the text says, not two (decision 0033 for occupation
/// suggestion, decision 0037 for the matcher).
/// </summary>
public static class SkillPlaces
{
    /// <summary>
    /// Which place each of <paramref name="readings"/> (best first) is of, numbered from <paramref name="first"/>, and how many places
    /// there are: a reading joins the first place whose spans its own overlap; a reading without a span is a place of its own.
    /// </summary>
    public static (List<(SkillMention Mention, int Place)> Placed, int Count) Of(IReadOnlyList<SkillMention> readings, int first = 0)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var places = new List<List<TextSpan>>();
        var result = new List<(SkillMention, int)>(readings.Count);
        foreach (var reading in readings)
        {
            var at = places.FindIndex(p => reading.Spans.Any(s => p.Any(o => s.Start < o.End && o.Start < s.End)));
            if (at < 0)
            {
                at = places.Count;
                places.Add([]);
            }

            places[at].AddRange(reading.Spans);
            result.Add((reading, first + at));
        }

        return (result, places.Count);
    }
}
