namespace SkillGraph.Student;

/// <summary>
/// What a <see cref="SkillExtractor"/> ranks against: a skill catalog and the scorer holding its label vectors, swapped as
/// one reference when the graph changes. Readers lease it for one ranking; the scorer is disposed (when owned) once it is
/// swapped out and the last reader is done, so a ranking never runs on a disposed session nor mixes two catalogs.
/// </summary>
internal sealed class ExtractorLabels(SkillCatalog catalog, SkillScorer scorer, bool ownsScorer)
{
    private int _leases = 1; // the extractor's own reference, released when swapped out

    public SkillCatalog Catalog { get; } = catalog;

    public SkillScorer Scorer { get; } = scorer;

    /// <summary>Takes a lease; false when this set was already swapped out and released (take the current one again).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var leases = Volatile.Read(ref _leases);
            if (leases == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && ownsScorer)
        {
            Scorer.Dispose();
        }
    }
}
