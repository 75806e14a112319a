using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>
/// Samples occupations stratified over the ISCO major groups (first digit of the occupation's code): each group
/// is shuffled with the seed, then groups take turns in digit order, so N occupations spread over all ten groups
/// as evenly as their sizes allow. The same graph and seed always give the same list.
/// </summary>
public static class OccupationSampler
{
    public static async Task<IReadOnlyList<ConceptUri>> SampleAsync(IGraphStore graph, int count, int seed, CancellationToken cancellationToken = default)
    {
        var groups = new SortedDictionary<char, List<ConceptUri>>();
        string? after = null;
        do
        {
            var page = await graph.ListConceptsAsync(new ConceptFilter(ConceptKind.Occupation), new PageRequest(PageRequest.MaxPageSize, after), cancellationToken).ConfigureAwait(false);
            var concepts = await graph.GetConceptsAsync(page.Items, cancellationToken).ConfigureAwait(false);
            foreach (var concept in concepts)
            {
                if (concept is null)
                {
                    continue;
                }

                var major = concept.Code is { Length: > 0 } code && char.IsAsciiDigit(code[0]) ? code[0] : '?';
                if (!groups.TryGetValue(major, out var list))
                {
                    groups[major] = list = [];
                }

                list.Add(concept.Uri);
            }

            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null);

        var random = new Random(seed);
        var queues = new List<Queue<ConceptUri>>();
        foreach (var (_, list) in groups)
        {
            list.Sort();
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }

            queues.Add(new Queue<ConceptUri>(list));
        }

        var sample = new List<ConceptUri>(count);
        while (sample.Count < count && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues)
            {
                if (sample.Count < count && queue.TryDequeue(out var uri))
                {
                    sample.Add(uri);
                }
            }
        }

        return sample;
    }
}
