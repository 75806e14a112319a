using System.Globalization;

namespace SkillGraph.Student;

/// <summary>Which extractor <see cref="StudentModels.OpenExtractor"/> opened, for answers and logs.</summary>
/// <param name="Kind">"trained" (heads from <see cref="Source"/>), "scorer" (a whole scorer file) or "zero-shot".</param>
public sealed record ExtractorInfo(string Version, string Kind, string? Source, string IndexPath);

/// <summary>
/// Opens the student extractor for a catalog with no manual step. The trained heads are looked for in this order:
/// an explicit model path (heads file or a whole scorer .onnx), <see cref="StudentHeads.DefaultPath"/> (what
/// <c>skillgraph train</c> writes), the heads shipped inside this assembly; with none, identity heads (zero-shot).
/// The label vectors of the catalog are embedded once and cached (<paramref name="cacheDirectory"/>), so the same
/// heads serve any catalog the store holds.
/// </summary>
public static class StudentModels
{
    public static (SkillExtractor Extractor, ExtractorInfo Info) OpenExtractor(
        SkillCatalog catalog, string? modelPath, string cacheDirectory, IProgress<(int Done, int Total)>? progress = null, int intraOpThreads = 1, bool narrowWhenBusy = false)
    {
        var opened = OpenStudent(catalog, modelPath, cacheDirectory, progress, intraOpThreads, narrowWhenBusy);
        return (opened.Extractor, opened.Info);
    }

    /// <summary><see cref="OpenExtractor"/> with what following the graph needs: the label index and the heads (null for a whole scorer, which cannot follow).</summary>
    internal static OpenedStudent OpenStudent(
        SkillCatalog catalog, string? modelPath, string cacheDirectory, IProgress<(int Done, int Total)>? progress, int intraOpThreads, bool narrowWhenBusy)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (modelPath is not null && !File.Exists(modelPath))
        {
            throw new FileNotFoundException($"no student model at {modelPath}.", modelPath);
        }

        if (modelPath is not null && Path.GetExtension(modelPath).Equals(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            // A whole scorer, trained for one catalog (the lab writes these).
            var whole = SkillExtractor.Load(catalog, modelPath, new ExtractorOptions { IntraOpThreads = intraOpThreads });
            var version = whole.Scorer.Metadata.TryGetValue("version", out var v) ? v : Path.GetFileNameWithoutExtension(modelPath);
            return new OpenedStudent(whole, new ExtractorInfo($"student-{version}", "scorer", modelPath, IndexPath(catalog, cacheDirectory)), null, null, intraOpThreads, narrowWhenBusy);
        }

        var (heads, source) = modelPath is not null ? (StudentHeads.Load(modelPath), modelPath)
            : File.Exists(StudentHeads.DefaultPath) ? (StudentHeads.Load(StudentHeads.DefaultPath), StudentHeads.DefaultPath)
            : StudentHeads.LoadShipped() is { } shipped ? (shipped, "shipped")
            : (null, null);
        return OpenIndexed(catalog, heads, source, cacheDirectory, progress, intraOpThreads, narrowWhenBusy);
    }

    /// <summary>
    /// The extractor over <paramref name="catalog"/> with these heads (null = identity: zero-shot), its label index
    /// cached under <paramref name="cacheDirectory"/>; <paramref name="source"/> names where the heads came from.
    /// </summary>
    public static (SkillExtractor Extractor, ExtractorInfo Info) Open(
        SkillCatalog catalog, StudentHeads? heads, string? source, string cacheDirectory, IProgress<(int Done, int Total)>? progress = null, int intraOpThreads = 1, bool narrowWhenBusy = false)
    {
        var opened = OpenIndexed(catalog, heads, source, cacheDirectory, progress, intraOpThreads, narrowWhenBusy);
        return (opened.Extractor, opened.Info);
    }

    static OpenedStudent OpenIndexed(
        SkillCatalog catalog, StudentHeads? heads, string? source, string cacheDirectory, IProgress<(int Done, int Total)>? progress, int intraOpThreads, bool narrowWhenBusy)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var indexPath = IndexPath(catalog, cacheDirectory);
        var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = intraOpThreads, Quantize = true, NarrowWhenBusy = narrowWhenBusy });
        try
        {
            var index = LoadOrBuildIndex(catalog, encoder, indexPath, progress);
            var scorer = BuildScorer(heads, index, catalog, intraOpThreads, narrowWhenBusy);
            var context = heads?.SpanContext ?? SpanContext.Standalone;
            var labelSpans = LabelSpanVectors.Build(catalog, index, encoder.Tokenizer, new SegmenterOptions().MaxSpanWords);
            var extractor = new SkillExtractor(new TextEncoder(encoder, null, context) { StandaloneSpanLimit = 96, LabelSpans = labelSpans }, scorer, catalog, [scorer, encoder])
            {
                Tagger = SpanTagger.LoadDefault(),
            };
            return new OpenedStudent(extractor, Info(heads, source, catalog, indexPath), index, heads, intraOpThreads, narrowWhenBusy);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>The scorer over <paramref name="index"/>'s label vectors with these heads (null = identity: zero-shot).</summary>
    internal static SkillScorer BuildScorer(StudentHeads? heads, SkillIndex index, SkillCatalog catalog, int intraOpThreads, bool narrowWhenBusy)
    {
        var labels = index.LabelMatrix(heads?.LabelAltWeight ?? 0.5f);
        return new SkillScorer(heads?.BuildScorer(labels, catalog) ?? ScorerModel.Build(null, MiniLmEncoder.Dimension, labels, catalog.Count), intraOpThreads, narrowWhenBusy);
    }

    /// <summary>What the extractor says it is: the heads' version, or zero-shot over this catalog.</summary>
    internal static ExtractorInfo Info(StudentHeads? heads, string? source, SkillCatalog catalog, string indexPath) => heads is null
        ? new ExtractorInfo($"student-zero-shot-{catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture)[..8]}", "zero-shot", null, indexPath)
        : new ExtractorInfo($"student-{heads.Version}", "trained", source, indexPath);

    /// <summary>Threads for the server's student: every core for a call that runs alone (see <see cref="MiniLmOptions.NarrowWhenBusy"/>).</summary>
    public static int ServerThreads => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The catalog's label index from the cache, or embedded now (≈ 1 min for full ESCO on 2 cores) and cached.</summary>
    public static SkillIndex LoadOrBuildIndex(SkillCatalog catalog, MiniLmEncoder encoder, string indexPath, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (File.Exists(indexPath))
        {
            var cached = SkillIndex.Load(indexPath);
            cached.EnsureMatches(catalog);
            return cached;
        }

        var index = SkillIndex.Build(catalog, encoder, progress);
        SaveIndex(index, indexPath);
        return SkillIndex.Load(indexPath); // the stored (half-precision) vectors: the same answers on the first run as on later ones
    }

    /// <summary>Writes <paramref name="index"/> to <paramref name="indexPath"/> atomically (concurrent writers never share a file).</summary>
    internal static void SaveIndex(SkillIndex index, string indexPath)
    {
        index.Save(indexPath);
    }

    /// <summary>Where the label index of <paramref name="catalog"/> is cached under <paramref name="cacheDirectory"/>.</summary>
    public static string IndexPath(SkillCatalog catalog, string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Path.Combine(cacheDirectory, $"labels-{catalog.Fingerprint().ToString("x16", CultureInfo.InvariantCulture)}.sgix");
    }
}
