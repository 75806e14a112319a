using nietras.SeparatedValues;
using SkillGraph.Domain;
using SkillGraph.Formats;
using SkillGraph.Graph;

namespace SkillGraph.Teacher.Chat;

/// <summary>
/// The recorded SkillSkape corpus (job-ad sentences labelled with ESCO preferred labels) mapped onto ESCO URIs by
/// preferred label (case-insensitive). One split is read, train.csv or dev.csv (<see cref="ReplaySplit"/>): test.csv
/// is held out for evaluation and never touched here.
/// </summary>
public sealed class ReplayCorpus
{
    /// <summary>Every file replay may read, one per split; test.csv is not among them.</summary>
    public static readonly IReadOnlyList<string> Files = ["train.csv", "dev.csv"];

    private readonly Dictionary<string, List<int>> _bySkill;

    private ReplayCorpus(IReadOnlyList<ReplaySentence> sentences, int unmappedLabels)
    {
        Sentences = sentences;
        UnmappedLabels = unmappedLabels;
        _bySkill = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < sentences.Count; i++)
        {
            foreach (var uri in sentences[i].Skills)
            {
                if (!_bySkill.TryGetValue(uri, out var list))
                {
                    _bySkill[uri] = list = [];
                }

                list.Add(i);
            }
        }
    }

    /// <summary>Sentences whose every label mapped to a skill URI.</summary>
    public IReadOnlyList<ReplaySentence> Sentences { get; }

    /// <summary>Labels in the corpus that name no ESCO skill's preferred label (their sentences are left out).</summary>
    public int UnmappedLabels { get; }

    /// <summary>Indexes of the sentences that name at least one of <paramref name="skills"/>.</summary>
    public IEnumerable<int> SentencesNaming(IEnumerable<string> skills) =>
        skills.SelectMany(s => _bySkill.TryGetValue(s, out var list) ? list : []).Distinct();

    /// <summary>The file of <paramref name="split"/>: train.csv or dev.csv.</summary>
    public static string FileOf(ReplaySplit split) => split switch
    {
        ReplaySplit.Train => Files[0],
        ReplaySplit.Dev => Files[1],
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "the replay corpus has a train and a dev split"),
    };

    /// <summary>The sentences of one split (<see cref="FileOf"/>) whose labels all name ESCO skills; sources are <c>train:ROW</c> or <c>dev:ROW</c>.</summary>
    public static async Task<ReplayCorpus> LoadAsync(string directory, IGraphStore graph, ReplaySplit split, CancellationToken cancellationToken = default)
    {
        var byLabel = await SkillsByPreferredLabelAsync(graph, cancellationToken).ConfigureAwait(false);
        var sentences = new List<ReplaySentence>();
        var unmapped = 0;
        foreach (var file in new[] { FileOf(split) })
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"replay corpus file {path} not found (the replay teacher's {TeacherProviderOptions.SplitName(split)} split).", path);
            }

            using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
            foreach (var row in reader)
            {
                var text = row["sentence"].ToString().Trim();
                var labels = PythonList.Parse(row["skills"].ToString());
                var uris = new List<string>();
                var complete = labels.Count > 0;
                foreach (var label in labels)
                {
                    if (byLabel.TryGetValue(label.Trim(), out var uri))
                    {
                        if (!uris.Contains(uri))
                        {
                            uris.Add(uri);
                        }
                    }
                    else
                    {
                        unmapped++;
                        complete = false;
                    }
                }

                if (complete && text.Length > 0)
                {
                    sentences.Add(new ReplaySentence($"{Path.GetFileNameWithoutExtension(file)}:{row[0].ToString()}", text, uris));
                }
            }
        }

        return new ReplayCorpus(sentences, unmapped);
    }

    private static async Task<Dictionary<string, string>> SkillsByPreferredLabelAsync(IGraphStore graph, CancellationToken cancellationToken)
    {
        var byLabel = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? after = null;
        do
        {
            var page = await graph.ListConceptsAsync(new ConceptFilter(ConceptKind.Skill), new PageRequest(PageRequest.MaxPageSize, after), cancellationToken).ConfigureAwait(false);
            var concepts = await graph.GetConceptsAsync(page.Items, cancellationToken).ConfigureAwait(false);
            foreach (var concept in concepts)
            {
                if (concept is not null)
                {
                    byLabel.TryAdd(concept.PreferredLabel.Trim(), concept.Uri.Value);
                }
            }

            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null);
        return byLabel;
    }
}

/// <summary>A recorded sentence and the URIs of the skills it is labelled with.</summary>
public sealed record ReplaySentence(string Source, string Text, IReadOnlyList<string> Skills);
