using SkillGraph.Graph;

namespace SkillGraph.Tests.Graph;

/// <summary>Change-set ids sort in the order a process made them, also within one millisecond (the log is read in id order).</summary>
public sealed class ChangeSetIdTests
{
    [Fact]
    public void Ids_made_in_the_same_instant_sort_in_the_order_they_were_made()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 200).Select(_ => ChangeSet.NewId(now)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.StartsWith(now.UtcDateTime.ToString("yyyyMMdd'T'HHmm", System.Globalization.CultureInfo.InvariantCulture), ids[0], StringComparison.Ordinal);
    }
}
