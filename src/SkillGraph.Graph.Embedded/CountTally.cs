using SkillGraph.Domain;

namespace SkillGraph.Graph.Embedded;

/// <summary>
/// <see cref="GraphCounts"/> as a sum over nodes: each node adds its kind, its labels, its collections and its outgoing
/// relations. A full build adds every node; a small write takes the written nodes out as they were and adds them back
/// as they are, so the counts follow every write without a pass over the graph.
/// </summary>
internal sealed class CountTally
{
    private static readonly EscoCollections[] Flags = [.. Enum.GetValues<EscoCollections>().Where(f => f != EscoCollections.None)];
    private readonly int[] _kinds = new int[Enum.GetValues<ConceptKind>().Max(k => (int)k) + 1];
    private readonly int[] _edges = new int[6];
    private readonly int[] _collections = new int[Flags.Length];
    private int _skillBroader;
    private int _occupationBroader;
    private int _labels;

    public static CountTally From(GraphCounts counts)
    {
        var tally = new CountTally();
        tally._kinds[(int)ConceptKind.Occupation] = counts.Occupations;
        tally._kinds[(int)ConceptKind.Skill] = counts.Skills;
        tally._kinds[(int)ConceptKind.SkillGroup] = counts.SkillGroups;
        tally._kinds[(int)ConceptKind.IscoGroup] = counts.IscoGroups;
        tally._edges[(int)RelationType.EssentialSkill] = counts.Essential;
        tally._edges[(int)RelationType.OptionalSkill] = counts.Optional;
        tally._edges[(int)RelationType.EssentialRelatedSkill] = counts.SkillSkill; // the two skill–skill types are counted as one
        tally._skillBroader = counts.SkillBroader;
        tally._occupationBroader = counts.OccupationBroader;
        tally._labels = counts.Labels;
        for (var f = 0; f < Flags.Length; f++)
        {
            tally._collections[f] = counts.Collections.TryGetValue(Name(Flags[f]), out var n) ? n : 0;
        }

        return tally;
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes out (-1) what node <paramref name="concept"/> contributes.</summary>
    public void Add(Concept concept, Func<RelationType, int> outDegree, int sign)
    {
        _kinds[(int)concept.Kind] += sign;
        _labels += sign * (1 + concept.Labels.Count);
        for (var f = 0; f < Flags.Length; f++)
        {
            if ((concept.Collections & Flags[f]) != 0)
            {
                _collections[f] += sign;
            }
        }

        _edges[(int)RelationType.EssentialSkill] += sign * outDegree(RelationType.EssentialSkill);
        _edges[(int)RelationType.OptionalSkill] += sign * outDegree(RelationType.OptionalSkill);
        _edges[(int)RelationType.EssentialRelatedSkill] += sign * (outDegree(RelationType.EssentialRelatedSkill) + outDegree(RelationType.OptionalRelatedSkill));
        var broader = sign * outDegree(RelationType.Broader);
        if (concept.Kind is ConceptKind.Skill or ConceptKind.SkillGroup)
        {
            _skillBroader += broader;
        }
        else
        {
            _occupationBroader += broader;
        }
    }

    public GraphCounts ToCounts(ImportSummary? lastImport)
    {
        var collections = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < Flags.Length; f++)
        {
            collections[Name(Flags[f])] = _collections[f];
        }

        return new GraphCounts
        {
            Occupations = _kinds[(int)ConceptKind.Occupation],
            Skills = _kinds[(int)ConceptKind.Skill],
            SkillGroups = _kinds[(int)ConceptKind.SkillGroup],
            IscoGroups = _kinds[(int)ConceptKind.IscoGroup],
            Essential = _edges[(int)RelationType.EssentialSkill],
            Optional = _edges[(int)RelationType.OptionalSkill],
            SkillBroader = _skillBroader,
            OccupationBroader = _occupationBroader,
            SkillSkill = _edges[(int)RelationType.EssentialRelatedSkill],
            Labels = _labels,
            Collections = collections,
            LastImport = lastImport,
        };
    }

    private static string Name(EscoCollections flag) => char.ToLowerInvariant(flag.ToString()[0]) + flag.ToString()[1..];
}
