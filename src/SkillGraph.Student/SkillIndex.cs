using SkillGraph.Formats;
namespace SkillGraph.Student;

/// <summary>
/// Frozen-encoder embeddings of every label of a <see cref="SkillCatalog"/>: one vector per preferred label
/// and one per distinct alternative label (with the skill it belongs to). Saved as float16 in a compact binary file.
/// </summary>
public sealed class SkillIndex
{
    const int Magic = 0x58494753; // "SGIX"
    const int FormatVersion = 1;

    public SkillIndex(ulong catalogFingerprint, float[][] preferred, float[][] alt, int[] altOwner)
    {
        ArgumentNullException.ThrowIfNull(preferred);
        ArgumentNullException.ThrowIfNull(alt);
        ArgumentNullException.ThrowIfNull(altOwner);
        if (alt.Length != altOwner.Length) throw new ArgumentException("alt and altOwner differ in length", nameof(altOwner));
        CatalogFingerprint = catalogFingerprint;
        Preferred = preferred;
        Alt = alt;
        AltOwner = altOwner;
    }

    public ulong CatalogFingerprint { get; }
    /// <summary>L2-normalised embedding of each skill's preferred label, in catalog order.</summary>
    public float[][] Preferred { get; }
    /// <summary>L2-normalised embedding of each distinct alternative label.</summary>
    public float[][] Alt { get; }
    /// <summary>Catalog index of the skill each <see cref="Alt"/> row belongs to.</summary>
    public int[] AltOwner { get; }

    /// <summary>Embeds all labels of the catalog (alternative labels equal to the preferred label are skipped).</summary>
    public static SkillIndex Build(SkillCatalog catalog, MiniLmEncoder encoder, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(encoder);
        var texts = new List<string>(catalog.Count * 8);
        var owners = new List<int>(catalog.Count * 8);
        for (var i = 0; i < catalog.Count; i++)
        {
            foreach (var t in SkillCatalog.DistinctAltLabels(catalog[i])) { texts.Add(t); owners.Add(i); }
        }
        var prefTexts = catalog.Skills.Select(s => s.PreferredLabel).ToList();
        var all = prefTexts.Concat(texts).ToList();
        var result = new float[all.Count][];
        const int chunk = 2048;
        for (var start = 0; start < all.Count; start += chunk)
        {
            var n = Math.Min(chunk, all.Count - start);
            var part = encoder.Embed(all.GetRange(start, n), 64);
            Array.Copy(part, 0, result, start, n);
            progress?.Report((start + n, all.Count));
        }
        return new SkillIndex(catalog.Fingerprint(), result[..catalog.Count], result[catalog.Count..], [.. owners]);
    }

    /// <summary>
    /// The index of <paramref name="after"/>, made from this index of <paramref name="before"/> by embedding only the labels
    /// <paramref name="before"/> does not have for the same skill (a new skill's labels, a changed preferred label, an added
    /// alternative label): every other vector is reused, and skills no longer in <paramref name="after"/> lose theirs. Rows are
    /// in the order <see cref="Build"/> gives; the vectors of one <paramref name="embed"/> call may differ from a full
    /// build's in the last bits (the int8 encoder quantises per run).
    /// </summary>
    /// <param name="embed">embeds the labels it is given, one L2-normalised vector each (called once, and not at all when nothing is new).</param>
    public SkillIndex Follow(SkillCatalog before, SkillCatalog after, Func<IReadOnlyList<string>, float[][]> embed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(embed);
        EnsureMatches(before);
        var altRowsOf = new List<int>[before.Count];
        for (var a = 0; a < AltOwner.Length; a++)
        {
            (altRowsOf[AltOwner[a]] ??= []).Add(a);
        }

        var preferred = new float[after.Count][];
        var alt = new List<float[]?>(Alt.Length + 16);
        var owners = new List<int>(Alt.Length + 16);
        var pending = new List<string>();
        var slots = new List<(bool Preferred, int Row)>();
        for (var i = 0; i < after.Count; i++)
        {
            var skill = after[i];
            var k = before.IndexOfUri(skill.Uri);
            if (k >= 0 && ReferenceEquals(before[k], skill))
            {
                // the same entry (what SkillCatalog.With keeps): every vector as it was
                preferred[i] = Preferred[k];
                foreach (var row in altRowsOf[k] ?? [])
                {
                    alt.Add(Alt[row]);
                    owners.Add(i);
                }

                continue;
            }

            if (k >= 0 && string.Equals(before[k].PreferredLabel, skill.PreferredLabel, StringComparison.Ordinal))
            {
                preferred[i] = Preferred[k];
            }
            else
            {
                pending.Add(skill.PreferredLabel);
                slots.Add((true, i));
            }

            var old = new Dictionary<string, float[]>(StringComparer.Ordinal);
            if (k >= 0 && altRowsOf[k] is { } rows)
            {
                var texts = SkillCatalog.DistinctAltLabels(before[k]);
                for (var j = 0; j < Math.Min(rows.Count, texts.Count); j++)
                {
                    old.TryAdd(texts[j], Alt[rows[j]]);
                }
            }

            foreach (var text in SkillCatalog.DistinctAltLabels(skill))
            {
                if (!old.TryGetValue(text, out var vector))
                {
                    pending.Add(text);
                    slots.Add((false, alt.Count));
                }

                alt.Add(vector);
                owners.Add(i);
            }
        }

        if (pending.Count > 0)
        {
            var vectors = embed(pending);
            if (vectors.Length != pending.Count)
            {
                throw new InvalidOperationException($"the embedder gave {vectors.Length} vectors for {pending.Count} labels");
            }

            for (var p = 0; p < slots.Count; p++)
            {
                var v = vectors[p];
                for (var j = 0; j < v.Length; j++)
                {
                    v[j] = (float)(Half)v[j]; // the stored precision: the same answers now as after a restart from the cache
                }

                if (slots[p].Preferred)
                {
                    preferred[slots[p].Row] = vectors[p];
                }
                else
                {
                    alt[slots[p].Row] = vectors[p];
                }
            }
        }

        return new SkillIndex(after.Fingerprint(), preferred, [.. alt.Select(v => v!)], [.. owners]);
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(CatalogFingerprint);
            w.Write(MiniLmEncoder.Dimension);
            w.Write(Preferred.Length);
            w.Write(Alt.Length);
            foreach (var o in AltOwner) w.Write(o);
            foreach (var v in Preferred.Concat(Alt))
                foreach (var x in v) w.Write((Half)x);
        });
    }

    public static SkillIndex Load(string path)
    {
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 20));
        if (r.ReadInt32() != Magic || r.ReadInt32() != FormatVersion) throw new InvalidDataException($"{path} is not a skill index (format {FormatVersion})");
        var fp = r.ReadUInt64();
        var dim = r.ReadInt32();
        if (dim != MiniLmEncoder.Dimension) throw new InvalidDataException($"{path}: dimension {dim}, expected {MiniLmEncoder.Dimension}");
        var m = r.ReadInt32();
        var a = r.ReadInt32();
        var owners = new int[a];
        for (var i = 0; i < a; i++) owners[i] = r.ReadInt32();
        float[][] ReadRows(int n)
        {
            var rows = new float[n][];
            for (var i = 0; i < n; i++)
            {
                var v = new float[dim];
                for (var j = 0; j < dim; j++) v[j] = (float)r.ReadHalf();
                rows[i] = v;
            }
            return rows;
        }
        var pref = ReadRows(m);
        var alt = ReadRows(a);
        return new SkillIndex(fp, pref, alt, owners);
    }

    /// <summary>Throws when the index was built from another catalog.</summary>
    public void EnsureMatches(SkillCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Count != Preferred.Length || catalog.Fingerprint() != CatalogFingerprint)
            throw new InvalidOperationException("the skill index was built from a different catalog; rebuild it");
    }

    /// <summary>
    /// Row-major [skills, 384] label matrix the scorer compares against: normalize(preferred + altWeight · mean(alternatives)).
    /// </summary>
    public float[] LabelMatrix(float altWeight)
    {
        const int d = MiniLmEncoder.Dimension;
        var m = Preferred.Length;
        var result = new float[m * d];
        var counts = new int[m];
        var sums = new float[m * d];
        for (var a = 0; a < Alt.Length; a++)
        {
            var o = AltOwner[a];
            counts[o]++;
            System.Numerics.Tensors.TensorPrimitives.Add(sums.AsSpan(o * d, d), Alt[a], sums.AsSpan(o * d, d));
        }
        for (var i = 0; i < m; i++)
        {
            var dst = result.AsSpan(i * d, d);
            Preferred[i].CopyTo(dst);
            if (altWeight > 0 && counts[i] > 0)
            {
                var mean = sums.AsSpan(i * d, d);
                System.Numerics.Tensors.TensorPrimitives.Divide(mean, counts[i], mean);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(mean, altWeight, dst, dst);
            }
            MiniLmEncoder.Normalize(dst);
        }
        return result;
    }
}
