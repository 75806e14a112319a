namespace SkillGraph.Teacher.Tests.Support;

/// <summary>Where the shared data lives: $SKILLGRAPH_DATA, else ../shared/data next to the repository.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DataRoot { get; } =
        Environment.GetEnvironmentVariable("SKILLGRAPH_DATA") is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string EscoDirectory => Path.Combine(DataRoot, "esco", "v1.1.1");

    public static string SkillskapeDirectory => Path.Combine(DataRoot, "skillskape");

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "skillgraph-teacher-tests", Guid.NewGuid().ToString("N"));
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
