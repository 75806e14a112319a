using System.Globalization;
using System.Runtime.InteropServices;
using Mediator;
using SkillGraph.Application.Common;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Application.Features.Occupations.GetRelatedOccupations;

public sealed class GetRelatedOccupationsHandler(IGraphStore graph) : IQueryHandler<GetRelatedOccupations, IReadOnlyList<RelatedOccupation>>
{
    public async ValueTask<IReadOnlyList<RelatedOccupation>> Handle(GetRelatedOccupations query, CancellationToken cancellationToken)
    {
        var occupation = await graph.RequireAsync(query.Occupation, ConceptKind.Occupation, cancellationToken).ConfigureAwait(false);
        var essential = await graph.AllNeighboursAsync(occupation.Uri, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var essentialSet = essential.ToHashSet();
        var optional = query.OptionalWeight > 0
            ? [.. (await graph.AllNeighboursAsync(occupation.Uri, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false)).Where(s => !essentialSet.Contains(s))]
            : Array.Empty<ConceptUri>();

        // One pass over the occupations that list each of our skills: count shared essential and other shared skills.
        var tallies = new Dictionary<ConceptUri, Tally>();
        var essentialFor = await graph.AllNeighboursOfManyAsync(essential, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
        foreach (var page in essentialFor)
        {
            foreach (var other in page)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, other, out _).Essential++;
            }
        }

        if (query.OptionalWeight > 0)
        {
            var optionalForEssential = await graph.AllNeighboursOfManyAsync(essential, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            var essentialForOptional = await graph.AllNeighboursOfManyAsync(optional, RelationType.EssentialSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            var optionalForOptional = await graph.AllNeighboursOfManyAsync(optional, RelationType.OptionalSkill, Direction.Incoming, cancellationToken).ConfigureAwait(false);
            foreach (var page in optionalForEssential.Concat(essentialForOptional).Concat(optionalForOptional))
            {
                foreach (var other in page)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(tallies, other, out _).Other++;
                }
            }
        }

        tallies.Remove(occupation.Uri);

        // The best `first` by (score desc, shared essential desc, URI asc), without sorting every candidate.
        var heap = new PriorityQueue<ConceptUri, (double Score, int Essential, ConceptUri Uri)>(query.First + 1, WorstFirst.Instance);
        foreach (var (uri, tally) in tallies)
        {
            var score = tally.Essential + (query.OptionalWeight * tally.Other);
            if (score <= 0)
            {
                continue;
            }

            heap.Enqueue(uri, (score, tally.Essential, uri));
            if (heap.Count > query.First)
            {
                heap.Dequeue();
            }
        }

        if (heap.Count == 0)
        {
            return [];
        }

        var top = new (ConceptUri Uri, double Score)[heap.Count];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var uri, out var key);
            top[i] = (uri!, key.Score);
        }

        // The shared skills, for the winners only.
        var topUris = new ConceptUri[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            topUris[i] = top[i].Uri;
        }

        var theirEssential = await graph.AllNeighboursOfManyAsync(topUris, RelationType.EssentialSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false);
        var theirOptional = query.OptionalWeight > 0
            ? await graph.AllNeighboursOfManyAsync(topUris, RelationType.OptionalSkill, Direction.Outgoing, cancellationToken).ConfigureAwait(false)
            : null;
        var ours = new HashSet<ConceptUri>(essential);
        ours.UnionWith(optional);
        var needed = new HashSet<ConceptUri>(topUris);
        var sharedEssential = new List<ConceptUri>[top.Length];
        var sharedOther = new List<ConceptUri>[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            sharedEssential[i] = [];
            foreach (var skill in theirEssential[i])
            {
                if (essentialSet.Contains(skill))
                {
                    sharedEssential[i].Add(skill);
                }
            }

            sharedOther[i] = theirOptional is null
                ? []
                : [.. theirEssential[i].Concat(theirOptional[i]).Where(s => ours.Contains(s) && !sharedEssential[i].Contains(s)).Distinct()];
            needed.UnionWith(sharedEssential[i]);
            needed.UnionWith(sharedOther[i]);
        }

        var neededUris = needed.ToArray();
        var neededConcepts = await graph.GetConceptsAsync(neededUris, cancellationToken).ConfigureAwait(false);
        var refs = new Dictionary<ConceptUri, ConceptRef>(neededUris.Length);
        for (var i = 0; i < neededUris.Length; i++)
        {
            refs[neededUris[i]] = ConceptRef.Of(neededConcepts[i]!);
        }

        List<ConceptRef> ByLabel(List<ConceptUri> uris)
        {
            var list = new List<ConceptRef>(uris.Count);
            foreach (var uri in uris)
            {
                list.Add(refs[uri]);
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.Label, b.Label));
            return list;
        }

        var result = new RelatedOccupation[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            result[i] = new RelatedOccupation(refs[top[i].Uri], Math.Round(top[i].Score, 4), ByLabel(sharedEssential[i]), ByLabel(sharedOther[i]), occupation.PreferredLabel);
        }

        return result;
    }

    /// <summary>Orders candidates worst first: lower score, fewer shared essential skills, then higher URI.</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Essential, ConceptUri Uri)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Essential, ConceptUri Uri) x, (double Score, int Essential, ConceptUri Uri) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byEssential = x.Essential.CompareTo(y.Essential);
            return byEssential != 0 ? byEssential : y.Uri.CompareTo(x.Uri);
        }
    }

    private struct Tally
    {
        public int Essential;
        public int Other;
    }
}
