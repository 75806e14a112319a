namespace SkillGraph.Testing;

/// <summary>
/// Where the test suites find things: the repository (the folder with SkillGraph.sln above the test assembly) and
/// the shared data ($SKILLGRAPH_DATA, else ../shared/data next to the repository). One file, linked into every
/// test project.
/// </summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DataRoot { get; } =
        Environment.GetEnvironmentVariable("SKILLGRAPH_DATA") is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string EscoDirectory => Path.Combine(DataRoot, "esco", "v1.1.1");

    public static string SkillskapeDirectory => Path.Combine(DataRoot, "skillskape");

    /// <summary>A new empty folder under the temp folder; the caller deletes it.</summary>
    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "skillgraph-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
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

        throw new InvalidOperationException($"no SkillGraph.sln above {AppContext.BaseDirectory}.");
    }
}
