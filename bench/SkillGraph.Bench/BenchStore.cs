using Microsoft.Extensions.Configuration;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Bench;

/// <summary>The full ESCO store the benchmarks read: built once under the temp folder, reused by later runs.</summary>
public static class BenchStore
{
    /// <summary>$SKILLGRAPH_DATA, else ../shared/data beside the repository — the same resolution as the CLI's.</summary>
    public static string DataRoot => Student.Evaluation.EvaluationData.ResolveRoot(Environment.GetEnvironmentVariable(Student.Evaluation.EvaluationData.DataVariable));

    public static string EscoDirectory => Path.Combine(DataRoot, "esco", "v1.1.1");

    public static string DatabasePath => Environment.GetEnvironmentVariable("SKILLGRAPH_BENCH_DB") is { Length: > 0 } path
        ? path
        : Path.Combine(Path.GetTempPath(), "skillgraph-bench", "esco.db");

    /// <summary>
    /// The store the graph workloads run on: the embedded benchmark store, or — with <c>Graph__Store=Neo4j</c> and
    /// <c>Graph__Neo4j__*</c> in the environment, as <c>bench/neo4j.sh</c> sets them (and BenchmarkDotNet's child
    /// processes inherit) — the Neo4j adapter, which must already hold full ESCO.
    /// </summary>
    public static IGraphStore OpenForWorkloads()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("Graph__Store"), "Neo4j", StringComparison.OrdinalIgnoreCase))
        {
            return Open();
        }

        return Neo4jGraphStore.ConnectAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build()).GetAwaiter().GetResult();
    }

    /// <summary>Opens the benchmark store, importing ESCO into it first if it is new.</summary>
    public static SqliteGraphStore Open()
    {
        var isNew = !File.Exists(DatabasePath);
        var store = SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = DatabasePath, SeedSampleWhenEmpty = false }).GetAwaiter().GetResult();
        if (isNew || store.Snapshot.Concepts.Count < 10_000)
        {
            using var source = new DirectoryEscoSource(EscoDirectory);
            store.WriteAsync(new EscoImporter().Read(source)).AsTask().GetAwaiter().GetResult();
        }

        return store;
    }
}
