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
        // Read 1: the occupation's skills, and the occupations that list each of them.
        var peers = await graph.GetOccupationPeersAsync(query.Occupation, query.OptionalWeight > 0, cancellationToken).ConfigureAwait(false);
        var essential = peers.Essential;
        var essentialSet = essential.ToHashSet();

        // Our skill i counts as shared essential with an occupation that lists it essentially when it is essential for us
        // too; every other listing of one of our skills is another shared skill. An optional skill that is also essential
        // for us is counted once, as essential.
        var ours = new HashSet<ConceptUri>(essentialSet);
        var counted = new bool[essential.Count + peers.Optional.Count];
        for (var i = 0; i < counted.Length; i++)
        {
            counted[i] = i < essential.Count || ours.Add(peers.Optional[i - essential.Count]);
        }

        // One pass over the occupations that list each of our skills: count shared essential and other shared skills.
        var tallies = new Dictionary<ConceptUri, Tally>();
        for (var i = 0; i < counted.Length; i++)
        {
            if (!counted[i])
            {
                continue;
            }

            foreach (var other in peers.EssentialFor[i])
            {
                ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(tallies, other, out _);
                if (i < essential.Count)
                {
                    tally.Essential++;
                }
                else
                {
                    tally.Other++;
                }
            }

            foreach (var other in peers.OptionalFor[i])
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, other, out _).Other++;
            }
        }

        tallies.Remove(query.Occupation);

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

        var top = new (ConceptUri Uri, double Score)[heap.Count];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var uri, out var key);
            top[i] = (uri!, key.Score);
        }

        // The shared skills, for the winners only, from the same listings.
        var winner = new Dictionary<ConceptUri, int>(top.Length);
        for (var i = 0; i < top.Length; i++)
        {
            winner[top[i].Uri] = i;
        }

        var sharedEssential = new List<ConceptUri>[top.Length];
        var sharedOther = new List<ConceptUri>[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            sharedEssential[i] = [];
            sharedOther[i] = [];
        }

        var skills = peers.Skills.ToArray();
        for (var i = 0; i < counted.Length; i++)
        {
            if (!counted[i])
            {
                continue;
            }

            foreach (var other in peers.EssentialFor[i])
            {
                if (winner.TryGetValue(other, out var w))
                {
                    (i < essential.Count ? sharedEssential[w] : sharedOther[w]).Add(skills[i]);
                }
            }

            foreach (var other in peers.OptionalFor[i])
            {
                if (winner.TryGetValue(other, out var w) && !(i < essential.Count && sharedEssential[w].Contains(skills[i])) && !sharedOther[w].Contains(skills[i]))
                {
                    sharedOther[w].Add(skills[i]);
                }
            }
        }

        // Read 2: the occupation itself, the winners and their shared skills, in one batch.
        var needed = new HashSet<ConceptUri>(top.Length * 8) { query.Occupation };
        for (var i = 0; i < top.Length; i++)
        {
            needed.Add(top[i].Uri);
            needed.UnionWith(sharedEssential[i]);
            needed.UnionWith(sharedOther[i]);
        }

        ConceptUri[] neededUris = [query.Occupation, .. needed.Where(u => u != query.Occupation)];
        var neededConcepts = await graph.GetConceptsAsync(neededUris, cancellationToken).ConfigureAwait(false);
        var occupation = GraphReads.Require(neededConcepts[0], query.Occupation, ConceptKind.Occupation);
        var refs = new Dictionary<ConceptUri, ConceptRef>(neededUris.Length);
        for (var i = 1; i < neededUris.Length; i++)
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
