using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;

namespace SkillGraph.Application.Features.Careers.GetCareerMoves;

/// <summary>
/// Occupations someone can move to with the fewest missing essential skills, from <paramref name="From"/> (whose
/// essential and optional skills count as held) and/or explicit <paramref name="HeldSkills"/>.
/// </summary>
public sealed record GetCareerMoves(ConceptUri? From, IReadOnlyList<ConceptUri> HeldSkills, int First = 10) : IQuery<IReadOnlyList<CareerMove>>, IValidatable
{
    public const int MaxFirst = 100;

    public IEnumerable<string> Validate()
    {
        if (From is null && HeldSkills.Count == 0)
        {
            yield return "give an occupation to move from (from) or the held skills (heldSkillUris)";
        }

        foreach (var error in Check.Range("first", First, 1, MaxFirst))
        {
            yield return error;
        }
    }
}

/// <summary>A reachable occupation and its gap: the essential skills still missing.</summary>
public sealed record CareerMove(
    ConceptRef Occupation,
    int EssentialSkills,
    int MissingEssentialCount,
    double Coverage,
    IReadOnlyList<ConceptRef> MissingEssential,
    IReadOnlyList<ConceptRef> SharedEssential,
    string Reason);
