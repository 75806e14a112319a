using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;

namespace SkillGraph.Bench;

/// <summary>The full ESCO store the benchmarks read: built once under the temp folder, reused by later runs.</summary>
public static class BenchStore
{
    public static string DataRoot =>
        Environment.GetEnvironmentVariable("SKILLGRAPH_DATA") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "data"));

    public static string EscoDirectory => Path.Combine(DataRoot, "esco", "v1.1.1");

    public static string DatabasePath => Environment.GetEnvironmentVariable("SKILLGRAPH_BENCH_DB") is { Length: > 0 } path
        ? path
        : Path.Combine(Path.GetTempPath(), "skillgraph-bench", "esco.db");

    /// <summary>Opens the benchmark store, importing ESCO into it first if it is new.</summary>
    public static SqliteGraphStore Open()
    {
        var isNew = !File.Exists(DatabasePath);
        var store = SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = DatabasePath, SeedSampleWhenEmpty = false }).GetAwaiter().GetResult();
        if (isNew || store.Snapshot.Concepts.Length < 10_000)
        {
            using var source = new DirectoryEscoSource(EscoDirectory);
            store.WriteAsync(new EscoImporter().Read(source)).AsTask().GetAwaiter().GetResult();
        }

        return store;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SkillGraph.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
