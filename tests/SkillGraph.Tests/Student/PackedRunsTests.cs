using SkillGraph.Student;

namespace SkillGraph.Tests.Student;

/// <summary>
/// How token sequences are cut into encoder runs (<see cref="PackedRuns"/>): the fewest padded slots plus a cost per run, never more
/// rows than allowed; and <see cref="MiniLmEncoder.RunSorted"/> hands every sequence its own states back, in the order given.
/// </summary>
public sealed class PackedRunsTests
{
    [Fact]
    public void No_lengths_make_no_run_and_equal_lengths_make_as_few_runs_as_the_rows_allow()
    {
        Assert.Empty(PackedRuns.Plan([], 16));
        Assert.Equal([10], PackedRuns.Plan(Enumerable.Repeat(12, 10).ToArray(), 16));
        var forty = PackedRuns.Plan(Enumerable.Repeat(12, 40).ToArray(), 16);
        Assert.Equal(3, forty.Count);
        Assert.Equal(40, forty[^1]);
    }

    [Fact]
    public void A_few_long_sequences_run_apart_from_many_short_ones()
    {
        // 20 phrases of 4 tokens and 2 lines of 60: together 22 × 60 = 1,320 slots; apart 80 + 120 and one more run.
        int[] lengths = [.. Enumerable.Repeat(4, 20), 60, 60];
        Assert.Equal([20, 22], PackedRuns.Plan(lengths, 128));

        // When the run costs more than the padding it saves, they stay together.
        Assert.Equal([3], PackedRuns.Plan([5, 6, 7], 128, runCost: 32));
    }

    [Fact]
    public void The_plan_is_the_cheapest_of_all_cuts()
    {
        var random = new Random(14);
        for (var round = 0; round < 200; round++)
        {
            var lengths = Enumerable.Range(0, random.Next(1, 11)).Select(_ => random.Next(3, 70)).Order().ToArray();
            var maxRows = random.Next(1, 6);
            var cost = random.Next(0, 50);
            var plan = PackedRuns.Plan(lengths, maxRows, cost);
            Assert.Equal(lengths.Length, plan[^1]);
            Assert.All(plan.Zip(plan.Prepend(0)), p => Assert.InRange(p.First - p.Second, 1, maxRows));
            Assert.Equal(Cheapest(lengths, maxRows, cost), Cost(lengths, plan, cost));
        }
    }

    [Fact]
    public void Every_sequence_gets_its_own_states_back_whatever_run_it_went_in()
    {
        // The float encoder masks padding out, so a sequence's states in a packed run are its states when run alone.
        using var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 1 });
        string[] texts =
        [
            "design and maintain PostgreSQL databases for the reporting team and tune their slow queries every week",
            "Java",
            "mentor junior developers",
            "write automated tests",
            "deploy services on Kubernetes in AWS and monitor them with Prometheus and Grafana dashboards at night",
            "SQL",
        ];
        var sequences = texts.Select(t => encoder.Tokenizer.Encode(t, 128).ToArray()).ToArray();
        var packed = encoder.RunSorted(sequences, 4, packed: true);
        Assert.True(packed.Select(p => p.States).Distinct().Count() > 1, "the short and the long sequences should run apart");
        for (var i = 0; i < sequences.Length; i++)
        {
            var alone = encoder.Run([sequences[i]]);
            var (states, row) = packed[i];
            for (var t = 0; t < sequences[i].Length; t++)
            {
                var a = alone.Token(0, t).ToArray();
                var b = states.Token(row, t).ToArray();
                Assert.True(a.Zip(b).All(p => Math.Abs(p.First - p.Second) < 1e-3f), $"sequence {i} token {t} differs");
            }
        }
    }

    private static long Cost(int[] lengths, IReadOnlyList<int> ends, int runCost)
    {
        long total = 0;
        var start = 0;
        foreach (var end in ends)
        {
            total += ((long)(end - start) * lengths[end - 1]) + runCost;
            start = end;
        }

        return total;
    }

    // Every way of cutting the sorted lengths into runs of at most maxRows, by brute force.
    private static long Cheapest(int[] lengths, int maxRows, int runCost)
    {
        var best = long.MaxValue;
        var cuts = lengths.Length - 1;
        for (var mask = 0; mask < 1 << cuts; mask++)
        {
            var ends = Enumerable.Range(1, cuts).Where(i => (mask & (1 << (i - 1))) != 0).Append(lengths.Length).ToList();
            if (ends.Zip(ends.Prepend(0)).All(p => p.First - p.Second <= maxRows))
            {
                best = Math.Min(best, Cost(lengths, ends, runCost));
            }
        }

        return best;
    }
}
