using System.Text;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>What a fuzz run saw: statuses and error codes by kind, refusal latencies, and every failure with its case.</summary>
public sealed class FuzzReport
{
    private readonly object _gate = new();
    private readonly List<double> _refusalMilliseconds = [];

    public SortedDictionary<int, int> Statuses { get; } = [];

    public SortedDictionary<string, SortedDictionary<int, int>> StatusesByKind { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    /// <summary>Every refusal slower than <see cref="SlowRefusalMilliseconds"/>: the case, its status, its time and what was sent.</summary>
    public List<string> SlowRefusals { get; } = [];

    public const double SlowRefusalMilliseconds = 100;

    public int Count { get; private set; }

    public double MaxRefusalMilliseconds { get; private set; }

    public (int Index, string Kind) SlowestRefusal { get; private set; }

    public double RefusalP99 => Percentile(0.99);

    public double RefusalP50 => Percentile(0.50);

    public int Refusals => _refusalMilliseconds.Count;

    public int RefusalsOver(double milliseconds)
    {
        lock (_gate)
        {
            return _refusalMilliseconds.Count(m => m > milliseconds);
        }
    }

    public void Record(FuzzCase fuzz, int status, TimeSpan elapsed, bool refusal)
    {
        lock (_gate)
        {
            Count++;
            Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
            if (!StatusesByKind.TryGetValue(fuzz.Kind, out var byKind))
            {
                StatusesByKind[fuzz.Kind] = byKind = [];
            }

            byKind[status] = byKind.GetValueOrDefault(status) + 1;
            if (refusal)
            {
                _refusalMilliseconds.Add(elapsed.TotalMilliseconds);
                if (elapsed.TotalMilliseconds > SlowRefusalMilliseconds)
                {
                    SlowRefusals.Add($"case {fuzz.Index} ({fuzz.Kind}, {fuzz.Method}, {fuzz.ContentType}, {fuzz.Body?.Length ?? 0} bytes): {status} after {elapsed.TotalMilliseconds:0} ms; sent: {fuzz.Preview[..Math.Min(160, fuzz.Preview.Length)]}");
                }
                if (elapsed.TotalMilliseconds > MaxRefusalMilliseconds)
                {
                    MaxRefusalMilliseconds = elapsed.TotalMilliseconds;
                    SlowestRefusal = (fuzz.Index, fuzz.Kind);
                }
            }
        }
    }

    public void Fail(FuzzCase? fuzz, string problem)
    {
        lock (_gate)
        {
            Failures.Add(fuzz is null ? problem : $"case {fuzz.Index} ({fuzz.Kind}, {fuzz.Method} {fuzz.PathAndQuery[..Math.Min(80, fuzz.PathAndQuery.Length)]}, {fuzz.ContentType}): {problem}\n  sent: {fuzz.Preview}");
        }
    }

    public string Summary(int seed)
    {
        var text = new StringBuilder();
        text.AppendLine($"fuzz seed {seed}: {Count} requests, {Failures.Count} failures; statuses {string.Join(", ", Statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        text.AppendLine($"refusals: {Refusals}, p50 {RefusalP50:0.0} ms, p99 {RefusalP99:0.0} ms, max {MaxRefusalMilliseconds:0.0} ms (case {SlowestRefusal.Index}, {SlowestRefusal.Kind}), over 100 ms: {RefusalsOver(100)}");
        foreach (var (kind, statuses) in StatusesByKind)
        {
            text.AppendLine($"  {kind,-18} {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        }

        foreach (var slow in SlowRefusals.Take(50))
        {
            text.AppendLine("SLOW " + slow);
        }

        foreach (var failure in Failures.Take(20))
        {
            text.AppendLine("FAIL " + failure);
        }

        return text.ToString();
    }

    private double Percentile(double p)
    {
        lock (_gate)
        {
            if (_refusalMilliseconds.Count == 0)
            {
                return 0;
            }

            var sorted = _refusalMilliseconds.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        }
    }
}
