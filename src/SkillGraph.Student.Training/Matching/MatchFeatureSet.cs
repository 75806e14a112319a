using System.Diagnostics;
using System.Globalization;
using SkillGraph.Formats;

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
            var job = analyzer.ReadJob(triples[i].JobDescription);
            matched[i] = analyzer.Compare(job, analyzer.Read(triples[i].ResumeMatched)).Features;
            unmatched[i] = analyzer.Compare(job, analyzer.Read(triples[i].ResumeUnmatched)).Features;
            if (progress is not null && ((i + 1) % 50 == 0 || i + 1 == triples.Count))
            {
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"features: {i + 1}/{triples.Count} records ({clock.Elapsed.TotalSeconds:0} s)"));
            }
        }

        return new MatchFeatureSet(triples, matched, unmatched);
    }

    /// <summary>
    /// The features of <paramref name="triples"/>, taken from <paramref name="cachePath"/> for the triples (by id) it holds for the same
    /// features and reading options (<paramref name="key"/>), built for the others; the file is then rewritten (atomically) with all.
    /// </summary>
    public static MatchFeatureSet BuildOrLoad(IReadOnlyList<MatchTriple> triples, MatchAnalyzer analyzer, string cachePath, string key, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triples);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(cachePath);
        var stamp = $"{key}|{string.Join(',', MatchAnalyzer.FeatureNames)}|{analyzer.Options}";
        var rows = new Dictionary<string, int[][]>(StringComparer.Ordinal);
        if (File.Exists(cachePath) && System.Text.Json.JsonSerializer.Deserialize<Cached>(File.ReadAllText(cachePath)) is { Rows: not null } cached && cached.Stamp == stamp)
        {
            rows = new Dictionary<string, int[][]>(cached.Rows, StringComparer.Ordinal);
        }

        var missing = triples.Where(t => !rows.ContainsKey(Key(t))).ToList();
        progress?.Report($"features: {triples.Count - missing.Count} of {triples.Count} records from {cachePath}");
        var built = Build(missing, analyzer, progress, cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            rows[Key(missing[i])] = [Encode(built.Matched[i]), Encode(built.Unmatched[i])];
        }

        AtomicFile.WriteAllText(cachePath, System.Text.Json.JsonSerializer.Serialize(new Cached(stamp, rows)));
        return new MatchFeatureSet(triples, [.. triples.Select(t => Decode(rows[Key(t)][0]))], [.. triples.Select(t => Decode(rows[Key(t)][1]))]);

        // NaN (an unknown feature) does not survive JSON numbers; rows travel as their float bits.
        static int[] Encode(float[] row) => [.. row.Select(BitConverter.SingleToInt32Bits)];
        static float[] Decode(int[] row) => [.. row.Select(BitConverter.Int32BitsToSingle)];
    }

    /// <summary>A short hash of the triples' keys, in order: two lists with the same fingerprint hold the same triples.</summary>
    public static string Fingerprint(IReadOnlyList<MatchTriple> triples)
    {
        ArgumentNullException.ThrowIfNull(triples);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', triples.Select(Key)))))[..16];
    }

    // A triple is its id and its texts' lengths (another teaching run may reuse an id for other texts).
    private static string Key(MatchTriple t) => $"{t.Id}|{t.JobDescription.Length}|{t.ResumeMatched.Length}|{t.ResumeUnmatched.Length}";

    private sealed record Cached(string Stamp, Dictionary<string, int[][]> Rows);
}
