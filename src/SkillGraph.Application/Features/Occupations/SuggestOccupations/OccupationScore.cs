using System.Runtime.InteropServices;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Occupations.SuggestOccupations;

/// <summary>A weighted skill and the occupations that list it, essential and optional (one row of <see cref="OccupationScore.Of"/>).</summary>
/// <param name="Place">The place of the text the skill was read at (≥ 0): of the rows of one place (alternative readings of one
/// phrase), an occupation counts only the one that says most for it. Null: the row is a place of its own.</param>
public readonly record struct SkillListing(double Weight, IReadOnlyList<ConceptUri> EssentialFor, IReadOnlyList<ConceptUri> OptionalFor, int? Place = null);

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
    /// Rows of one <see cref="SkillListing.Place"/> count as one: each sum takes, per place, only its largest term for o
    /// (Σ_places max_{s ∈ place} …; the normaliser Σ_places max_{s ∈ place} w_s · idf_s), so alternative readings of one phrase
    /// never add up (decision 0033). Rows without a place are places of their own: the plain sums.
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

        // A place's best term for each occupation, and its best term at all; added to the sums when the place ends.
        var placeBest = new Dictionary<ConceptUri, double>();
        var placeTotal = 0.0;
        void EndPlace()
        {
            foreach (var (occupation, value) in placeBest)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, occupation, out _) += value;
            }

            total += placeTotal;
            placeBest.Clear();
            placeTotal = 0.0;
        }

        void Offer(ConceptUri occupation, double value)
        {
            ref var best = ref CollectionsMarshal.GetValueRefOrAddDefault(placeBest, occupation, out _);
            best = Math.Max(best, value);
        }

        // Rows in place order; the sort is stable, so rows without a place (each a place of its own) keep their order, first.
        var ordered = skills.OrderBy(r => r.Place ?? int.MinValue);
        int? place = null;
        var first = true;
        foreach (var skill in ordered)
        {
            if (first || skill.Place is null || skill.Place != place)
            {
                EndPlace();
            }

            first = false;
            place = skill.Place;
            essentialHere.Clear();
            essentialHere.UnionWith(skill.EssentialFor);
            listing.Clear();
            listing.UnionWith(essentialHere);
            listing.UnionWith(skill.OptionalFor);
            if (listing.Count == 0)
            {
                continue; // a skill no occupation lists cannot point to one
            }

            var value = Term(skill.Weight, listing.Count, occupationCount);
            placeTotal = Math.Max(placeTotal, value);
            foreach (var occupation in skill.EssentialFor)
            {
                Offer(occupation, value);
            }

            if (optionalWeight > 0)
            {
                foreach (var occupation in skill.OptionalFor)
                {
                    if (!essentialHere.Contains(occupation))
                    {
                        Offer(occupation, optionalWeight * value);
                    }
                }
            }
        }

        EndPlace();
        var scored = new List<(ConceptUri, double)>(tallies.Count);
        foreach (var (occupation, tally) in tallies)
        {
            var (essential, optional) = size(occupation);
            var length = Math.Max(1.0, essential + (optionalWeight * optional));
            scored.Add((occupation, tally / total / Math.Pow(length, lengthExponent)));
        }

        return scored;
    }

    /// <summary>
    /// Of the <paramref name="occupations"/>, which rows of <paramref name="skills"/> count in <see cref="Of"/>'s sums: in each place the
    /// row with the largest term for the occupation (the first on a tie), and every row without a place that lists it. Row indices, in order.
    /// </summary>
    public static Dictionary<ConceptUri, List<int>> Counted(
        IReadOnlyList<SkillListing> skills, int occupationCount, IReadOnlySet<ConceptUri> occupations, double optionalWeight = SuggestOccupations.DefaultOptionalWeight)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(occupations);
        occupationCount = Math.Max(1, occupationCount);
        var best = new Dictionary<(ConceptUri Occupation, int Place), (int Row, double Value)>();
        var counted = new Dictionary<ConceptUri, List<int>>();
        for (var i = 0; i < skills.Count; i++)
        {
            var skill = skills[i];
            var listedBy = skill.EssentialFor.Union(skill.OptionalFor).ToList();
            var listed = listedBy.Where(occupations.Contains).ToList();
            if (listed.Count == 0)
            {
                continue;
            }

            var term = Term(skill.Weight, listedBy.Count, occupationCount);
            foreach (var occupation in listed)
            {
                if (skill.Place is not { } place)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(counted, occupation, out _) ??= [];
                    counted[occupation].Add(i);
                    continue;
                }

                var value = skill.EssentialFor.Contains(occupation) ? term : optionalWeight * term;
                if (!best.TryGetValue((occupation, place), out var held) || value > held.Value)
                {
                    best[(occupation, place)] = (i, value);
                }
            }
        }

        foreach (var ((occupation, _), (row, _)) in best)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counted, occupation, out _) ??= [];
            counted[occupation].Add(row);
        }

        foreach (var rows in counted.Values)
        {
            rows.Sort();
        }

        return counted;
    }

    /// <summary>A skill's term before the occupation's relation to it: its weight times idf = ln(1 + N / n), n the occupations that list it.</summary>
    private static double Term(double weight, int listedBy, int occupationCount) => weight * Math.Log(1 + (occupationCount / (double)listedBy));
}
