using System.Runtime.InteropServices;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupations;

/// <summary>A weighted skill and the occupations that list it, essential and optional (one row of <see cref="OccupationScore.Of"/>).</summary>
public readonly record struct SkillListing(double Weight, IReadOnlyList<ConceptUri> EssentialFor, IReadOnlyList<ConceptUri> OptionalFor);

/// <summary>
/// The occupation score of <see cref="SuggestOccupationsHandler"/> (docs/decisions/0006), as a pure function over listings
/// already read: the handler applies it to the skills of one request, the student's graph re-ranking
/// (<c>SkillGraph.Student.GraphReranking</c>) to the skills it extracted, over listings it holds in memory.
/// </summary>
public static class OccupationScore
{
    /// <summary>
    /// score(o) = Σ_{s matched} w_s · idf_s · r_{o,s} / Σ_s w_s · idf_s / (E_o + α · O_o)^β for every occupation that
    /// lists at least one of <paramref name="skills"/>, in no particular order. Skills no occupation lists are skipped.
    /// </summary>
    /// <param name="size">An occupation's numbers of essential and optional skills.</param>
    public static List<(ConceptUri Occupation, double Score)> Of(
        IReadOnlyList<SkillListing> skills, int occupationCount, Func<ConceptUri, (int Essential, int Optional)> size,
        double optionalWeight = SuggestOccupations.DefaultOptionalWeight, double lengthExponent = SuggestOccupations.DefaultLengthExponent)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(size);
        occupationCount = Math.Max(1, occupationCount);
        var tallies = new Dictionary<ConceptUri, double>();
        var total = 0.0;
        var listing = new HashSet<ConceptUri>();
        var essentialHere = new HashSet<ConceptUri>();
        foreach (var skill in skills)
        {
            essentialHere.Clear();
            essentialHere.UnionWith(skill.EssentialFor);
            listing.Clear();
            listing.UnionWith(essentialHere);
            listing.UnionWith(skill.OptionalFor);
            if (listing.Count == 0)
            {
                continue; // a skill no occupation lists cannot point to one
            }

            var value = skill.Weight * Math.Log(1 + (occupationCount / (double)listing.Count));
            total += value;
            foreach (var occupation in skill.EssentialFor)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, occupation, out _) += value;
            }

            if (optionalWeight > 0)
            {
                foreach (var occupation in skill.OptionalFor)
                {
                    if (!essentialHere.Contains(occupation))
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(tallies, occupation, out _) += optionalWeight * value;
                    }
                }
            }
        }

        var scored = new List<(ConceptUri, double)>(tallies.Count);
        foreach (var (occupation, tally) in tallies)
        {
            var (essential, optional) = size(occupation);
            var length = Math.Max(1.0, essential + (optionalWeight * optional));
            scored.Add((occupation, tally / total / Math.Pow(length, lengthExponent)));
        }

        return scored;
    }
}
