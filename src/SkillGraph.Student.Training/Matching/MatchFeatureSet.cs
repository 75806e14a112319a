using System.Diagnostics;
using System.Globalization;

namespace SkillGraph.Student.Matching;

/// <summary>Triples with their features computed (two feature rows each), so that several heads can be fitted on one pass of the extractor.</summary>
public sealed record MatchFeatureSet(IReadOnlyList<MatchTriple> Triples, float[][] Matched, float[][] Unmatched)
{
    public static MatchFeatureSet Build(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(analyzer);
        var matched = new float[triples.Count][];
        var unmatched = new float[triples.Count][];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < triples.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var job = analyzer.Read(triples[i].JobDescription);
            matched[i] = analyzer.Compare(job, analyzer.Read(triples[i].ResumeMatched)).Features;
            unmatched[i] = analyzer.Compare(job, analyzer.Read(triples[i].ResumeUnmatched)).Features;
            if (progress is not null && ((i + 1) % 50 == 0 || i + 1 == triples.Count))
            {
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"features: {i + 1}/{triples.Count} records ({clock.Elapsed.TotalSeconds:0} s)"));
            }
        }

        return new MatchFeatureSet(triples, matched, unmatched);
    }
}
