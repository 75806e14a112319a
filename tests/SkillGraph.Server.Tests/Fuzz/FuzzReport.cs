using System.Text;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>What a fuzz run saw: statuses and error codes by kind, refusal latencies, and every failure with its case.</summary>
public sealed class FuzzReport
{
    private readonly object _gate = new();
    private readonly List<double> _refusalMilliseconds = [];
    private readonly List<double> _clientRefusalMilliseconds = [];
    private int _serverTimed;

    public SortedDictionary<int, int> Statuses { get; } = [];

    public SortedDictionary<string, SortedDictionary<int, int>> StatusesByKind { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    /// <summary>Every refusal slower than <see cref="SlowRefusalMilliseconds"/>: the case, its status, its time and what was sent.</summary>
    public List<string> SlowRefusals { get; } = [];

    /// <summary>Refusals the server answered in time that took longer by the fuzzer's own clock (its side, or the wire).</summary>
    public List<string> SlowOnTheClientOnly { get; } = [];

    public const double SlowRefusalMilliseconds = 100;

    public int Count { get; private set; }

    public double MaxRefusalMilliseconds { get; private set; }

    public (int Index, string Kind) SlowestRefusal { get; private set; }

    public double RefusalP99 => Percentile(0.99);

    public double RefusalP50 => Percentile(0.50);

    public int Refusals => _refusalMilliseconds.Count;

    /// <summary>How many refusals carried the server's own time (<c>Server-Timing</c>).</summary>
    public int ServerTimed => _serverTimed;

    public int RefusalsOver(double milliseconds)
    {
        lock (_gate)
        {
            return _refusalMilliseconds.Count(m => m > milliseconds);
        }
    }

    /// <summary>
    /// One answer. A refusal's time is the server's own (<paramref name="server"/>, from its <c>Server-Timing</c> header) when
    /// it sent one, else the fuzzer's clock (<paramref name="elapsed"/>, which also counts the fuzzer's own pauses).
    /// </summary>
    public void Record(FuzzCase fuzz, int status, TimeSpan elapsed, TimeSpan? server, bool refusal)
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
            if (!refusal)
            {
                return;
            }

            var milliseconds = (server ?? elapsed).TotalMilliseconds;
            _serverTimed += server is null ? 0 : 1;
            _refusalMilliseconds.Add(milliseconds);
            _clientRefusalMilliseconds.Add(elapsed.TotalMilliseconds);
            var what = $"case {fuzz.Index} ({fuzz.Kind}, {fuzz.Method}, {fuzz.ContentType}, {fuzz.Body?.Length ?? 0} bytes): {status}";
            var sent = fuzz.Preview[..Math.Min(160, fuzz.Preview.Length)];
            if (milliseconds > SlowRefusalMilliseconds)
            {
                SlowRefusals.Add($"{what} after {milliseconds:0} ms{(server is null ? "" : $" (server), {elapsed.TotalMilliseconds:0} ms (fuzzer)")}; sent: {sent}");
            }
            else if (elapsed.TotalMilliseconds > SlowRefusalMilliseconds)
            {
                SlowOnTheClientOnly.Add($"{what} after {milliseconds:0.0} ms (server), {elapsed.TotalMilliseconds:0} ms (fuzzer); sent: {sent}");
            }

            if (milliseconds > MaxRefusalMilliseconds)
            {
                MaxRefusalMilliseconds = milliseconds;
                SlowestRefusal = (fuzz.Index, fuzz.Kind);
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
        text.AppendLine($"refusals: {Refusals}, p50 {RefusalP50:0.0} ms, p99 {RefusalP99:0.0} ms, max {MaxRefusalMilliseconds:0.0} ms (case {SlowestRefusal.Index}, {SlowestRefusal.Kind}), over 100 ms: {RefusalsOver(100)}"
            + $" ({_serverTimed} of them timed by the server's Server-Timing header); by the fuzzer's own clock: max {(_clientRefusalMilliseconds.Count == 0 ? 0 : _clientRefusalMilliseconds.Max()):0.0} ms, over 100 ms: {_clientRefusalMilliseconds.Count(m => m > SlowRefusalMilliseconds)}");
        foreach (var (kind, statuses) in StatusesByKind)
        {
            text.AppendLine($"  {kind,-18} {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        }

        foreach (var slow in SlowRefusals.Take(50))
        {
            text.AppendLine("SLOW " + slow);
        }

        foreach (var slow in SlowOnTheClientOnly.Take(20))
        {
            text.AppendLine("SLOW ON THE FUZZER'S SIDE " + slow);
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
