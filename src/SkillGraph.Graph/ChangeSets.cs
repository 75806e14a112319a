using SkillGraph.Domain;

namespace SkillGraph.Graph;

/// <summary>
/// One field of one concept before and after a change, each value as JSON text (<c>null</c>: absent). Fields are the
/// concept's (<c>kind</c>, <c>preferredLabel</c>, <c>altLabels</c>, <c>description</c>, <c>status</c>, <c>replacedBy</c>) and
/// its outgoing relations, one change per relation added (<see cref="Before"/> null) or removed (<see cref="After"/> null)
/// under the relation's name (<c>essentialSkill</c>, <c>optionalSkill</c>, <c>broader</c>, <c>essentialRelatedSkill</c>,
/// <c>optionalRelatedSkill</c>) with the other end's URI as the value; the target records it too, as
/// <c>incoming:</c> + the relation's name with the source's URI, so that it shows in both ends' history.
/// </summary>
public sealed record FieldChange(ConceptUri Concept, string Field, string? Before, string? After);

/// <summary>
/// A steward's change, recorded with the write it describes in the same transaction: who, when, why, and every field
/// before and after. <see cref="Reverts"/> names the change set this one undid; <see cref="Reviewer"/> who accepted it when
/// it was a proposal (<see cref="Author"/> is then who proposed it). Ids sort in the order they were made.
/// </summary>
public sealed record ChangeSet(string Id, string Author, string Comment, DateTimeOffset CreatedAt, IReadOnlyList<FieldChange> Changes, string? Reverts = null, string? Reviewer = null)
{
    /// <summary>The concepts it touched, each once, in the order of <see cref="Changes"/>.</summary>
    public IReadOnlyList<ConceptUri> Concepts => [.. Changes.Select(c => c.Concept).Distinct()];

    private static long s_lastTicks;

    /// <summary>
    /// A new id that sorts after every id this process made before it for the same or a later time: the time to the tenth of
    /// a microsecond (moved one tick past the last id's when the clock has not advanced, or stepped back by up to a second, so
    /// two changes in one millisecond keep their order), then 8 random hex digits so that two servers never make the same id.
    /// </summary>
    public static string NewId(DateTimeOffset now)
    {
        long last, ticks;
        do
        {
            last = Volatile.Read(ref s_lastTicks);

            // One past the last id when it is at most a second ahead (the same instant, or a clock step back); an id asked for a
            // time well before the last one (a record written for another time) keeps its own time.
            ticks = last >= now.UtcTicks && last - now.UtcTicks <= TimeSpan.TicksPerSecond ? last + 1 : now.UtcTicks;
        }
        while (Interlocked.CompareExchange(ref s_lastTicks, ticks, last) != last);

        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{new DateTime(ticks, DateTimeKind.Utc):yyyyMMdd'T'HHmmssfffffff'Z'}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}");
    }
}

/// <summary>Which change sets to list: those touching <see cref="Concept"/> (all when null), made at or after <see cref="Since"/>.</summary>
public sealed record ChangeFilter(ConceptUri? Concept = null, DateTimeOffset? Since = null);

/// <summary>Reading the change log whole, page by page.</summary>
public static class ChangeLog
{
    /// <summary>Every change set that passes <paramref name="filter"/>, oldest first, read a page of the largest size at a time.</summary>
    public static async IAsyncEnumerable<ChangeSet> AllChangeSetsAsync(this IGraphStore store, ChangeFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = new PageRequest(PageRequest.MaxPageSize);
        while (true)
        {
            var sets = await store.GetChangeSetsAsync(filter, page, cancellationToken).ConfigureAwait(false);
            foreach (var set in sets.Items)
            {
                yield return set;
            }

            if (!sets.HasNextPage)
            {
                yield break;
            }

            page = page with { After = sets.EndCursor };
        }
    }
}
