using System.Globalization;

namespace SkillGraph.Student;

/// <summary>Which extractor <see cref="StudentModels.OpenExtractor"/> opened, for answers and logs.</summary>
public sealed record ExtractorInfo(string Version, string Kind, string? ScorerPath, string IndexPath);

/// <summary>
/// Opens the student extractor for a catalog with no manual step: the trained scorer when one exists for this
/// catalog, else a zero-shot scorer (identity heads over the catalog's label vectors, the same ONNX graph) whose
/// label index is built once and cached. Training (tools/SkillGraph.StudentLab) replaces the zero-shot heads.
/// </summary>
public static class StudentModels
{
    public const string DefaultScorerPath = "models/student/scorer.onnx";

    public static (SkillExtractor Extractor, ExtractorInfo Info) OpenExtractor(
        SkillCatalog catalog, string? scorerPath, string cacheDirectory, IProgress<(int Done, int Total)>? progress = null, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var fingerprint = catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture);
        var indexPath = Path.Combine(cacheDirectory, $"labels-{fingerprint}.sgix");
        if (scorerPath is not null && !File.Exists(scorerPath))
        {
            throw new FileNotFoundException($"no scorer model at {scorerPath}.", scorerPath);
        }

        var path = scorerPath ?? (File.Exists(DefaultScorerPath) ? DefaultScorerPath : null);
        var note = string.Empty;
        if (path is not null)
        {
            try
            {
                var trained = SkillExtractor.Load(catalog, path, new ExtractorOptions { IntraOpThreads = intraOpThreads });
                var version = trained.Scorer.Metadata.TryGetValue("version", out var v) ? v : Path.GetFileNameWithoutExtension(path);
                return (trained, new ExtractorInfo($"student-{version}", "trained", path, indexPath));
            }
            catch (InvalidOperationException) when (scorerPath is null)
            {
                // The default model was trained for another catalog (e.g. full ESCO while this store holds the sample graph).
                note = $" (the trained {path} is for another skill catalog)";
            }
        }

        var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = intraOpThreads, Quantize = true });
        try
        {
            SkillIndex index;
            if (File.Exists(indexPath))
            {
                index = SkillIndex.Load(indexPath);
                index.EnsureMatches(catalog);
            }
            else
            {
                index = SkillIndex.Build(catalog, encoder, progress);
                Directory.CreateDirectory(cacheDirectory);
                var temporary = $"{indexPath}.{Guid.NewGuid():N}.tmp"; // concurrent builders never share a file
                index.Save(temporary);
                File.Move(temporary, indexPath, overwrite: true);
            }

            var scorer = new SkillScorer(ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count), intraOpThreads);
            var extractor = new SkillExtractor(new TextEncoder(encoder, null, SpanContext.Standalone) { StandaloneSpanLimit = 96 }, scorer, catalog, [scorer, encoder]);
            return (extractor, new ExtractorInfo($"student-zero-shot-{fingerprint[..8]}", "zero-shot" + note, null, indexPath));
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}
